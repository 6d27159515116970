// The in-memory lineage index must give exactly the CTE's answer: on random genealogies, after
// appends by this and another connection, and after reversals that take edges out of trace.
import { afterEach, describe, expect, it } from 'vitest';
import { tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { openDatabase } from '../db/open';
import { buildRandomGenealogy } from './random-genealogy';
import { LineageIndex } from './lineage-index';
import { walkCte } from './walk';
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
      const index = await LineageIndex.build(db, () => Promise.resolve());
      expect(compareAll(db, index)).toBeGreaterThan(100);
      db.close();
      t.close();
      t = undefined;
    }
  }, 120_000);

  it('stays correct as events are appended after the build, from another connection too', async () => {
    t = tempApi();
    const db = openDatabase(t.dbPath);
    const index = await LineageIndex.build(db, () => Promise.resolve());
    // The whole plant is written through the api's own connection after the index was built on this one.
    await buildRandomGenealogy(t.api.invoke, { seed: 22, size: 60 });
    index.catchUp(db);
    expect(compareAll(db, index)).toBeGreaterThan(100);
    db.close();
  }, 120_000);
});
