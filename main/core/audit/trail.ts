// Appends to the hash-chained audit trail, in the same transaction as the change it records.
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { canonicalJson, sha256 } from './canonical';
import { snapshotSql, toSnapshot } from './entities';
import type { EntityName } from './entities';
import { auditedEntities } from './entities';
import type { Database as Db, Statement } from 'better-sqlite3';

export const GENESIS_HASH = '0'.repeat(64);

export interface TrailRow {
  seq: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'append';
  entity: string;
  entity_id: number;
  old_values: string | null;
  new_values: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
  /** On an event's row, the lots and serials the event changed, as canonical JSON of `UnitMove[]`; null on other rows. */
  moves: string | null;
}

/**
 * A lot's or serial's quantity or status changed by an event (booked out, shipped, put back, released, held): recorded in that event's
 * own trail row rather than a row of its own, so that a scan writes one trail row. `after` is the unit's audit
 * snapshot after the move, `old` the fields the move changed with their values before it.
 */
export interface UnitMove {
  id: number;
  after: Record<string, unknown>;
  old: Record<string, unknown>;
  reason: string;
}

/**
 * The hash of a trail row: SHA-256 over the previous hash, the canonical JSON of the row's header, the old and new
 * values exactly as stored (they are canonical JSON already, written by `snapshotOf`), and the moves when there are any.
 */
export function rowHash(prevHash: string, row: Omit<TrailRow, 'hash' | 'prev_hash' | 'moves'> & { moves?: string | null | undefined }): string {
  const header = canonicalJson({ action: row.action, actor: row.actor, at: row.at, entity: row.entity, entityId: row.entity_id, reason: row.reason, seq: row.seq });
  // Rows without moves hash exactly as they did before the column existed.
  const moves = row.moves == null ? '' : `\n${row.moves}`;
  return sha256(`${prevHash}\n${header}\n${row.old_values ?? 'null'}\n${row.new_values}${moves}`);
}

const statements = perConnection((db: Db) => ({
  head: db.prepare<[], TrailHead>('SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1'),
  hashAt: db.prepare<[number], { hash: string }>('SELECT hash FROM audit_trail WHERE seq = ?'),
  append: db.prepare(
    `INSERT INTO audit_trail (seq, at, actor, action, entity, entity_id, old_values, new_values, reason, prev_hash, hash, moves)
     VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @old_values, @new_values, @reason, @prev_hash, @hash, @moves)`,
  ),
  snapshot: Object.fromEntries(
    Object.keys(auditedEntities).map((entity) => [entity, db.prepare(snapshotSql(entity as EntityName, true))]),
  ) as Record<EntityName, Statement<[number], Record<string, unknown>>>,
}));

/** The trail's newest row: every change appends one, so it marks a moment of the database. */
export interface TrailHead {
  seq: number;
  hash: string;
}

export function trailHead(db: Db): TrailHead | null {
  return statements(db).head.get() ?? null;
}

/**
 * Whether the trail still holds `head` (null: the empty trail, always held). Rows are chained by hash, so
 * the same hash at the same seq means everything up to it is as it was; a different one or none means a
 * transaction that wrote it was rolled back — what was read in that transaction is not in the database.
 */
export function isInTrail(db: Db, head: TrailHead | null): boolean {
  return head === null || statements(db).hashAt.get(head.seq)?.hash === head.hash;
}


function snapshotRow(db: Db, entity: EntityName, id: number): Record<string, unknown> | undefined {
  const row = statements(db).snapshot[entity].get(id);
  return row === undefined ? undefined : toSnapshot(entity, row);
}

/** The entity as the trail records it (canonical JSON), or undefined when the row does not exist. */
export function snapshotOf(db: Db, entity: EntityName, id: number): string | undefined {
  const row = snapshotRow(db, entity, id);
  return row === undefined ? undefined : canonicalJson(row);
}

