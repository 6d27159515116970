// moveQuantity writes the unit's quantities only while the row holds what the caller read, and hands back the change
// from that read for its event's trail row: the old values are the row before, exactly, without reading it again.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { miniPlant, tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { listAudit } from '../audit/list';
import { verifyAudit } from '../audit/verify';
import { openDatabase } from '../db/open';
import type { Core } from '../context';
import { appendEvent } from '../events/ledger';
import { eventTime } from '../time';
import { resolveRef } from './rows';
import type { UnitRow } from './rows';
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
  entity_id: number;
  moves: string | null;
}

/** Books `change` out of `unit` and records it as an event, as every writer does: the move goes into the event's trail row. */
function moveAndRecord(core: Core, unit: UnitRow, change: Parameters<typeof moveQuantity>[2], reason: string): number {
  return core.db.transaction(() => {
    const move = moveQuantity(core, unit, change, reason);
    return appendEvent(core, { kind: 'object', action: 'OBSERVE', bizStep: 'other', time: eventTime(undefined, core.now()), reason, units: [{ unitId: unit.id, role: 'object', qty: -change.onHand }], moves: [move] });
  })();
}

const lastRow = (db: Core['db']) => db.prepare<[], Trail>('SELECT * FROM audit_trail ORDER BY seq DESC LIMIT 1').get() as Trail;

describe('moveQuantity', () => {
  it('hands back the old values of what changed and the row as it is after, which its event records in its trail row', () => {
    const db = openDatabase(t.dbPath);
    try {
      const core: Core = { db, actor: 'tester', now: () => new Date() };
      const cap = resolveRef(db, plant.cap);
      const row = (sql: string) => db.prepare<[number], Record<string, unknown>>(sql).get(cap.id);
      const before = row('SELECT * FROM units WHERE id = ?');
      const rows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_trail').pluck();
      const count = rows.get();
      const eventId = moveAndRecord(core, cap, { onHand: -1_000_000, emptiedAs: 'consumed' }, 'all of it');
      const after = row('SELECT * FROM units WHERE id = ?');
      // One trail row for the event and the stock it moved.
      expect(rows.get()).toBe(Number(count) + 1);
      const trail = lastRow(db);
      expect(trail).toMatchObject({ action: 'append', entity: 'events', entity_id: eventId });
      // The last piece taken: status and its reason changed with the quantity, each with the value it had.
      expect(JSON.parse(trail.moves ?? '')).toEqual([
        { id: cap.id, after, old: { qty_on_hand: before?.qty_on_hand, status: 'released', status_reason: 'incoming inspection passed' }, reason: 'all of it' },
      ]);
      expect(after).toMatchObject({ qty_on_hand: 0, status: 'consumed', status_reason: 'all of it' });
      expect(verifyAudit(db).ok).toBe(true);
      // The lot's history shows the event's row with the move, newest first.
      const history = listAudit(db, { entity: 'units', entityId: cap.id });
      expect(history[0]).toMatchObject({ entity: 'events', entityId: eventId, moves: [{ unitId: cap.id, reason: 'all of it', oldValues: { qty_on_hand: before?.qty_on_hand }, newValues: { qty_on_hand: 0 } }] });
      expect(history.every((r) => (r.entity === 'units' && r.entityId === cap.id) || (r.entity === 'events' && r.moves.some((m) => m.unitId === cap.id)))).toBe(true);
    } finally {
      db.close();
    }
  });

  it('leaves a move no event records to be found by audit verify', () => {
    const db = openDatabase(t.dbPath);
    try {
      const core: Core = { db, actor: 'tester', now: () => new Date() };
      const cap = resolveRef(db, plant.cap);
      db.transaction(() => moveQuantity(core, cap, { onHand: -10_000 }, 'not recorded'))();
      const result = verifyAudit(db);
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => p.message)).toEqual([expect.stringMatching(new RegExp(`^units ${cap.id} was changed outside Lotline: qty_on_hand ${cap.qty_on_hand} → ${cap.qty_on_hand - 10_000}$`))]);
    } finally {
      db.close();
    }
  });

  it('writes nothing and says so when the unit changed after it was read', () => {
    const db = openDatabase(t.dbPath);
    try {
      const core: Core = { db, actor: 'tester', now: () => new Date() };
      const stale = resolveRef(db, plant.cap);
      moveAndRecord(core, resolveRef(db, plant.cap), { onHand: -10_000 }, 'first');
      const count = () => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_trail').get()?.n;
      const trail = count();
      // Booked from the stale row it would set 990 on hand again (in milli-units), losing the first move.
      expect(() => moveAndRecord(core, stale, { onHand: -10_000 }, 'second')).toThrow(
        expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/changed while this was being recorded/) as unknown }),
      );
      expect(resolveRef(db, plant.cap).qty_on_hand).toBe(stale.qty_on_hand - 10_000);
      expect(count()).toBe(trail);
      const fresh = new Database(t.dbPath, { readonly: true });
      const moves = fresh.prepare<[], { moves: string }>('SELECT moves FROM audit_trail ORDER BY seq DESC LIMIT 1').get()?.moves ?? '[]';
      expect((JSON.parse(moves) as { reason: string }[]).map((m) => m.reason)).toEqual(['first']);
      fresh.close();
      expect(verifyAudit(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
