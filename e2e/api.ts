// Direct api calls for choosing test data, through the same door the UI uses, each as the demo user whose work it is:
// QA releases (signed) and keeps master data, the operator receives and makes, the admin changes site settings.
import { test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import type { CommandInput, CommandName, CommandResult } from '../common/api/index';
import type { Envelope } from '../common/errors';
import { DEMO_USERS, E2E_TOKEN } from './session';
import type { DemoUser } from './session';

/** Sessions by host and user, kept for the worker's life: signing in costs a second of scrypt each time. */
const sessions = new Map<string, Promise<string>>();

export function demoPassword(user: DemoUser): string {
  const found = DEMO_USERS.find((u) => u.username === user);
  if (!found) throw new Error(`No demo user ${user}`);
  return found.password;
}

async function post(request: APIRequestContext, name: string, input: unknown, session: string | null): Promise<Envelope<unknown>> {
  const response = await request.post(`/api/${name}`, {
    headers: { Authorization: `Bearer ${E2E_TOKEN}`, ...(session ? { 'X-Lotline-Session': session } : {}) },
    data: input,
  });
  return (await response.json()) as Envelope<unknown>;
}

/** The demo user's session for this worker, signed in once (through the api, as the sign-in screen does). */
export async function sessionOf(request: APIRequestContext, user: DemoUser): Promise<string> {
  const key = `${String(test.info().project.use.baseURL)} ${user}`;
  let session = sessions.get(key);
  if (!session) {
    session = post(request, 'auth.login', { username: user, password: demoPassword(user) }, null).then((envelope) => {
      if (!envelope.ok) throw new Error(`${user} could not sign in: ${envelope.error.message}`);
      return (envelope.value as { token: string }).token;
    });
    sessions.set(key, session);
  }
  return session;
}

const byQa = new Set<string>([
  'units.setStatus',
  'items.create',
  'boms.create',
  'suppliers.create',
  'customers.create',
  'locations.create',
]);
const byAdmin = new Set<string>(['settings.set', 'security.set', 'users.create', 'users.setRoles', 'users.resetPassword', 'users.unlock']);
const byOperator = /^(receiving|workOrders|stations|shipments|events|printing|labels|devices|epcis)\./;

function whoseWork(name: string): DemoUser {
  if (byAdmin.has(name)) return 'admin';
  if (byQa.has(name)) return 'qa1';
  return byOperator.test(name) ? 'op1' : 'qa1';
}

export async function callApi<K extends CommandName>(
  request: APIRequestContext,
  name: K,
  input: CommandInput<K>,
  as: DemoUser = whoseWork(name),
): Promise<CommandResult<K>> {
  // A release or rejection is QA's signed decision.
  const signed =
    name === 'units.setStatus' && ['released', 'rejected'].includes((input as { status: string }).status)
      ? { ...input, signature: { meaning: (input as { status: string }).status, username: as, password: demoPassword(as) } }
      : input;
  const envelope = await post(request, name, signed, await sessionOf(request, as));
  if (!envelope.ok) throw new Error(`${name} was refused: ${envelope.error.message}`);
  return envelope.value as CommandResult<K>;
}

/** A resin lot received for one test alone (its supplier lot names the test's tag, window size and moment). */
export async function receiveResinLot(request: APIRequestContext, tag: string, quantity: number, testInfo: { project: { name: string } }) {
  const receipt = await callApi(request, 'receiving.receive', {
    supplier: 'POLYMERIX',
    lines: [{ part: 'RES-PC', supplierLot: `E2E-${tag}${testInfo.project.name}-${Date.now()}`, quantity }],
  });
  const lot = receipt.lots[0];
  if (!lot) throw new Error('The receipt made no lot');
  return lot;
}