function existing(db: Db, entity: EntityName, id: number): Record<string, unknown> {
  const row = snapshotRow(db, entity, id);
  if (row === undefined) throw new Error(`audit: ${entity} ${id} does not exist`);
  return row;
}

const appended = new WeakMap<Db, Map<string, number>>();

/**
 * How many trail rows of `entity` this connection has appended (rolled back ones included): every change to its
 * records writes one, so a value read from them stays current while this count and `PRAGMA data_version` (other
 * connections' commits) stay the same.
 */
export function auditedChanges(db: Db, entity: EntityName): number {
  return appended.get(db)?.get(entity) ?? 0;
}

function append(
  core: Core,
  action: TrailRow['action'],
  entity: EntityName | typeof IMPORT_ENTITY,
  id: number,
  newValues: string,
  oldValues: string | null,
  reason: string | null,
  moves: readonly UnitMove[] = [],
): void {
  let counts = appended.get(core.db);
  if (counts === undefined) appended.set(core.db, (counts = new Map<string, number>()));
  counts.set(entity, (counts.get(entity) ?? 0) + 1);
  if (moves.length > 0) counts.set('units', (counts.get('units') ?? 0) + moves.length);
  const s = statements(core.db);
  const head = s.head.get();
  const row = {
    seq: (head?.seq ?? 0) + 1,
    at: core.now().toISOString(),
    actor: core.actor,
    action,
    entity,
    entity_id: id,
    old_values: oldValues,
    new_values: newValues,
    reason,
    moves: moves.length > 0 ? canonicalJson(moves) : null,
  };
  const prev_hash = head?.hash ?? GENESIS_HASH;
  s.append.run({ ...row, prev_hash, hash: rowHash(prev_hash, row) });
}

/**
 * Records a new row (master data, documents, lots and serials). `snapshot` is the row exactly as the
 * entity's snapshot query returns it, when the caller has it at hand (the ledger, on the scan path);
 * `audit verify` replays the trail against that query, so a snapshot that differs is found.
 */
export function auditCreate(core: Core, entity: EntityName, id: number, reason: string | null = null, snapshot?: Record<string, unknown>): void {
  append(core, entity === 'events' ? 'append' : 'create', entity, id, canonicalJson(snapshot ?? existing(core.db, entity, id)), null, reason);
}

/** Records a new event, why it happened, and the lots and serials it changed (`moves`), in one trail row. */
export function auditEvent(core: Core, id: number, snapshot: Record<string, unknown>, reason: string | null, moves: readonly UnitMove[]): void {
  append(core, 'append', 'events', id, canonicalJson(snapshot), null, reason, moves);
}

/**
 * A unit's quantities and status changed by an update (`after`, the plain row as it now stands), from `was` (the
 * changed columns as read, which the update's WHERE held it to): the move its event's trail row records. Keys are
 * written in canonical order, so the trail row's JSON is written without a sorted copy.
 */
export function unitMove(id: number, was: Record<string, unknown>, after: Record<string, unknown>, reason: string): UnitMove {
  const old: Record<string, unknown> = {};
  for (const key of Object.keys(was).sort()) if (was[key] !== after[key]) old[key] = was[key];
  return { after: toSnapshot('units', after), id, old, reason };
}

/** Runs `change` and records it: the fields that changed with their old values, and the row as it is now. */
export function auditUpdate<T>(core: Core, entity: EntityName, id: number, reason: string | null, change: () => T): T {
  const before = existing(core.db, entity, id);
  const result = change();
  const after = existing(core.db, entity, id);
  append(core, 'update', entity, id, canonicalJson(after), changedFields(before, after), reason);
  return result;
}

