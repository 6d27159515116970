// Direct api calls for choosing test data, through the same door the UI uses.
import type { APIRequestContext } from '@playwright/test';
import type { CommandInput, CommandName, CommandResult } from '../common/api/index';
import type { Envelope } from '../common/errors';
import { E2E_TOKEN } from './session';

export async function callApi<K extends CommandName>(
  request: APIRequestContext,
  name: K,
  input: CommandInput<K>,
): Promise<CommandResult<K>> {
  const response = await request.post(`/api/${name}`, { headers: { Authorization: `Bearer ${E2E_TOKEN}` }, data: input });
  const envelope = (await response.json()) as Envelope<CommandResult<K>>;
  if (!envelope.ok) throw new Error(`${name} was refused: ${envelope.error.message}`);
  return envelope.value;
}
