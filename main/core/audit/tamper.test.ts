// `audit verify` against an attacker with the database file: the demo plant is seeded once, and each case
// edits a fresh copy directly with better-sqlite3 (dropping the append-only triggers where it needs to),
// then checks that `audit.verify` names the row or record that was touched. (The CLI's exit codes on a
// tampered file are tested in main/cli/audit-verify.test.ts: core tests may not import the CLI.)
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditProblem, AuditVerification } from '../../../common/api/audit';
import { createApi } from '../../api';
import { canonicalJson, sha256 } from './canonical';
import { rowHash } from './trail';
import type { TrailRow } from './trail';

let dir: string;
let seeded: string;
let copies = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lotline-tamper-'));
  seeded = join(dir, 'seeded.db');
  const api = createApi({ dbPath: seeded, actor: 'qa.lead' });
  expect(await api.seedDemoIfEmpty()).toBe(true);
  api.close();
  // Fold the WAL into the main file so that one copied file is the whole database.
  const db = new Database(seeded);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the seeded plant. */
function copy(): string {
  const file = join(dir, `case-${++copies}.db`);
  copyFileSync(seeded, file);
  if (existsSync(`${seeded}-wal`)) copyFileSync(`${seeded}-wal`, `${file}-wal`);
  return file;
}

/** Opens the file as an attacker would: no app, no foreign-key enforcement unless asked. */
function attack<T>(file: string, change: (db: Db) => T): T {
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF');
    return change(db);
  } finally {
    db.close();
  }
}

async function verify(file: string): Promise<AuditVerification> {
  const api = createApi({ dbPath: file, actor: 'auditor' });
  try {
    const result = await api.invoke('audit.verify', {});
    if (!result.ok) throw new Error(`audit.verify refused: ${result.error.message}`);
    return result.value as AuditVerification;
  } finally {
    api.close();
  }
}

async function tampered(change: (db: Db) => void): Promise<{ file: string; result: AuditVerification }> {
  const file = copy();
  attack(file, change);
  const result = await verify(file);
  expect(result.ok, JSON.stringify(result.problems)).toBe(false);
  return { file, result };
}

const dropTrailTriggers = (db: Db) => db.exec('DROP TRIGGER audit_trail_no_update; DROP TRIGGER audit_trail_no_delete;');
const trailRow = (db: Db, seq: number) => db.prepare<[number], TrailRow>('SELECT * FROM audit_trail WHERE seq = ?').get(seq) as TrailRow;
const lastSeq = (db: Db) => (db.prepare<[], { seq: number }>('SELECT max(seq) AS seq FROM audit_trail').get() as { seq: number }).seq;
const problemFor = (problems: AuditProblem[], entity: string, entityId: number | null) =>
  problems.find((p) => p.kind === 'record' && p.entity === entity && p.entityId === entityId);

/** The chain break verify reports for a trail row edited in place. */
function expectEditedRow(problems: readonly AuditProblem[], { seq, entity, entity_id }: TrailRow): void {
  expect(problems).toContainEqual({
    kind: 'chain',
    seq,
    entity,
    entityId: entity_id,
    message: `audit row ${seq} (${entity} ${entity_id}) was edited after it was written`,
  });
}

