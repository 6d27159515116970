// A trace's summary (customers, shipments and lines reached; units per item and level) counted in memory from
// the units' facts must equal the one counted in SQL: on a plant read at the build and on one caught up scan by
// scan. And what the index caught up inside a transaction that was then rolled back must not stay in it.
import type { Database as Db } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_DEPTH } from '../../../common/api/trace';
import { createDispatcher } from '../../api/dispatch';
import { handlers } from '../../api/handlers';
import { miniPlant, tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { APP_VERSION } from '../../api/version';
import { caller, seedDemoPlant } from '../../demo/plant';
import { generateScalePlant, scaleSizes } from '../../demo/scale-plant';
import { openDatabase } from '../db/open';
import { forgetWholeTrace, trace } from './trace';
import { startLineageIndex, walk, walkCte } from './walk';
import type { Walk } from './walk';

const refs = (db: Db) =>
  db
    .prepare<[], { ref: string }>("SELECT i.part || CASE u.kind WHEN 'lot' THEN ':' ELSE '#' END || u.code AS ref FROM units u JOIN items i ON i.id = u.item_id ORDER BY u.id")
    .all()
    .map((r) => r.ref);

/** Traces every unit both ways on a connection with the index (`indexed`) and one without; returns how many reached a customer. */
function compareSummaries(indexed: Db, plain: Db): number {
  let withCustomers = 0;
  for (const ref of refs(plain)) {
    for (const direction of ['forward', 'backward'] as const) {
      forgetWholeTrace(indexed);
      forgetWholeTrace(plain);
      const a = trace(indexed, ref, direction, DEFAULT_TRACE_DEPTH, { offset: 0, limit: 1 });
      const b = trace(plain, ref, direction, DEFAULT_TRACE_DEPTH, { offset: 0, limit: 1 });
      const summary = (r: typeof a) => ({ total: r.total, levels: r.levels, items: r.items, customers: r.customers });
      expect(summary(a), `${direction} from ${ref}`).toEqual(summary(b));
      if (a.customers.length > 0) withCustomers++;
    }
  }
  return withCustomers;
}

let t: TestApi | undefined;
afterEach(() => t?.close());

describe('trace summaries from the units’ facts', () => {
  it('equal the SQL ones on a generated plant, read when the index is built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-facts-'));
    try {
      const file = join(dir, 'plant.db');
      generateScalePlant(file, { ...scaleSizes.quick, days: 4, workOrdersPerDay: 12, shipmentsPerDay: 10 }, 3);
      const indexed = openDatabase(file);
      const plain = openDatabase(file);
      const index = await startLineageIndex(indexed);
      expect(index?.size().factsBytes).toBeGreaterThan(0);
      expect(compareSummaries(indexed, plain)).toBeGreaterThan(20);
      indexed.close();
      plain.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('equal the SQL ones on a plant written after the index was built, by another connection', async () => {
    t = tempApi();
    const indexed = openDatabase(t.dbPath);
    await startLineageIndex(indexed);
    await seedDemoPlant(t.api.invoke);
    const plain = openDatabase(t.dbPath);
    expect(compareSummaries(indexed, plain)).toBeGreaterThan(3);
    indexed.close();
    plain.close();
  }, 120_000);
});

const sorted = (w: Walk) => ({
  depths: [...w.depths].sort((a, b) => a[0] - b[0]),
  edges: w.edges.map((e) => `${e.from}>${e.to}@${e.eventId}`).sort(),
});

describe('the lineage index and a rolled-back transaction', () => {
  it('forgets what it caught up in a transaction that was rolled back, though later events reuse its ids', async () => {
    t = tempApi();
    const { resin, cap } = await miniPlant(t);
    const db = openDatabase(t.dbPath);
    await startLineageIndex(db);
    const call = caller(createDispatcher({ core: { db, actor: 'tester', now: () => new Date() }, version: APP_VERSION }, handlers, () => undefined));
    const unitId = (ref: string) => (db.prepare<[string], { id: number }>("SELECT u.id FROM units u JOIN items i ON i.id = u.item_id WHERE i.part || ':' || u.code = ?").get(ref) as { id: number }).id;

    // Bottles made of resin and caps, in a transaction that a later failure rolls back; trace ran in between.
    const first = await call('workOrders.create', { part: 'BOTTLE', quantity: 10 });
    db.exec('BEGIN IMMEDIATE');
    await call('workOrders.consume', { workOrder: first.number, ref: resin, quantity: '0.5' });
    await call('workOrders.consume', { workOrder: first.number, ref: cap, quantity: 10 });
    const made = await call('workOrders.produce', { workOrder: first.number, quantity: 10 });
    const phantom = unitId(made.outputs[0]?.ref as string);
    expect(walk(db, [unitId(cap)], 'forward', DEFAULT_TRACE_DEPTH).depths.has(phantom)).toBe(true);
    db.exec('ROLLBACK');

    // Then bottles of resin alone: their events and lot take the ids the rolled-back ones had.
    const second = await call('workOrders.create', { part: 'BOTTLE', quantity: 10 });
    await call('workOrders.consume', { workOrder: second.number, ref: resin, quantity: '0.5' });
    const produced = await call('workOrders.produce', { workOrder: second.number, quantity: 10 });
    expect(unitId(produced.outputs[0]?.ref as string)).toBe(phantom);

    for (const ref of [cap, resin]) {
      const id = unitId(ref);
      expect(sorted(walk(db, [id], 'forward', DEFAULT_TRACE_DEPTH)), `forward from ${ref}`).toEqual(sorted(walkCte(db, [id], 'forward', DEFAULT_TRACE_DEPTH)));
    }
    const plain = openDatabase(t.dbPath);
    compareSummaries(db, plain); // its expectations: the summaries after the rollback are the SQL ones
    plain.close();
    db.close();
  });
});
