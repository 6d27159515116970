// Test support: a real api on a temp SQLite file, and a minimal plant to exercise the rules on.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import type { Envelope, ErrorBody } from '../../common/errors';
import { caller } from '../demo/plant';
import { createApi } from './index';
import type { LotlineApi } from './types';

export interface TestApi {
  api: LotlineApi;
  dbPath: string;
  call: ReturnType<typeof caller>;
  /** Runs a command that must be refused and returns the refusal. */
  refuse<K extends CommandName>(name: K, input: CommandInput<K>): Promise<ErrorBody>;
  close(): void;
}

export function tempApi(): TestApi {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-test-'));
  const dbPath = join(dir, 'lotline.db');
  const api = createApi({ dbPath, actor: 'tester' });
  return {
    api,
    dbPath,
    call: caller(api.invoke),
    async refuse(name, input) {
      const result = await api.invoke(name, input);
      if (result.ok) throw new Error(`${name} was expected to be refused but succeeded`);
      return result.error;
    },
    close() {
      api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The api as a signed-in person sees it: every command carries the session's token (null: a door without one;
 * undefined: an in-process caller, the local system identity).
 */
/** The newest lot of `part` on a shipment in the database at `dbPath` (read on a connection of its own), as PART:LOT. */
export function newestShippedLot(dbPath: string, part: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const row = db
      .prepare<[string], { ref: string }>(
        `SELECT i.part || ':' || u.code AS ref FROM shipment_lines sl JOIN units u ON u.id = sl.unit_id JOIN items i ON i.id = u.item_id
          WHERE i.part = ? ORDER BY u.id DESC LIMIT 1`,
      )
      .get(part);
    if (!row) throw new Error(`no lot of ${part} has been shipped`);
    return row.ref;
  } finally {
    db.close();
  }
}

export function sessionCaller(api: LotlineApi, token: string | null | undefined) {
  const run = <K extends CommandName>(name: K, input: CommandInput<K>) => api.invoke(name, input, token) as Promise<Envelope<CommandResult<K>>>;
  return {
    async call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResult<K>> {
      const result = await run(name, input);
      if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
      return result.value;
    },
    async refuse<K extends CommandName>(name: K, input: CommandInput<K>): Promise<ErrorBody> {
      const result = await run(name, input);
      if (result.ok) throw new Error(`${name} was expected to be refused`);
      return result.error;
    },
  };
}

/** Signs `username` in and answers as them. */
export async function signedIn(api: LotlineApi, username: string, password: string) {
  return sessionCaller(api, (await sessionCaller(api, null).call('auth.login', { username, password })).token);
}

/** Resin and caps received and released, a bottle made from them, one customer with a ship-to. */
export async function miniPlant(t: TestApi) {
  const { call } = t;
  await call('suppliers.create', { code: 'SUP', name: 'Supplier' });
  await call('customers.create', { code: 'CUST', name: 'Customer' });
  await call('locations.create', { code: 'CUST-1', name: 'Customer dock', kind: 'ship_to', customer: 'CUST' });
  await call('items.create', { part: 'RESIN', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg', lotPattern: 'R{SEQ:3}' });
  await call('items.create', { part: 'CAP', description: 'Cap', tracking: 'lot', category: 'component', unit: 'ea' });
  await call('items.create', { part: 'DYE', description: 'Dye', tracking: 'lot', category: 'raw', unit: 'g' });
  await call('items.create', { part: 'BOTTLE', description: 'Bottle', tracking: 'lot', category: 'finished', unit: 'ea', gtin: '09506000134369' });
  await call('items.create', { part: 'PUMP', description: 'Pump', tracking: 'serial', category: 'finished', unit: 'ea', serialPattern: 'P-{SEQ:4}', warrantyDays: 365 });
  await call('boms.create', { part: 'BOTTLE', lines: [{ part: 'RESIN', quantityPer: '0.05' }, { part: 'CAP', quantityPer: 1 }] });
  await call('boms.create', { part: 'PUMP', lines: [{ part: 'BOTTLE', quantityPer: 1 }] });
  const receipt = await call('receiving.receive', {
    supplier: 'SUP',
    lines: [
      { part: 'RESIN', supplierLot: 'S-1', quantity: '100.5' },
      { part: 'CAP', supplierLot: 'C-1', quantity: 1000 },
      { part: 'DYE', supplierLot: 'D-1', quantity: 500 },
    ],
  });
  const [resin, cap, dye] = receipt.lots.map((l) => l.ref) as [string, string, string];
  for (const ref of [resin, cap, dye]) await call('units.setStatus', { ref, status: 'released', reason: 'incoming inspection passed' });
  return { resin, cap, dye, receipt: receipt.receipt };
}