/** The old values of the fields that differ, as canonical JSON. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string {
  return canonicalJson(changedFieldsOf(before, after));
}

function changedFieldsOf(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const old: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    const now = after[key];
    const same = value === now || (typeof value === 'object' && value !== null && canonicalJson(value) === canonicalJson(now));
    if (!same) old[key] = value;
  }
  return old;
}

/** The moves an event's trail row holds (its `moves` column); throws when the column is not such a list. */
export function recordedMoves(moves: string): UnitMove[] {
  const parsed = JSON.parse(moves) as unknown;
  if (!Array.isArray(parsed)) throw new Error('the moves of a trail row are a list');
  return parsed.map((m: unknown) => {
    const move = m as Partial<UnitMove> | null;
    if (typeof move?.id !== 'number' || typeof move.after !== 'object' || move.after === null || typeof move.old !== 'object' || move.old === null) {
      throw new Error('a move names its unit (id) and holds its state after (after) and the fields it changed (old)');
    }
    return move as UnitMove;
  });
}

/**
 * The entity of trail rows that record many new records at once (a bulk import): their new values map
 * entity names to the records created, each entity as a table (its snapshots' keys once, in sorted order,
 * then each record's values in that order), and `audit verify` replays each record. Rows written before
 * the table form map each entity to a list of snapshots; both are read.
 */
export const IMPORT_ENTITY = 'import';

/** New records of one entity: the keys of its snapshots (sorted), and each record's values in that order. */
export interface ImportedTable {
  readonly keys: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** New records by entity (see IMPORT_ENTITY). */
export type ImportedRecords = Partial<Record<EntityName, ImportedTable>>;

/**
 * Records many new rows in one trail row (entity `import`, id `firstId`): what an import of thousands of
 * events writes, audited at the cost of one chained hash per batch instead of one per record.
 */
export function auditImported(core: Core, firstId: number, reason: string | null, records: ImportedRecords): void {
  const entities = Object.keys(records).sort() as EntityName[];
  for (const entity of entities) {
    const keys = records[entity]?.keys ?? [];
    for (let k = 1; k < keys.length; k++) if (!((keys[k - 1] as string) < (keys[k] as string))) throw new Error(`import records of ${entity}: keys not in sorted order`);
  }
  // Canonical as written: entities and each table's keys sorted, rows of plain values (numbers, strings, null, lists
  // of them), so JSON.stringify writes what canonicalJson would without first walking thousands of records.
  const text = `{${entities.map((e) => `${JSON.stringify(e)}:${JSON.stringify(records[e])}`).join(',')}}`;
  append(core, 'create', IMPORT_ENTITY, firstId, text, null, reason);
}

/** The records an `import` row holds, as [entity, id, snapshot]; throws when its new values are not such a map. */
export function importedRecords(newValues: string): [EntityName, number, Record<string, unknown>][] {
  const parsed = JSON.parse(newValues) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('an import row holds an object of records by entity');
  const out: [EntityName, number, Record<string, unknown>][] = [];
  for (const [entity, held] of Object.entries(parsed)) {
    if (!Object.hasOwn(auditedEntities, entity)) throw new Error(`an import row names ${entity}, which is not an audited entity`);
    for (const snapshot of snapshotsOf(entity, held)) {
      const id = (snapshot as { id?: unknown } | null)?.id;
      if (typeof id !== 'number') throw new Error(`an import row holds a ${entity} record without an id`);
      out.push([entity as EntityName, id, snapshot as Record<string, unknown>]);
    }
  }
  return out;
}

/** The snapshots an import row holds for one entity: a table (keys and rows), or a list of snapshots (rows written before tables). */
function snapshotsOf(entity: string, held: unknown): unknown[] {
  if (Array.isArray(held)) return held;
  const { keys, rows } = (held ?? {}) as { keys?: unknown; rows?: unknown };
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string') || !Array.isArray(rows)) {
    throw new Error(`an import row's ${entity} are neither a list of records nor a table of keys and rows`);
  }
  return rows.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== keys.length) throw new Error(`an import row's ${entity} record ${i + 1} has ${Array.isArray(row) ? row.length : 'no'} values for ${keys.length} keys`);
    const snapshot: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) snapshot[keys[k] as string] = row[k];
    return snapshot;
  });
}
