// The audit trail of a large EPCIS import on real SQLite files: batches of snapshots that `audit verify`
// replays record by record, so an imported event or lot changed by hand, or an import row edited or cut
// out of the trail, is caught; and a refusal near the end (after batches were written) leaves nothing.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EpcisImportResult } from '../../../common/api/epcis';
import type { AuditVerification } from '../../../common/api/audit';
import { tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { canonicalJson } from '../audit/canonical';
import { GENESIS_HASH, importedRecords, IMPORT_ENTITY, rowHash } from '../audit/trail';
import { importRowHolds } from '../packages/audit-extract';
import type { TrailRow } from '../audit/trail';
import { generateDocument } from './generated-document';

const open: TestApi[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));

/** About 1,700 events creating about 1,900 lots and serials: more than one import row of the trail. */
let document: string;
let documentEvents: number;
beforeAll(() => {
  document = generateDocument({ lots: 1000, seed: 11, correction: true });
  documentEvents = (JSON.parse(document) as { epcisBody: { eventList: unknown[] } }).epcisBody.eventList.length;
});

async function imported(): Promise<{ t: TestApi; result: EpcisImportResult }> {
  const t = tempApi();
  open.push(t);
  const r = await t.api.invoke('epcis.import', { text: document });
  if (!r.ok) throw new Error(r.error.message);
  return { t, result: r.value as EpcisImportResult };
}

