// The in-memory lineage index must give exactly the CTE's answer: on random genealogies, after
// appends by this and another connection, and after reversals that take edges out of trace.
import { afterEach, describe, expect, it } from 'vitest';
import { tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { openDatabase } from '../db/open';
import { seedDemoPlant } from '../../demo/plant';
import { buildRandomGenealogy } from './random-genealogy';
import { LineageIndex, readLineage } from './lineage-index';
import { startLineageIndex, walkCte } from './walk';
import type { Walk } from './walk';
import type { Database as Db } from 'better-sqlite3';

const sorted = (w: Walk) => ({
  depths: [...w.depths].sort((a, b) => a[0] - b[0]),
  edges: w.edges.map((e) => `${e.from}>${e.to}@${e.eventId}`).sort(),
  truncated: w.truncated,
});

function compareAll(db: Db, index: LineageIndex) {
  const ids = db.prepare<[], { id: number }>('SELECT id FROM units ORDER BY id').all().map((r) => r.id);
  let compared = 0;
  for (const id of ids) {
    for (const direction of ['forward', 'backward'] as const) {
      for (const depth of [1, 2, 1000]) {
        expect(sorted(index.walk([id], direction, depth)), `${direction} from ${id} depth ${depth}`).toEqual(sorted(walkCte(db, [id], direction, depth)));
        compared++;
      }
    }
  }
  return compared;
}

let t: TestApi | undefined;
afterEach(() => t?.close());

describe('lineage index', () => {
  it('answers exactly as the recursive CTE on random genealogies with rework cycles and reversals', async () => {
    for (const seed of [11, 12, 13]) {
      t = tempApi();
      await buildRandomGenealogy(t.api.invoke, { seed, size: 60 });
      const db = openDatabase(t.dbPath);
      const index = LineageIndex.fromSnapshot(readLineage(db), db);
      expect(compareAll(db, index)).toBeGreaterThan(100);
      db.close();
      t.close();
      t = undefined;
    }
  }, 120_000);

  it('stays correct as events are appended after the build, from another connection too', async () => {
    t = tempApi();
    const db = openDatabase(t.dbPath);
    const index = LineageIndex.fromSnapshot(readLineage(db), db);
    // The whole plant is written through the api's own connection after the index was built on this one.
    await buildRandomGenealogy(t.api.invoke, { seed: 22, size: 60 });
    index.catchUp(db);
    expect(compareAll(db, index)).toBeGreaterThan(100);
    db.close();
  }, 120_000);

  it('reads the same lineage and units\u2019 facts whatever the size of the chunks it reads in', async () => {
    t = tempApi();
    await buildRandomGenealogy(t.api.invoke, { seed: 41, size: 60 });
    await seedDemoPlant(t.api.invoke);
    const db = openDatabase(t.dbPath);
    const whole = readLineage(db);
    expect(whole.forward.targets.length).toBe((db.prepare('SELECT count(*) AS n FROM lineage').get() as { n: number }).n);
    // The facts, as plain rows.
    const items = db.prepare<[], [number, number]>('SELECT id, item_id FROM units').raw().all();
    expect(items.length).toBeGreaterThan(50);
    for (const [id, item] of items) expect(whole.facts.itemOf[id]).toBe(item);
    const lines = db.prepare<[], [number, number, number]>('SELECT id, unit_id, shipment_id FROM shipment_lines').raw().all();
    expect(lines.length).toBeGreaterThan(3);
    for (const [id, unit, shipment] of lines) expect([whole.facts.lineUnit[id], whole.facts.lineShipment[id]]).toEqual([unit, shipment]);
    for (const chunk of [1, 7, 64]) expect(readLineage(db, chunk), `chunks of ${chunk}`).toEqual(whole);
    db.close();
  }, 120_000);

  it('reads the same snapshot in a worker thread, and the index built from it answers as the CTE', async () => {
    t = tempApi();
    await buildRandomGenealogy(t.api.invoke, { seed: 31, size: 60 });
    const db = openDatabase(t.dbPath);
    const builder = new URL('./lineage-builder-from-source.mjs', import.meta.url).href;
    const index = await startLineageIndex(db, { builder, inThreadBelow: 0 });
    if (!index) throw new Error('no index');
    const here = readLineage(db);
    expect(index.size().edges).toBe(here.forward.targets.length);
    expect(index.size().edges).toBeGreaterThan(50);
    expect(compareAll(db, index)).toBeGreaterThan(100);
    db.close();
  }, 120_000);

  it('reads an in-memory database on its own thread (no other thread can open it)', async () => {
    const db = openDatabase(':memory:');
    const builder = new URL('./lineage-builder-from-source.mjs', import.meta.url).href;
    await expect(startLineageIndex(db, { builder, inThreadBelow: 0 })).resolves.toBeDefined();
    db.close();
  });

  it('says why when the worker cannot build the index', async () => {
    t = tempApi();
    const db = openDatabase(t.dbPath);
    const builder = new URL('./no-such-builder.mjs', import.meta.url).href;
    await expect(startLineageIndex(db, { builder, inThreadBelow: 0 })).rejects.toThrow(/no-such-builder/);
    db.close();
  });
});
