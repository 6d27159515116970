// The whole api: one table of commands shared by IPC, the web host and the CLI.
import type { z } from 'zod';
import { mergeCommands } from './contract';
import type { CommandSpec } from './contract';
import type { Envelope } from '../errors';
import { masterdataCommands } from './masterdata';
import { inventoryCommands } from './inventory';
import { productionCommands } from './production';
import { shippingCommands } from './shipping';
import { serviceCommands } from './service';
import { traceCommands } from './trace';
import { auditCommands } from './audit';
import { systemCommands } from './system';
import { epcisCommands } from './epcis';
import { stationCommands } from './stations';
import { settingsCommands } from './settings';
import { printingCommands } from './printing';
import { deviceCommands } from './devices';
import { labelCommands } from './labels';
import { userCommands } from './users';
import { signatureCommands } from './signatures';
import { qualityCommands } from './quality';
import { recordCommands } from './records';
import { recallCommands } from './recall';
import { packageCommands } from './packages';
import { reviewCommands } from './review';

export const commands = mergeCommands(
  masterdataCommands,
  inventoryCommands,
  productionCommands,
  shippingCommands,
  serviceCommands,
  traceCommands,
  auditCommands,
  systemCommands,
  epcisCommands,
  stationCommands,
  settingsCommands,
  printingCommands,
  labelCommands,
  deviceCommands,
  userCommands,
  signatureCommands,
  qualityCommands,
  recordCommands,
  recallCommands,
  packageCommands,
  reviewCommands,
);

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type ParsedInput<K extends CommandName> = z.output<Commands[K]['input']>;
export type CommandResult<K extends CommandName> = Commands[K] extends CommandSpec<z.ZodType, infer R> ? R : never;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

/** What the preload exposes to the renderer, and what the web client imitates. */
export interface LotlineBridge {
  /** `session`: the token from auth.login or auth.setup (null before signing in). */
  invoke(command: string, input: unknown, session?: string | null): Promise<Envelope<unknown>>;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}

export type * from './inventory';
export type * from './production';
export type * from './shipping';
export type * from './audit';
export type * from './system';
export type * from './epcis';
export type * from './stations';
export type * from './settings';
export type * from './printing';
export type * from './devices';
export type * from './labels';
export type * from './records';
export type * from './users';
export type * from './signatures';
export type * from './quality';
export type * from './recall';
export type * from './packages';
export type * from './review';