async function verify(t: TestApi): Promise<AuditVerification> {
  const r = await t.api.invoke('audit.verify', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as AuditVerification;
}

/** Changes the committed file from another connection, as someone with the file (and no app) could. */
function attack(t: TestApi, change: (db: Db) => void): void {
  const db = new Database(t.dbPath);
  try {
    db.pragma('foreign_keys = OFF');
    change(db);
  } finally {
    db.close();
  }
}

const importRows = (t: TestApi): TrailRow[] => {
  const db = new Database(t.dbPath, { readonly: true });
  try {
    return db.prepare<[string], TrailRow>('SELECT * FROM audit_trail WHERE entity = ? ORDER BY seq').all(IMPORT_ENTITY);
  } finally {
    db.close();
  }
};

describe('the audit trail of a large EPCIS import', () => {
  it('holds every imported event and every lot and serial created, in several import rows that verify replays', async () => {
    const { t, result } = await imported();
    expect(result.imported).toBe(documentEvents);
    const rows = importRows(t);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const records = rows.flatMap((r) => importedRecords(r.new_values));
    expect(records.filter(([entity]) => entity === 'events')).toHaveLength(documentEvents);
    expect(records.filter(([entity]) => entity === 'units')).toHaveLength(result.placeholders.units);
    // Each row names the first event it records.
    for (const row of rows) expect(importedRecords(row.new_values).some(([entity, id]) => entity === 'events' && id === row.entity_id)).toBe(true);
    const verification = await verify(t);
    expect(verification.problems).toEqual([]);
    expect(verification.recordsChecked).toBeGreaterThanOrEqual(documentEvents + result.placeholders.units);
  });

  it('catches an imported lot changed by hand, naming the field', async () => {
    const { t } = await imported();
    const unitId = (importedRecords(importRows(t)[1]?.new_values ?? '{}').find(([entity]) => entity === 'units') ?? [])[1] as number;
    attack(t, (db) => db.prepare(`UPDATE units SET status = 'released' WHERE id = ?`).run(unitId));
    const { ok, problems } = await verify(t);
    expect(ok).toBe(false);
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'record', entity: 'units', entityId: unitId, message: `units ${unitId} was changed outside Lotline: status "quarantine" → "released"` }),
    ]);
  });

  it('catches the quantity of an imported event changed by hand', async () => {
    const { t } = await imported();
    const eventId = importRows(t)[1]?.entity_id as number;
    attack(t, (db) => {
      db.exec('DROP TRIGGER event_units_no_update');
      db.prepare('UPDATE event_units SET qty = qty + 1000 WHERE event_id = ?').run(eventId);
    });
    const { problems } = await verify(t);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'record', entity: 'events', entityId: eventId, message: expect.stringMatching(new RegExp(`^events ${eventId} was changed outside Lotline: units `)) }));
  });

  it('catches an import row whose snapshots were edited, and one cut out of the trail', async () => {
    const { t } = await imported();
    const [first] = importRows(t) as [TrailRow];
    attack(t, (db) => {
      db.exec('DROP TRIGGER audit_trail_no_update; DROP TRIGGER audit_trail_no_delete;');
      db.prepare('UPDATE audit_trail SET new_values = replace(new_values, ?, ?) WHERE seq = ?').run('"quarantine"', '"released"', first.seq);
    });
    expect((await verify(t)).problems[0]).toMatchObject({ kind: 'chain', seq: first.seq, entity: IMPORT_ENTITY });

    const { t: other } = await imported();
    attack(other, (db) => {
      db.exec('DROP TRIGGER audit_trail_no_delete;');
      db.prepare('DELETE FROM audit_trail WHERE seq = ?').run(first.seq);
    });
    const { problems } = await verify(other);
    expect(problems[0]).toMatchObject({ kind: 'chain', message: `audit rows ${first.seq}–${first.seq} are missing: the trail was cut` });
    // The records it held are no longer accounted for (verify reports the first hundred problems).
    const held = new Set(importedRecords(first.new_values).map(([entity, id]) => `${entity} ${id}`));
    const unaccounted = problems.slice(1);
    expect(unaccounted.length).toBeGreaterThan(50);
    for (const p of unaccounted) {
      expect(p.message).toBe(`${String(p.entity)} ${String(p.entityId)} has no audit trail entry: it was inserted outside Lotline`);
      expect(held.has(`${String(p.entity)} ${String(p.entityId)}`)).toBe(true);
    }
  });

  it('holds each entity as a table, and reads the lists of snapshots earlier versions wrote: verify replays both, a package finds both', async () => {
    const tables = await imported();
    const legacy = await imported();
    const original = importRows(legacy.t)[1] as TrailRow;
    // The trail as an earlier version wrote it: each import row's entities as lists of snapshots, the chain rehashed.
    attack(legacy.t, (db) => {
      const triggers = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_trail'").all();
      db.exec('DROP TRIGGER audit_trail_no_update');
      const update = db.prepare('UPDATE audit_trail SET new_values = ?, prev_hash = ?, hash = ? WHERE seq = ?');
      let prev = GENESIS_HASH;
      for (const row of db.prepare<[], TrailRow>('SELECT * FROM audit_trail ORDER BY seq').all()) {
        const lists: Record<string, Record<string, unknown>[]> = {};
        for (const [entity, , snapshot] of row.entity === IMPORT_ENTITY ? importedRecords(row.new_values) : []) (lists[entity] ??= []).push(snapshot);
        const newValues = row.entity === IMPORT_ENTITY ? canonicalJson(lists) : row.new_values;
        const hash = rowHash(prev, { ...row, new_values: newValues });
        update.run(newValues, prev, hash, row.seq);
        prev = hash;
      }
      db.exec('DROP TRIGGER audit_trail_no_delete');
      for (const { sql } of triggers) db.exec(sql);
    });
    // Written as canonical JSON (the trail's form for every row), without a canonicalising pass over the batch.
    for (const row of importRows(tables.t)) expect(row.new_values).toBe(canonicalJson(JSON.parse(row.new_values)));
    const [tableRow, legacyRow] = [importRows(tables.t)[1], importRows(legacy.t)[1]] as [TrailRow, TrailRow];
    expect(JSON.parse(tableRow.new_values)).toMatchObject({ events: { keys: expect.arrayContaining(['id', 'units']), rows: expect.any(Array) } });
    expect(JSON.parse(legacyRow.new_values)).toMatchObject({ events: expect.arrayContaining([expect.objectContaining({ id: tableRow.entity_id })]) });
    expect(legacyRow.new_values.length).toBeGreaterThan(tableRow.new_values.length * 1.5);
    expect(importedRecords(legacyRow.new_values)).toEqual(importedRecords(original.new_values));
    const unitId = (importedRecords(tableRow.new_values).find(([entity]) => entity === 'units') ?? [])[1] as number;
    for (const { t } of [tables, legacy]) {
      expect(await verify(t)).toMatchObject({ ok: true, problems: [] });
      // The extract of a package with this unit in scope takes the one import row that holds it.
      const db = new Database(t.dbPath, { readonly: true });
      const seqs = db.prepare(`SELECT seq FROM audit_trail WHERE entity = '${IMPORT_ENTITY}' AND ${importRowHolds('units')}`).pluck().all({ units: JSON.stringify([unitId]) });
      const eventSeqs = db.prepare(`SELECT seq FROM audit_trail WHERE entity = '${IMPORT_ENTITY}' AND ${importRowHolds('events')}`).pluck().all({ events: JSON.stringify([tableRow.entity_id]) });
      db.close();
      expect(seqs).toEqual([tableRow.seq]);
      expect(eventSeqs).toEqual([tableRow.seq]);
      attack(t, (d) => d.prepare(`UPDATE units SET status = 'released' WHERE id = ?`).run(unitId));
      expect((await verify(t)).problems).toEqual([expect.objectContaining({ kind: 'record', entity: 'units', entityId: unitId })]);
    }
  });

  it('leaves the database as it was when the last event is refused, after batches were written', async () => {
    const t = tempApi();
    open.push(t);
    const counts = () => {
      const db = new Database(t.dbPath, { readonly: true });
      try {
        return ['units', 'events', 'event_units', 'lineage', 'audit_trail', 'epcis_events', 'items', 'locations'].map((name) => (db.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n);
      } finally {
        db.close();
      }
    };
    await t.call('items.create', { part: 'RESIN', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' });
    const before = counts();
    const head = (await verify(t)).head;
    const doc = JSON.parse(document) as { epcisBody: { eventList: Record<string, unknown>[] } };
    const last = doc.epcisBody.eventList.length - 1;
    const bad = doc.epcisBody.eventList[last] as Record<string, unknown>;
    bad.bizStep = 'urn:epcglobal:cbv:bizstep:teleporting';
    const r = await t.api.invoke('epcis.import', { text: JSON.stringify(doc) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(`eventList[${last}] (eventID ${String(bad.eventID)}): bizStep: urn:epcglobal:cbv:bizstep:teleporting is not a CBV business step`);
    expect(counts()).toEqual(before);
    const after = await verify(t);
    expect(after).toMatchObject({ ok: true, head });
  });
});
