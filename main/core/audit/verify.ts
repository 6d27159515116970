// `audit verify`: walks the hash chain, then replays it against the records, so that a trail row
// edited, removed or inserted outside the app — or a record changed behind the app's back — is caught.
import type { Database as Db } from 'better-sqlite3';
import type { AuditProblem, AuditVerification } from '../../../common/api/audit';
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical';
import { auditedEntities, snapshotSql, toSnapshot } from './entities';
import type { EntityName } from './entities';
import { GENESIS_HASH, IMPORT_ENTITY, importedRecords, recordedMoves, rowHash } from './trail';
import type { TrailRow } from './trail';
import { appendOnlyTables } from '../db/migrations/0001-initial';

const MAX_PROBLEMS = 100;

/** The triggers that make the trail and the ledger append-only (migration 0001). */
const APPEND_ONLY_TRIGGERS = Object.keys(appendOnlyTables).flatMap((t) => [`${t}_no_update`, `${t}_no_delete`]);

export function verifyAudit(db: Db): AuditVerification {
  // One read transaction, so the trail and the records come from the same snapshot: another station
  // writing between the chain pass and the replay must not look like a record changed behind our back.
  return db.transaction(() => verifySnapshot(db))();
}

function verifySnapshot(db: Db): AuditVerification {
  const problems: AuditProblem[] = [];
  const report = (p: AuditProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  // 1. The chain. Only the first break is reported: every row after it fails the same way.
  const latest = new AuditedStates(db);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  let chainBroken = false;
  for (const row of db.prepare<[], TrailRow>('SELECT * FROM audit_trail ORDER BY seq').iterate()) {
    rows++;
    if (!chainBroken) {
      const problem = chainProblem(row, expectedSeq, prevHash);
      if (problem) {
        chainBroken = true;
        report({ kind: 'chain', seq: row.seq, entity: row.entity, entityId: row.entity_id, message: problem });
      }
    }
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
    if (row.entity !== IMPORT_ENTITY) latest.set(row.entity, row.entity_id, fingerprint(row.new_values));
    else {
      try {
        for (const [entity, id, snapshot] of importedRecords(row.new_values)) latest.set(entity, id, fingerprint(canonicalJson(snapshot)), row.seq);
      } catch (error) {
        report({ kind: 'chain', seq: row.seq, entity: row.entity, entityId: row.entity_id, message: `audit row ${row.seq} (an import) cannot be read: ${(error as Error).message}` });
      }
    }
    if (row.moves !== null) {
      try {
        for (const move of recordedMoves(row.moves)) latest.set('units', move.id, fingerprint(canonicalJson(move.after)), row.seq);
      } catch (error) {
        report({ kind: 'chain', seq: row.seq, entity: row.entity, entityId: row.entity_id, message: `audit row ${row.seq} (the stock its event moved) cannot be read: ${(error as Error).message}` });
      }
    }
  }

  // 2. Replay: every record must equal its last audited state, and every audited record must exist.
  let recordsChecked = 0;
  const heldStates = new HeldStateReader(db);
  let edgesInEvents = 0;
  let voidsInEvents = 0;
  for (const entity of Object.keys(auditedEntities) as EntityName[]) {
    for (const raw of db.prepare<[], Record<string, unknown>>(snapshotSql(entity, false)).iterate()) {
      recordsChecked++;
      const snapshot = toSnapshot(entity, raw);
      const id = Number(snapshot.id);
      if (entity === 'events') {
        edgesInEvents += (snapshot.lineage as unknown[]).length;
        voidsInEvents += (snapshot.voided as unknown[]).length;
      }
      const audited = latest.take(entity, id);
      if (audited === undefined) {
        report({ kind: 'record', seq: null, entity, entityId: id, message: `${entity} ${id} has no audit trail entry: it was inserted outside Lotline` });
      } else if (!sameState(audited, fingerprint(canonicalJson(snapshot)))) {
        report({ kind: 'record', seq: null, entity, entityId: id, message: `${entity} ${id} was changed outside Lotline: ${describeChange(db, entity, id, snapshot, audited.heldIn || undefined, heldStates)}` });
      }
    }
  }
  for (const [entity, id] of latest.left()) {
    report({ kind: 'record', seq: null, entity, entityId: id, message: `${entity} ${id} is in the audit trail but no longer in the database: it was deleted outside Lotline` });
  }
  const edges = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM lineage').get()?.n ?? 0;
  if (edges !== edgesInEvents) {
    report({ kind: 'record', seq: null, entity: 'lineage', entityId: null, message: `lineage holds ${edges} edges but the audited events account for ${edgesInEvents}: edges were added outside Lotline` });
  }

  const voids = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM lineage_void').get()?.n ?? 0;
  if (voids !== voidsInEvents) {
    report({ kind: 'record', seq: null, entity: 'lineage_void', entityId: null, message: `${voids} lineage edges are taken out of trace but the audited reversals account for ${voidsInEvents}: edges were hidden outside Lotline` });
  }

  const triggers = new Set(db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all().map((t) => t.name));
  for (const name of APPEND_ONLY_TRIGGERS) {
    if (!triggers.has(name)) report({ kind: 'record', seq: null, entity: null, entityId: null, message: `the append-only guard ${name} was dropped outside Lotline` });
  }

  const head = db.prepare<[], { hash: string }>('SELECT hash FROM audit_trail ORDER BY seq DESC LIMIT 1').get()?.hash ?? null;
  return { ok: problems.length === 0, rows, head, recordsChecked, problems };
}

function chainProblem(row: TrailRow, expectedSeq: number, prevHash: string): string | undefined {
  if (row.seq !== expectedSeq) {
    return row.seq > expectedSeq
      ? `audit rows ${expectedSeq}–${row.seq - 1} are missing: the trail was cut`
      : `audit row ${row.seq} is out of order`;
  }
  if (row.prev_hash !== prevHash) return `audit row ${row.seq} does not follow row ${row.seq - 1}: a row was removed or inserted`;
  const hash = rowHash(row.prev_hash, row);
  if (hash !== row.hash) return `audit row ${row.seq} (${row.entity} ${row.entity_id}) was edited after it was written`;
  return undefined;
}

/** The first 96 bits of the SHA-256 of a record's canonical JSON, as three 32-bit words. */
type Fingerprint = [number, number, number];

function fingerprint(json: string): Fingerprint {
  const hex = hash('sha256', json, 'hex');
  return [parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8, 16), 16), parseInt(hex.slice(16, 24), 16)];
}

