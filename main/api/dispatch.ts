// The one door: look up the command, validate its input, run it (writes in one transaction) and
// answer with an envelope. Thrown errors never cross a boundary; their code and message do.
import type { ZodError } from 'zod';
import { commands, isCommandName } from '../../common/api';
import type { CommandName } from '../../common/api';
import { LotlineError } from '../../common/errors';
import type { Envelope, ErrorBody } from '../../common/errors';
import type { HandlerContext, Handlers } from './handlers';
import { KeptRefusal } from '../core/kept-refusal';
import { SessionStore } from '../core/users/sessions';
import { SYSTEM_CALLER } from './caller';
import { identify } from './identify';
import { prepare } from './credential-prep';

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

type Handler = (input: unknown, ctx: HandlerContext) => unknown;

interface Accepted {
  name: CommandName;
  writes: boolean;
  handler: Handler;
  input: unknown;
  ctx: HandlerContext;
  resolve: (envelope: Envelope<unknown>) => void;
}

/** The outcome of a handler inside its transaction: a KeptRefusal is returned, not thrown, so that its writes commit. */
type Outcome = { value: unknown } | { refusal: KeptRefusal };

function outcome(handler: Handler, input: unknown, ctx: HandlerContext): Outcome {
  try {
    return { value: handler(input, ctx) };
  } catch (error) {
    if (error instanceof KeptRefusal) return { refusal: error };
    throw error;
  }
}

/** Writes that arrive together commit together, at most this many in one transaction. */
const MAX_GROUP = 256;

/**
 * Commands are validated at once and run in arrival order on the next turn of the event loop. Writes
 * that arrived together (several stations scanning at the same moment) commit together: each in its
 * own savepoint, so a refused one changes nothing, then one COMMIT — one sync to disk — for all, and
 * every caller is answered only after it. A lone write is its own transaction, as always.
 */
/** What the dispatcher starts from; without sessions of its own it makes them (benchmarks build it by hand). */
export type DispatchContext = Omit<HandlerContext, 'sessions' | 'caller' | 'prepared'> & Partial<Pick<HandlerContext, 'sessions'>>;

export function createDispatcher(start: DispatchContext, table: Handlers, afterWrite: AfterWrite) {
  const base: HandlerContext = { sessions: new SessionStore(), ...start, caller: SYSTEM_CALLER, prepared: {} };
  const { db } = base.core;
  const one = db.transaction((handler: Handler, input: unknown, ctx: HandlerContext) => outcome(handler, input, ctx));
  const group = db.transaction((writes: readonly Accepted[]) => writes.map((w) => attempt(() => one(w.handler, w.input, w.ctx))));
  let queue: Accepted[] = [];
  let scheduled = false;

  /**
   * Async for the callers' sake (IPC, HTTP, the worker): the core itself is synchronous. `session` is the token a door
   * carries (null when it has none); undefined means an in-process caller acting as the local system identity.
   */
  return async (name: string, raw: unknown, session?: string | null): Promise<Envelope<unknown>> => {
    if (!isCommandName(name)) return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `There is no command "${name}"` } };
    const spec = commands[name];
    // Who calls comes first: someone without the role hears that, not what is wrong with their input.
    const who = identify(base, spec, session);
    if (!who.ok) return { ok: false, error: who.error };
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: describeValidation(parsed.error) };
    let ctx: HandlerContext = who.ctx;
    try {
      const prepared = await prepare(name, parsed.data, ctx);
      if (prepared) ctx = { ...ctx, prepared };
    } catch (error) {
      return { ok: false, error: errorBody(error) };
    }
    if (spec.device) return device(name, table[name] as Handler, parsed.data, ctx);
    return new Promise((resolve) => {
      queue.push({ name, writes: spec.writes, handler: table[name] as Handler, input: parsed.data, ctx, resolve });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  };

  /** A device command waits on its device outside any transaction; the core commits each of its steps itself. */
  async function device(name: CommandName, handler: Handler, input: unknown, ctx: HandlerContext): Promise<Envelope<unknown>> {
    try {
      const value = await handler(input, ctx);
      if (commands[name].writes) afterWrite(name);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: errorBody(error) };
    }
  }

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; ) {
      const first = batch[i] as Accepted;
      if (!first.writes) {
        // Reads run in one read transaction so that a command reading in several steps (trace, verify)
        // sees one moment even while another station writes.
        first.resolve(attempt(() => one.deferred(first.handler, first.input, first.ctx)));
        i++;
        continue;
      }
      let end = i + 1;
      while (end < batch.length && end - i < MAX_GROUP && (batch[end] as Accepted).writes) end++;
      commit(batch.slice(i, end));
      i = end;
    }
  }

  function commit(writes: readonly Accepted[]): void {
    let results: Envelope<unknown>[];
    try {
      // Writes take the write lock up front.
      const single = writes[0] as Accepted;
      results = writes.length === 1 ? [attempt(() => one.immediate(single.handler, single.input, single.ctx))] : group.immediate(writes);
    } catch (error) {
      // The commit itself failed (the lock, the disk): none of them happened.
      results = writes.map(() => ({ ok: false, error: errorBody(error) }));
    }
    writes.forEach((w, k) => {
      const result = results[k] as Envelope<unknown>;
      if (result.ok) afterWrite(w.name);
      w.resolve(result);
    });
  }
}

function attempt(run: () => Outcome): Envelope<unknown> {
  try {
    const result = run();
    return 'refusal' in result ? { ok: false, error: result.refusal.toBody() } : { ok: true, value: result.value };
  } catch (error) {
    return { ok: false, error: errorBody(error) };
  }
}
