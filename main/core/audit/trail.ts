// Appends to the hash-chained audit trail, in the same transaction as the change it records.
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { canonicalJson, sha256 } from './canonical';
import { snapshotSql, toSnapshot } from './entities';
import type { EntityName, SimpleEntityName } from './entities';
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
}

/**
 * The hash of a trail row: SHA-256 over the previous hash, the canonical JSON of the row's header, and
 * the old and new values exactly as stored (they are canonical JSON already, written by `snapshotOf`).
 */
export function rowHash(prevHash: string, row: Omit<TrailRow, 'hash' | 'prev_hash'>): string {
  const header = canonicalJson({ seq: row.seq, at: row.at, actor: row.actor, action: row.action, entity: row.entity, entityId: row.entity_id, reason: row.reason });
  return sha256(`${prevHash}\n${header}\n${row.old_values ?? 'null'}\n${row.new_values}`);
}

const statements = perConnection((db: Db) => ({
  head: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1'),
  append: db.prepare(
    `INSERT INTO audit_trail (seq, at, actor, action, entity, entity_id, old_values, new_values, reason, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @old_values, @new_values, @reason, @prev_hash, @hash)`,
  ),
  snapshot: Object.fromEntries(
    Object.keys(auditedEntities).map((entity) => [entity, db.prepare(snapshotSql(entity as EntityName, true))]),
  ) as Record<EntityName, Statement<[number], Record<string, unknown>>>,
}));

/** The entity as the trail records it, or undefined when the row does not exist. */
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

function append(core: Core, action: TrailRow['action'], entity: EntityName | typeof IMPORT_ENTITY, id: number, newValues: string, oldValues: string | null, reason: string | null): void {
  let counts = appended.get(core.db);
  if (counts === undefined) appended.set(core.db, (counts = new Map<string, number>()));
  counts.set(entity, (counts.get(entity) ?? 0) + 1);
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

/** Runs `change` and records it: the fields that changed with their old values, and the row as it is now. */
export function auditUpdate<T>(core: Core, entity: EntityName, id: number, reason: string | null, change: () => T): T {
  const before = existing(core.db, entity, id);
  const result = change();
  const after = existing(core.db, entity, id);
  append(core, 'update', entity, id, canonicalJson(after), changedFields(before, after), reason);
  return result;
}

/**
 * Records an update already made, from the entity's plain row before and after it (entities whose snapshot is
 * the plain row): for a writer whose `UPDATE … RETURNING *` applied only while the changed columns held what it
 * had read, so that `before` is known exactly without reading the row again.
 */
export function auditUpdated(core: Core, entity: SimpleEntityName, id: number, reason: string | null, before: Record<string, unknown>, after: Record<string, unknown>): void {
  append(core, 'update', entity, id, canonicalJson(toSnapshot(entity, after)), changedFields(before, after), reason);
}

/** The old values of the fields that differ, as canonical JSON. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const old: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    const now = after[key];
    const same = value === now || (typeof value === 'object' && value !== null && canonicalJson(value) === canonicalJson(now));
    if (!same) old[key] = value;
  }
  return canonicalJson(old);
}

/**
 * The entity of trail rows that record many new records at once (a bulk import): their new values map
 * entity names to the snapshots of the records created, and `audit verify` replays each of them.
 */
export const IMPORT_ENTITY = 'import';

/** New records by entity, each as its snapshot query returns it (with its `id`). */
export type ImportedRecords = Partial<Record<EntityName, readonly Record<string, unknown>[]>>;

/**
 * Records many new rows in one trail row (entity `import`, id `firstId`): what an import of thousands of
 * events writes, audited at the cost of one chained hash per batch instead of one per record.
 */
export function auditImported(core: Core, firstId: number, reason: string | null, records: ImportedRecords): void {
  append(core, 'create', IMPORT_ENTITY, firstId, canonicalJson(records), null, reason);
}

/** The records an `import` row holds, as [entity, id, snapshot]; throws when its new values are not such a map. */
export function importedRecords(newValues: string): [EntityName, number, Record<string, unknown>][] {
  const parsed = JSON.parse(newValues) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('an import row holds an object of snapshots by entity');
  const out: [EntityName, number, Record<string, unknown>][] = [];
  for (const [entity, list] of Object.entries(parsed)) {
    if (!Object.hasOwn(auditedEntities, entity) || !Array.isArray(list)) throw new Error(`an import row names ${entity}, which is not an audited entity`);
    for (const snapshot of list as unknown[]) {
      const id = (snapshot as { id?: unknown } | null)?.id;
      if (typeof id !== 'number') throw new Error(`an import row holds a ${entity} record without an id`);
      out.push([entity as EntityName, id, snapshot as Record<string, unknown>]);
    }
  }
  return out;
}
