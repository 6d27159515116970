// The one door: look up the command, validate its input, run it (writes in one transaction) and
// answer with an envelope. Thrown errors never cross a boundary; their code and message do.
import type { ZodError } from 'zod';
import { commands, isCommandName } from '../../common/api';
import type { CommandName } from '../../common/api';
import { LotlineError } from '../../common/errors';
import type { Envelope, ErrorBody } from '../../common/errors';
import type { HandlerContext, Handlers } from './handlers';

export type AfterWrite = (command: CommandName) => void;

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** "lines[0].quantity: must be a positive number …; gtin: GTIN check digit should be 3" */
export function describeValidation(error: ZodError): ErrorBody {
  const issues = error.issues.map((issue) => {
    const field = formatPath(issue.path);
    const message = /received undefined$/.test(issue.message) ? 'is required' : issue.message;
    return { field: field || '(input)', message };
  });
  return {
    code: 'VALIDATION',
    message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    details: { issues },
  };
}

function errorBody(error: unknown): ErrorBody {
  if (error instanceof LotlineError) return error.toBody();
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY') return { code: 'CONFLICT', message: 'The database is busy with another station’s change; try again in a moment' };
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT', message: `The change conflicts with what is already recorded (${(error as Error).message})` };
  }
  return { code: 'INTERNAL', message: `Lotline could not complete this: ${error instanceof Error ? error.message : String(error)}` };
}

export function createDispatcher(ctx: HandlerContext, table: Handlers, afterWrite: AfterWrite) {
  const inTransaction = ctx.core.db.transaction((handler: (input: unknown, ctx: HandlerContext) => unknown, input: unknown) => handler(input, ctx));
  // Async for the callers' sake (IPC, HTTP, the worker): the core itself is synchronous.
  return (name: string, raw: unknown): Promise<Envelope<unknown>> => Promise.resolve(dispatch(name, raw));

  function dispatch(name: string, raw: unknown): Envelope<unknown> {
    if (!isCommandName(name)) return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `There is no command "${name}"` } };
    const spec = commands[name];
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: describeValidation(parsed.error) };
    const handler = table[name] as (input: unknown, ctx: HandlerContext) => unknown;
    try {
      // Writes take the write lock up front; reads run in one read transaction so that a command reading in
      // several steps (trace, verify) sees one moment even while another station writes.
      const value = spec.writes ? inTransaction.immediate(handler, parsed.data) : inTransaction.deferred(handler, parsed.data);
      if (spec.writes) afterWrite(name);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: errorBody(error) };
    }
  }
}
