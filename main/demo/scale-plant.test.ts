import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../core/db/open';
import { verifyAudit } from '../core/audit/verify';
import { generateScalePlant, scaleSizes } from './scale-plant';

describe('scale plant generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-scale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the same plant from the same seed, through the core rules, with an intact audit trail', () => {
    const a = generateScalePlant(join(dir, 'a.db'), { ...scaleSizes.quick, days: 15 }, 7);
    const b = generateScalePlant(join(dir, 'b.db'), { ...scaleSizes.quick, days: 15 }, 7);
    console.log('quick scale plant', a);
    expect({ ...a, seconds: 0, bytes: 0 }).toEqual({ ...b, seconds: 0, bytes: 0 });
    expect(a.lots).toBeGreaterThan(500);
    expect(a.edges).toBeGreaterThan(a.lots);
    expect(a.serials).toBeGreaterThan(0);
    expect(a.shipments).toBeGreaterThan(100);
    const db = openDatabase(join(dir, 'a.db'));
    expect(verifyAudit(db).problems).toEqual([]);
    // Rework loops: some lot reaches itself.
    const cycle = db
      .prepare(
        `WITH RECURSIVE w(start, id, d) AS (SELECT input_id, output_id, 1 FROM lineage UNION SELECT w.start, l.output_id, w.d + 1 FROM w JOIN lineage l ON l.input_id = w.id WHERE w.d < 4)
         SELECT count(*) AS n FROM w WHERE start = id`,
      )
      .get() as { n: number };
    expect(cycle.n).toBeGreaterThan(0);
    db.close();
  });
});