/** A record's last audited state: its fingerprint, and the seq of the row holding it when that is another record's (else 0). */
interface AuditedState {
  words: Fingerprint;
  heldIn: number;
}

function sameState(state: AuditedState, fp: Fingerprint): boolean {
  return state.words[0] === fp[0] && state.words[1] === fp[1] && state.words[2] === fp[2];
}

/** One entity's states in arrays indexed by id, up to its table's largest id when the check began. */
interface DenseStates {
  words: Uint32Array;
  heldIn: Uint32Array;
  present: Uint8Array;
}

/**
 * The last audited state of each record: a fingerprint and, when another record's row holds it (an import row's
 * snapshots, the moves of an event's row), that row's seq. Kept in typed arrays indexed by id, sized to each table's
 * largest id, so a plant's millions of records cost 17 bytes each; ids beyond (records the trail names past the
 * table's end) and entities the app does not audit go to a map.
 */
class AuditedStates {
  private readonly dense = new Map<string, DenseStates>();
  private readonly sparse = new Map<string, AuditedState>();

  constructor(db: Db) {
    for (const [entity, spec] of Object.entries(auditedEntities)) {
      const table = /FROM (\w+) t \{where\}/.exec(spec.sql)?.[1];
      const max = table === undefined ? 0 : (db.prepare<[], { max: number | null }>(`SELECT max(id) AS max FROM ${table}`).get()?.max ?? 0);
      this.dense.set(entity, { words: new Uint32Array((max + 1) * 3), heldIn: new Uint32Array(max + 1), present: new Uint8Array(max + 1) });
    }
  }