describe('audit verify on the demo plant', () => {
  it('finds an untouched database intact', async () => {
    const result = await verify(copy());
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.rows).toBeGreaterThan(1000);
    expect(result.recordsChecked).toBeGreaterThan(1000);
    expect(result.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('catches an audit row whose new values were edited', async () => {
    let edited: TrailRow | undefined;
    const { result } = await tampered((db) => {
      dropTrailTriggers(db);
      edited = db
        .prepare<[], TrailRow>(`SELECT * FROM audit_trail WHERE entity = 'units' AND action = 'create' ORDER BY seq LIMIT 1 OFFSET 100`)
        .get();
      if (!edited) throw new Error('no unit created in the trail');
      const values = JSON.parse(edited.new_values) as Record<string, unknown>;
      values.status_reason = 'Looks fine to me';
      db.prepare('UPDATE audit_trail SET new_values = ? WHERE seq = ?').run(JSON.stringify(values), edited.seq);
    });
    expectEditedRow(result.problems, edited as TrailRow);
  });

  it('catches the stock an event moved edited in its trail row', async () => {
    let edited: TrailRow | undefined;
    const { result } = await tampered((db) => {
      dropTrailTriggers(db);
      edited = db.prepare<[], TrailRow>(`SELECT * FROM audit_trail WHERE moves IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 20`).get();
      if (!edited) throw new Error('no event in the trail moved stock');
      db.prepare('UPDATE audit_trail SET moves = replace(moves, \'"qty_on_hand":\', \'"qty_on_hand":1\') WHERE seq = ?').run(edited.seq);
    });
    expectEditedRow(result.problems, edited as TrailRow);
  });

  it('catches a quantity changed by hand after an event moved it, from the state the event recorded', async () => {
    let unitId = 0;
    let onHand = 0;
    const { result } = await tampered((db) => {
      const row = db
        .prepare<[], { moves: string }>(`SELECT moves FROM audit_trail WHERE moves IS NOT NULL AND moves LIKE '%consumed in work order%' ORDER BY seq DESC LIMIT 1`)
        .get();
      if (!row) throw new Error('no consumption in the trail');
      const move = (JSON.parse(row.moves) as { id: number; after: { qty_on_hand: number } }[])[0] as { id: number; after: { qty_on_hand: number } };
      // The unit's last audited state is the one that event recorded (no later row of its own).
      ({ id: unitId } = move);
      onHand = (db.prepare<[number], { q: number }>('SELECT qty_on_hand AS q FROM units WHERE id = ?').get(unitId) as { q: number }).q;
      db.prepare('UPDATE units SET qty_on_hand = qty_on_hand + 5000 WHERE id = ?').run(unitId);
    });
    expect(result.problems).toEqual([
      { kind: 'record', seq: null, entity: 'units', entityId: unitId, message: `units ${unitId} was changed outside Lotline: qty_on_hand ${onHand} → ${onHand + 5000}` },
    ]);
  });

  it('catches an audit row whose reason was edited', async () => {
    let edited: TrailRow | undefined;
    const { result } = await tampered((db) => {
      dropTrailTriggers(db);
      edited = db.prepare<[], TrailRow>(`SELECT * FROM audit_trail WHERE reason LIKE 'Supplier CoA missing%' ORDER BY seq LIMIT 1`).get();
      if (!edited) throw new Error('the demo plant has no resin hold');
      db.prepare(`UPDATE audit_trail SET reason = 'Routine hold' WHERE seq = ?`).run(edited.seq);
    });
    expectEditedRow(result.problems, edited as TrailRow);
  });

  it('catches an audit row deleted from the middle of the trail', async () => {
    let seq = 0;
    const { result } = await tampered((db) => {
      dropTrailTriggers(db);
      seq = Math.floor(lastSeq(db) / 2);
      db.prepare('DELETE FROM audit_trail WHERE seq = ?').run(seq);
    });
    expect(result.problems[0]).toMatchObject({
      kind: 'chain',
      seq: seq + 1,
      message: `audit rows ${seq}–${seq} are missing: the trail was cut`,
    });
  });

  it('catches the last audit row deleted, by replaying the trail against the records', async () => {
    let removed: TrailRow | undefined;
    const { result } = await tampered((db) => {
      dropTrailTriggers(db);
      removed = trailRow(db, lastSeq(db));
      db.prepare('DELETE FROM audit_trail WHERE seq = ?').run(removed.seq);
    });
    if (!removed) throw new Error('nothing removed');
    // The chain itself is still whole; only the record that the row described gives it away.
    expect(result.problems.filter((p) => p.kind === 'chain')).toEqual([]);
    expect(problemFor(result.problems, removed.entity, removed.entity_id)).toBeDefined();
    expect(result.rows).toBe(removed.seq - 1);
  });

  it('catches a forged audit row appended with a naively computed hash', async () => {
    let seq = 0;
    const { result } = await tampered((db) => {
      const head = trailRow(db, lastSeq(db));
      const lot = db.prepare<[], { id: number }>(`SELECT id FROM units WHERE status = 'on_hold' ORDER BY id LIMIT 1`).get() as {
        id: number;
      };
      const before = db
        .prepare<[number], { new_values: string }>(
          `SELECT new_values FROM audit_trail WHERE entity = 'units' AND entity_id = ? ORDER BY seq DESC LIMIT 1`,
        )
        .get(lot.id) as { new_values: string };
      const after = JSON.stringify({
        ...(JSON.parse(before.new_values) as object),
        status: 'released',
        status_reason: 'Released after review',
      });
      seq = head.seq + 1;
      db.prepare(
        `INSERT INTO audit_trail (seq, at, actor, action, entity, entity_id, old_values, new_values, reason, prev_hash, hash)
         VALUES (?, ?, 'qa.lead', 'update', 'units', ?, ?, ?, 'Released after review', ?, ?)`,
      ).run(seq, new Date().toISOString(), lot.id, before.new_values, after, head.hash, sha256(head.hash + after));
      db.prepare(`UPDATE units SET status = 'released', status_reason = 'Released after review' WHERE id = ?`).run(lot.id);
    });
    expect(result.problems).toContainEqual(
      expect.objectContaining({ kind: 'chain', seq, message: expect.stringContaining(`audit row ${seq} `) }),
    );
  });

  it('catches a copied audit row appended with its original hash', async () => {
    let seq = 0;
    const { result } = await tampered((db) => {
      const head = trailRow(db, lastSeq(db));
      const model = trailRow(db, head.seq - 5);
      seq = head.seq + 1;
      db.prepare(
        `INSERT INTO audit_trail (seq, at, actor, action, entity, entity_id, old_values, new_values, reason, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @old_values, @new_values, @reason, @prev_hash, @hash)`,
      ).run({ ...model, seq, prev_hash: head.hash });
    });
    expect(result.problems).toContainEqual(
      expect.objectContaining({ kind: 'chain', seq, message: expect.stringContaining(`audit row ${seq} `) }),
    );
  });

  it('catches a forged row with a correctly chained hash when it disagrees with the record', async () => {
    let lotId = 0;
    const { result } = await tampered((db) => {
      const head = trailRow(db, lastSeq(db));
      lotId = (db.prepare<[], { id: number }>(`SELECT id FROM units WHERE status = 'on_hold' ORDER BY id LIMIT 1`).get() as { id: number })
        .id;
      // The lot as it stands, as its snapshot (its last audited state is in the hold event's row, as moves).
      const current = db.prepare<[number], Record<string, unknown>>('SELECT * FROM units WHERE id = ?').get(lotId) as Record<string, unknown>;
      const row = {
        seq: head.seq + 1,
        at: new Date().toISOString(),
        actor: 'qa.lead',
        action: 'update' as const,
        entity: 'units',
        entity_id: lotId,
        old_values: canonicalJson({ status: 'on_hold' }),
        new_values: canonicalJson({ ...current, status: 'released' }),
        reason: 'Released after review',
      };
      db.prepare(
        `INSERT INTO audit_trail (seq, at, actor, action, entity, entity_id, old_values, new_values, reason, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @old_values, @new_values, @reason, @prev_hash, @hash)`,
      ).run({ ...row, prev_hash: head.hash, hash: rowHash(head.hash, row) });
    });
    expect(result.problems.filter((p) => p.kind === 'chain')).toEqual([]);
    expect(problemFor(result.problems, 'units', lotId)?.message).toMatch(/status "released" → "on_hold"/);
  });

  it('catches a lot released by hand in the file, naming the field', async () => {
    let lotId = 0;
    const { result } = await tampered((db) => {
      lotId = (
        db.prepare<[], { id: number }>(`SELECT id FROM units WHERE kind = 'lot' AND status = 'on_hold' ORDER BY id LIMIT 1`).get() as {
          id: number;
        }
      ).id;
      db.prepare(`UPDATE units SET status = 'released' WHERE id = ?`).run(lotId);
    });
    expect(result.problems).toEqual([
      {
        kind: 'record',
        seq: null,
        entity: 'units',
        entityId: lotId,
        message: `units ${lotId} was changed outside Lotline: status "on_hold" → "released"`,
      },
    ]);
  });

  it('catches a unit row inserted by hand', async () => {
    let id = 0;
    const { result } = await tampered((db) => {
      id = Number(
        db
          .prepare(
            `INSERT INTO units (item_id, kind, code, status, qty_initial, qty_on_hand, supplier_id, supplier_lot, receipt_id, created_at)
             SELECT item_id, kind, code || '-B', 'released', qty_initial, qty_initial, supplier_id, supplier_lot, receipt_id, created_at FROM units WHERE kind = 'lot' ORDER BY id LIMIT 1`,
          )
          .run().lastInsertRowid,
      );
    });
    expect(problemFor(result.problems, 'units', id)?.message).toBe(`units ${id} has no audit trail entry: it was inserted outside Lotline`);
  });

  it('catches a unit row deleted by hand', async () => {
    let id = 0;
    const { result } = await tampered((db) => {
      id = (
        db.prepare<[], { id: number }>(`SELECT id FROM units WHERE status = 'on_hold' ORDER BY id DESC LIMIT 1`).get() as { id: number }
      ).id;
      db.prepare('DELETE FROM units WHERE id = ?').run(id);
    });
    expect(problemFor(result.problems, 'units', id)?.message).toBe(
      `units ${id} is in the audit trail but no longer in the database: it was deleted outside Lotline`,
    );
  });

  it('catches the newest event and its lot deleted by hand, past the tables\' end', async () => {
    let eventId = 0;
    let unitId = 0;
    const { result } = await tampered((db) => {
      db.exec('DROP TRIGGER events_no_delete; DROP TRIGGER event_units_no_delete');
      eventId = (db.prepare<[], { id: number }>('SELECT max(id) AS id FROM events').get() as { id: number }).id;
      unitId = (db.prepare<[], { id: number }>('SELECT max(id) AS id FROM units').get() as { id: number }).id;
      db.prepare('DELETE FROM lineage WHERE event_id = ? OR input_id = ? OR output_id = ?').run(eventId, unitId, unitId);
      db.prepare('DELETE FROM event_units WHERE event_id = ? OR unit_id = ?').run(eventId, unitId);
      db.prepare('DELETE FROM events WHERE id = ?').run(eventId);
      db.prepare('DELETE FROM units WHERE id = ?').run(unitId);
    });
    expect(problemFor(result.problems, 'events', eventId)?.message).toBe(`events ${eventId} is in the audit trail but no longer in the database: it was deleted outside Lotline`);
    expect(problemFor(result.problems, 'units', unitId)?.message).toBe(`units ${unitId} is in the audit trail but no longer in the database: it was deleted outside Lotline`);
  });

  it('catches a lineage edge added by hand to a real event', async () => {
    let eventId = 0;
    const { result } = await tampered((db) => {
      const consumption = db
        .prepare<[], { event_id: number; unit_id: number }>(
          `SELECT eu.event_id, eu.unit_id FROM event_units eu JOIN events e ON e.id = eu.event_id
            WHERE e.doc_type = 'work_order' AND eu.role = 'input' ORDER BY eu.event_id LIMIT 1 OFFSET 40`,
        )
        .get() as { event_id: number; unit_id: number };
      eventId = consumption.event_id;
      const stranger = db.prepare<[], { id: number }>(`SELECT id FROM units WHERE kind = 'serial' ORDER BY id DESC LIMIT 1`).get() as {
        id: number;
      };
      db.prepare('INSERT INTO lineage (input_id, output_id, event_id) VALUES (?, ?, ?)').run(consumption.unit_id, stranger.id, eventId);
    });
    expect(problemFor(result.problems, 'events', eventId)?.message).toMatch(
      new RegExp(`^events ${eventId} was changed outside Lotline: lineage `),
    );
  });

  it('catches a lineage edge added by hand that no event accounts for', async () => {
    const { result } = await tampered((db) => {
      const status = db.prepare<[], { id: number }>(`SELECT id FROM events WHERE status_to = 'on_hold' ORDER BY id LIMIT 1`).get() as {
        id: number;
      };
      const [a, b] = db.prepare<[], { id: number }>(`SELECT id FROM units WHERE kind = 'lot' ORDER BY id LIMIT 2`).all();
      db.prepare('INSERT INTO lineage (input_id, output_id, event_id) VALUES (?, ?, ?)').run(a?.id, b?.id, status.id);
    });
    expect(problemFor(result.problems, 'lineage', null)?.message).toMatch(
      /^lineage holds (\d+) edges but the audited events account for (\d+)/,
    );
  });

  it('catches a lineage edge deleted by hand', async () => {
    let eventId = 0;
    const { result } = await tampered((db) => {
      db.exec('DROP TRIGGER lineage_no_delete');
      const edge = db
        .prepare<[], { input_id: number; output_id: number; event_id: number }>(
          'SELECT * FROM lineage ORDER BY event_id LIMIT 1 OFFSET 200',
        )
        .get() as {
        input_id: number;
        output_id: number;
        event_id: number;
      };
      eventId = edge.event_id;
      db.prepare('DELETE FROM lineage WHERE input_id = ? AND output_id = ? AND event_id = ?').run(
        edge.input_id,
        edge.output_id,
        edge.event_id,
      );
    });
    expect(problemFor(result.problems, 'events', eventId)?.message).toMatch(
      new RegExp(`^events ${eventId} was changed outside Lotline: lineage `),
    );
  });

  it('catches an edge hidden from trace by a lineage_void row added by hand', async () => {
    let eventId = 0;
    const { result } = await tampered((db) => {
      const edge = db
        .prepare<[], { input_id: number; output_id: number; event_id: number }>(
          'SELECT * FROM lineage ORDER BY event_id LIMIT 1 OFFSET 300',
        )
        .get() as {
        input_id: number;
        output_id: number;
        event_id: number;
      };
      eventId = (
        db.prepare<[], { id: number }>(`SELECT id FROM events WHERE status_to = 'on_hold' ORDER BY id LIMIT 1`).get() as { id: number }
      ).id;
      db.prepare('INSERT INTO lineage_void (input_id, output_id, event_id, void_event_id) VALUES (?, ?, ?, ?)').run(
        edge.input_id,
        edge.output_id,
        edge.event_id,
        eventId,
      );
    });
    expect(problemFor(result.problems, 'events', eventId)?.message).toMatch(
      new RegExp(`^events ${eventId} was changed outside Lotline: voided `),
    );
  });

  it('catches the quantity of an event’s unit changed by hand', async () => {
    let eventId = 0;
    const { result } = await tampered((db) => {
      const row = db
        .prepare<[], { event_id: number; unit_id: number }>(
          `SELECT event_id, unit_id FROM event_units WHERE role = 'input' ORDER BY event_id LIMIT 1 OFFSET 25`,
        )
        .get() as { event_id: number; unit_id: number };
      eventId = row.event_id;
      db.exec('DROP TRIGGER event_units_no_update');
      db.prepare(`UPDATE event_units SET qty = qty + 1000 WHERE event_id = ? AND unit_id = ? AND role = 'input'`).run(
        row.event_id,
        row.unit_id,
      );
    });
    expect(problemFor(result.problems, 'events', eventId)?.message).toMatch(
      new RegExp(`^events ${eventId} was changed outside Lotline: units `),
    );
    expect(result.problems.map((p) => p.message)).toContain('the append-only guard event_units_no_update was dropped outside Lotline');
  });

  it('refuses, through its triggers, to update or delete audit rows, events and lineage', async () => {
    const file = copy();
    const before = attack(file, (db) => {
      const head = trailRow(db, lastSeq(db)).hash;
      const attempts: [string, string][] = [
        [`UPDATE audit_trail SET reason = 'x' WHERE seq = 10`, 'The audit trail is append-only: rows cannot be changed'],
        [
          'DELETE FROM audit_trail WHERE seq = (SELECT max(seq) FROM audit_trail)',
          'The audit trail is append-only: rows cannot be deleted',
        ],
        [`UPDATE events SET reason = 'x' WHERE id = 10`, 'The event ledger is append-only: correct with a reversing event'],
        ['DELETE FROM events WHERE id = (SELECT max(id) FROM events)', 'The event ledger is append-only: correct with a reversing event'],
        ['UPDATE lineage SET output_id = input_id WHERE event_id = (SELECT max(event_id) FROM lineage)', 'Lineage is append-only'],
        ['DELETE FROM lineage WHERE event_id = (SELECT max(event_id) FROM lineage)', 'Lineage is append-only'],
        ['UPDATE event_units SET qty = qty + 1 WHERE event_id = 10', 'The event ledger is append-only: correct with a reversing event'],
        ['DELETE FROM event_units WHERE event_id = 10', 'The event ledger is append-only: correct with a reversing event'],
      ];
      for (const [sql, message] of attempts) expect(() => db.exec(sql), sql).toThrow(message);
      return head;
    });
    // Nothing the refused statements touched changed: the file still verifies, with the same chain head.
    const result = await verify(file);
    expect(result.problems).toEqual([]);
    expect(result.head).toBe(before);
  });

  it('refuses, through its triggers, to update or delete the record of voided lineage', () => {
    attack(copy(), (db) => {
      // The demo plant reverses nothing: give lineage_void a row (inserting is allowed) so that its triggers have one to refuse.
      db.exec(
        `INSERT INTO lineage_void (input_id, output_id, event_id, void_event_id) SELECT input_id, output_id, event_id, event_id FROM lineage LIMIT 1`,
      );
      expect(() => db.exec('UPDATE lineage_void SET void_event_id = void_event_id + 1')).toThrow('Lineage is append-only');
      expect(() => db.exec('DELETE FROM lineage_void')).toThrow('Lineage is append-only');
      expect(db.prepare('SELECT count(*) AS n FROM lineage_void').get()).toEqual({ n: 1 });
    });
  });
});
