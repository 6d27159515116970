// moveQuantity writes the unit's quantities only while the row holds what the caller read, and audits the change
// from that read: the trail's old values are the row before, exactly, without reading it again.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { miniPlant, tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { verifyAudit } from '../audit/verify';
import { openDatabase } from '../db/open';
import type { Core } from '../context';
import { resolveRef } from './rows';
import { moveQuantity } from './write';

let t: TestApi;
let plant: Awaited<ReturnType<typeof miniPlant>>;
beforeEach(async () => {
  t = tempApi();
  plant = await miniPlant(t);
});
afterEach(() => t.close());

interface Trail {
  action: string;
  entity: string;
  old_values: string | null;
  new_values: string;
  reason: string | null;
}

describe('moveQuantity', () => {
  it('audits the old values of what changed, and the row as it is after', () => {
    const db = openDatabase(t.dbPath);
    try {
      const core: Core = { db, actor: 'tester', now: () => new Date() };
      const cap = resolveRef(db, plant.cap);
      const row = (sql: string) => db.prepare<[number], Record<string, unknown>>(sql).get(cap.id);
      const before = row('SELECT * FROM units WHERE id = ?');
      db.transaction(() => moveQuantity(core, cap, { onHand: -1_000_000, emptiedAs: 'consumed' }, 'all of it'))();
      const after = row('SELECT * FROM units WHERE id = ?');
      const trail = db.prepare<[], Trail>('SELECT * FROM audit_trail ORDER BY seq DESC LIMIT 1').get() as Trail;
      expect(trail).toMatchObject({ action: 'update', entity: 'units', reason: 'all of it' });
      expect(JSON.parse(trail.new_values)).toEqual(after);
      // The last piece taken: status and its reason changed with the quantity, each with the value it had.
      expect(JSON.parse(trail.old_values ?? '')).toEqual({ qty_on_hand: before?.qty_on_hand, status: 'released', status_reason: 'incoming inspection passed' });
      expect(after).toMatchObject({ qty_on_hand: 0, status: 'consumed', status_reason: 'all of it' });
      expect(verifyAudit(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });

  it('writes nothing and says so when the unit changed after it was read', () => {
    const db = openDatabase(t.dbPath);
    try {
      const core: Core = { db, actor: 'tester', now: () => new Date() };
      const stale = resolveRef(db, plant.cap);
      db.transaction(() => moveQuantity(core, resolveRef(db, plant.cap), { onHand: -10_000 }, 'first'))();
      const count = () => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_trail').get()?.n;
      const trail = count();
      // Booked from the stale row it would set 990 on hand again (in milli-units), losing the first move.
      expect(() => db.transaction(() => moveQuantity(core, stale, { onHand: -10_000 }, 'second'))()).toThrow(
        expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/changed while this was being recorded/) as unknown }),
      );
      expect(resolveRef(db, plant.cap).qty_on_hand).toBe(stale.qty_on_hand - 10_000);
      expect(count()).toBe(trail);
      const fresh = new Database(t.dbPath, { readonly: true });
      expect(fresh.prepare<[], { reason: string }>('SELECT reason FROM audit_trail ORDER BY seq DESC LIMIT 1').get()?.reason).toBe('first');
      fresh.close();
    } finally {
      db.close();
    }
  });
});