  private denseFor(entity: string, id: number): DenseStates | undefined {
    const dense = this.dense.get(entity);
    return dense !== undefined && Number.isInteger(id) && id >= 0 && id < dense.present.length ? dense : undefined;
  }

  set(entity: string, id: number, fp: Fingerprint, heldIn = 0): void {
    const dense = this.denseFor(entity, id);
    if (dense === undefined) {
      this.sparse.set(`${entity}:${id}`, { words: fp, heldIn });
      return;
    }
    dense.present[id] = 1;
    dense.words.set(fp, id * 3);
    dense.heldIn[id] = heldIn;
  }

  /** The record's state, forgotten: what is left after the replay are records deleted outside Lotline. */
  take(entity: string, id: number): AuditedState | undefined {
    const dense = this.denseFor(entity, id);
    if (dense === undefined) {
      const key = `${entity}:${id}`;
      const state = this.sparse.get(key);
      this.sparse.delete(key);
      return state;
    }
    if (dense.present[id] !== 1) return undefined;
    dense.present[id] = 0;
    const words = dense.words;
    return { words: [words[id * 3] ?? 0, words[id * 3 + 1] ?? 0, words[id * 3 + 2] ?? 0], heldIn: dense.heldIn[id] ?? 0 };
  }

  *left(): Generator<[string, number]> {
    for (const [entity, dense] of this.dense) for (let id = 0; id < dense.present.length; id++) if (dense.present[id] === 1) yield [entity, id];
    for (const key of this.sparse.keys()) {
      const at = key.lastIndexOf(':');
      yield [key.slice(0, at), Number(key.slice(at + 1))];
    }
  }
}

/**
 * The states one row holds for other records than its own (an import's snapshots, an event's moves), a row at a
 * time: records changed by hand are reported in id order, so mostly from the same row.
 */
class HeldStateReader {
  private seq: number | undefined;
  private records = new Map<string, Record<string, unknown>>();

  constructor(private readonly db: Db) {}

  snapshot(seq: number, entity: EntityName, id: number): Record<string, unknown> | undefined {
    if (seq !== this.seq) {
      const row = this.db.prepare<[number], { entity: string; new_values: string; moves: string | null }>('SELECT entity, new_values, moves FROM audit_trail WHERE seq = ?').get(seq);
      const held: [string, number, Record<string, unknown>][] =
        row === undefined ? [] : row.entity === IMPORT_ENTITY ? importedRecords(row.new_values) : recordedMoves(row.moves ?? '[]').map((m) => ['units', m.id, m.after]);
      this.records = new Map(held.map(([e, i, snapshot]) => [`${e}:${i}`, snapshot]));
      this.seq = seq;
    }
    return this.records.get(`${entity}:${id}`);
  }
}

/** The record's last audited state: in the row `heldIn` when another record's row holds it, else its own last row. */
function auditedState(db: Db, entity: EntityName, id: number, heldIn: number | undefined, heldStates: HeldStateReader): Record<string, unknown> | undefined {
  if (heldIn !== undefined) return heldStates.snapshot(heldIn, entity, id);
  const row = db
    .prepare<[string, number], { new_values: string }>('SELECT new_values FROM audit_trail WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 1')
    .get(entity, id);
  return row ? (JSON.parse(row.new_values) as Record<string, unknown>) : undefined;
}

/** Names the fields that differ from the last audited state. */
function describeChange(db: Db, entity: EntityName, id: number, current: Record<string, unknown>, heldIn: number | undefined, heldStates: HeldStateReader): string {
  let audited: Record<string, unknown> | undefined;
  try {
    audited = auditedState(db, entity, id, heldIn, heldStates);
  } catch {
    return 'its audited state is unreadable';
  }
  if (!audited) return 'no audited state';
  const fields = new Set([...Object.keys(audited), ...Object.keys(current)]);
  const diffs: string[] = [];
  for (const field of fields) {
    const was = canonicalJson(audited[field] ?? null);
    const now = canonicalJson(current[field] ?? null);
    if (was !== now) diffs.push(`${field} ${was} → ${now}`);
  }
  return diffs.length > 0 ? diffs.join(', ') : 'its content differs';
}
