// The typed api contract: every command has a name, a zod input schema and a result type.
import type { z } from 'zod';
import type { Role } from './users';

export interface CommandSpec<In extends z.ZodType = z.ZodType, Out = unknown> {
  readonly input: In;
  /** Writes run in one transaction: all or nothing. */
  readonly writes: boolean;
  readonly summary: string;
  /** Talks to a device: runs outside the command transaction (the core commits its own steps) and answers later. */
  readonly device?: true;
  /** Who may run it. Default: every signed-in user for reads, operator, QA and admin for writes. */
  readonly roles?: readonly Role[];
  /** What the command does, as the subject of a refusal: "Releasing a lot" needs the QA role. Default: the summary. */
  readonly action?: string;
  /** Runs without a session (signing in, first-run setup). */
  readonly anonymous?: true;
  /** Phantom: carries the result type only. */
  readonly result?: Out;
}

/** What a command declares: its input, whether it writes, what it does, and who may run it. */
export interface CommandDeclaration<In extends z.ZodType> {
  input: In;
  writes: boolean;
  summary: string;
  roles?: readonly Role[];
  action?: string;
  anonymous?: true;
}

/** `command<Result>()({ input, writes, summary })` — curried so the result type is explicit and the input inferred. */
export function command<Out>() {
  return <In extends z.ZodType>(spec: CommandDeclaration<In>): CommandSpec<In, Out> => spec;
}

/** `deviceCommand<Result>()({ ... })` — a command whose handler waits on a device (a printer), so it returns a promise. */
export function deviceCommand<Out>() {
  return <In extends z.ZodType>(spec: CommandDeclaration<In>): CommandSpec<In, Out> & { readonly device: true } => ({ ...spec, device: true });
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Merges the per-domain command groups; a name declared twice is a programming error and throws at start. */
export function mergeCommands<G extends Record<string, CommandSpec>[]>(...groups: G): UnionToIntersection<G[number]> {
  const all: Record<string, CommandSpec> = {};
  for (const group of groups) {
    for (const [name, spec] of Object.entries(group)) {
      if (name in all) throw new Error(`Command "${name}" is declared twice`);
      all[name] = spec;
    }
  }
  return all as UnionToIntersection<G[number]>;
}
