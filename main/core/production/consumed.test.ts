// What each component has given a work order is kept per scan (work_order_consumed): consumptions, components given
// with production and reversals keep it equal to the sums of the work order's events, and migration 12 fills it for
// a database written before it.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api';
import { caller } from '../../demo/plant';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openDatabase, schemaVersion } from '../db/open';
import { consumedByItem, consumedByItemFromLedger } from './consumed';

const dir = mkdtempSync(join(tmpdir(), 'lotline-consumed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function plant(file: string) {
  const api = createApi({ dbPath: file, actor: 'tester' });
  const call = caller(api.invoke);
  for (const part of ['FLOUR', 'SUGAR']) await call('items.create', { part, description: part, tracking: 'lot', category: 'raw', unit: 'kg' });
  await call('items.create', { part: 'CAKE', description: 'Cake', tracking: 'lot', category: 'finished', unit: 'kg' });
  await call('suppliers.create', { code: 'MILL', name: 'The mill' });
  await call('boms.create', { part: 'CAKE', lines: [{ part: 'FLOUR', quantityPer: 0.5 }, { part: 'SUGAR', quantityPer: 0.25 }] });
  const receipt = await call('receiving.receive', {
    supplier: 'MILL',
    lines: [
      { part: 'FLOUR', supplierLot: 'F1', quantity: 100 },
      { part: 'SUGAR', supplierLot: 'S1', quantity: 100 },
    ],
  });
  const [flour, sugar] = receipt.lots.map((l) => l.ref) as [string, string];
  for (const ref of [flour, sugar]) await call('units.setStatus', { ref, status: 'released', reason: 'incoming inspection passed' });
  const wo = (await call('workOrders.create', { part: 'CAKE', quantity: 10 })).number;
  const other = (await call('workOrders.create', { part: 'CAKE', quantity: 4 })).number;
  await call('workOrders.consume', { workOrder: wo, ref: flour, quantity: 3 });
  const mistake = await call('workOrders.consume', { workOrder: wo, ref: flour, quantity: 1.5 });
  await call('workOrders.consume', { workOrder: wo, ref: sugar, quantity: 1 });
  await call('workOrders.consume', { workOrder: other, ref: sugar, quantity: 0.75 });
  await call('events.reverse', { eventId: mistake.id, reason: 'scanned twice' });
  await call('workOrders.produce', { workOrder: wo, quantity: 9, components: [{ ref: sugar, quantity: 0.5 }] });
  return { api, call, wo, other };
}

const ids = (db: Database.Database, wo: string) => (db.prepare<[string], { id: number }>('SELECT id FROM work_orders WHERE number = ?').get(wo) as { id: number }).id;
const asObject = (m: Map<number, number>) => Object.fromEntries(m);

describe('work order consumption totals', () => {
  it('follow consumptions, components given with production and reversals, as the events sum them', async () => {
    const file = join(dir, 'kept.db');
    const { api, call, wo, other } = await plant(file);
    const db = new Database(file, { readonly: true });
    const items = Object.fromEntries(db.prepare<[], { part: string; id: number }>('SELECT part, id FROM items').all().map((r) => [r.part, r.id]));
    // Milli-units: 3 kg of flour (1.5 reversed); 1 + 0.5 kg of sugar, 0.75 kg on the other order.
    expect(asObject(consumedByItem(db, ids(db, wo)))).toEqual({ [items.FLOUR as number]: 3000, [items.SUGAR as number]: 1500 });
    expect(asObject(consumedByItem(db, ids(db, other)))).toEqual({ [items.SUGAR as number]: 750 });
    for (const number of [wo, other]) expect(asObject(consumedByItem(db, ids(db, number)))).toEqual(asObject(consumedByItemFromLedger(db, ids(db, number))));
    const progress = await call('workOrders.get', { workOrder: wo });
    expect(progress.requirements.map((r) => [r.part, r.required, r.consumed, r.remaining])).toEqual([
      ['FLOUR', '5', '3', '2'],
      ['SUGAR', '2.5', '1.5', '1'],
    ]);
    db.close();
    api.close();
  });

  it('are filled by migration 12 for a database written before it', async () => {
    const file = join(dir, 'migrated.db');
    const { api, wo, other } = await plant(file);
    api.close();
    const before = new Database(file);
    const expected = [wo, other].map((number) => asObject(consumedByItemFromLedger(before, ids(before, number))));
    // Version 11 had neither the table nor the index (nor what later migrations add).
    before.exec('DROP INDEX events_sampling; DROP TABLE work_order_consumed; DROP INDEX events_production; PRAGMA user_version = 11');
    before.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect([wo, other].map((number) => asObject(consumedByItem(db, ids(db, number))))).toEqual(expected);
    expect(Object.keys(expected[0] ?? {})).toHaveLength(2);
    db.close();
  });
});
