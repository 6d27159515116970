// The audit trail extract of a package: the trail rows of every record in scope, exactly as stored (old and new
// values as the canonical JSON text the chain hashes), and the chain itself (seq, prev_hash, hash) from the first
// extracted row to the database's head. Each extracted row's hash can be recomputed from its own fields, and the
// chain links every row to the next up to the head named in manifest.json — so an extracted row edited, removed or
// inserted after export is caught without the rest of the trail.
import type { Database as Db } from 'better-sqlite3';
import { IMPORT_ENTITY, rowHash } from '../audit/trail';
import type { TrailRow } from '../audit/trail';
import { perConnection } from '../db/statements';
import type { ResolvedScope } from './scope';

export const AUDIT_COLUMNS = ['seq', 'at', 'actor', 'action', 'entity', 'entity_id', 'old_values', 'new_values', 'moves', 'reason', 'prev_hash', 'hash'] as const;
export const CHAIN_COLUMNS = ['seq', 'prev_hash', 'hash'] as const;

const byIds = (entity: string, set: keyof ResolvedScope['json']) => `SELECT seq FROM audit_trail WHERE entity = '${entity}' AND entity_id IN (SELECT value FROM json_each(@${set}))`;
const byQuery = (entity: string, ids: string) => `SELECT seq FROM audit_trail WHERE entity = '${entity}' AND entity_id IN (${ids})`;
const unitsIn = 'SELECT value FROM json_each(@units)';

/** The trail rows of the records in scope (each entity by its own index: audit_by_entity). */
const SEQ_QUERIES = [
  byIds('units', 'units'),
  byIds('events', 'events'),
  byIds('items', 'items'),
  byIds('work_orders', 'workOrders'),
  byIds('shipments', 'shipments'),
  byIds('customers', 'customers'),
  byIds('specs', 'specs'),
  byQuery('test_results', `SELECT id FROM test_results WHERE unit_id IN (${unitsIn})`),
  byQuery('nonconformances', `SELECT id FROM nonconformances WHERE unit_id IN (${unitsIn})`),
  byQuery('certificates', `SELECT id FROM certificates WHERE unit_id IN (${unitsIn})`),
  byIds('recall_campaigns', 'campaigns'),
  ...['recall_rules', 'recall_steps', 'recall_holds'].map((table) => byQuery(table, `SELECT id FROM ${table} WHERE campaign_id IN (SELECT value FROM json_each(@campaigns))`)),
  // An EPCIS import audits its events and the lots and serials it creates in batches, one trail row per batch
  // (entity `import`): the rows whose batch holds an event or a unit in scope.
  `SELECT seq FROM audit_trail WHERE entity = '${IMPORT_ENTITY}' AND (${importRowHolds('events')} OR ${importRowHolds('units')})`,
];

/**
 * Whether an import row holds a record of `entity` whose id is in the parameter of that name: as a table (its
 * `keys` name the column of the id in each of its `rows`), or, in rows written before tables, as a list of snapshots.
 */
export function importRowHolds(entity: 'events' | 'units'): string {
  const ids = `(SELECT value FROM json_each(@${entity}))`;
  const idColumn = `(SELECT k.key FROM json_each(new_values, '$.${entity}.keys') k WHERE k.value = 'id')`;
  return `(EXISTS (SELECT 1 FROM json_each(new_values, '$.${entity}.rows') r WHERE r.value ->> ${idColumn} IN ${ids})
     OR EXISTS (SELECT 1 FROM json_each(new_values, '$.${entity}') r WHERE r.type = 'object' AND r.value ->> 'id' IN ${ids}))`;
}

const statements = perConnection((db: Db) => ({
  seqs: SEQ_QUERIES.map((sql) => ({ statement: db.prepare<[Record<string, string>], { seq: number }>(sql), params: [...sql.matchAll(/@(\w+)/g)].map((m) => m[1] ?? '') })),
  signatureSeqs: db.prepare<[string], { seq: number }>(`SELECT seq FROM audit_trail WHERE entity = 'signatures' AND entity_id IN (SELECT value FROM json_each(?))`),
  rows: db.prepare<[string], TrailRow>('SELECT * FROM audit_trail WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq'),
  chain: db.prepare<[number], ChainLink>('SELECT seq, prev_hash, hash FROM audit_trail WHERE seq >= ? ORDER BY seq'),
  links: db.prepare<[string], ChainLink>('SELECT seq, prev_hash, hash FROM audit_trail WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq'),
}));

/** The seqs of the trail rows in scope, ascending. `signatureIds`: the signatures the package holds. */
export function auditSeqs(db: Db, scope: ResolvedScope, signatureIds: readonly number[]): number[] {
  const s = statements(db);
  const json = scope.json as unknown as Record<string, string>;
  const seqs = new Set<number>();
  for (const q of s.seqs) for (const r of q.statement.iterate(Object.fromEntries(q.params.map((p) => [p, json[p] ?? '[]'])))) seqs.add(r.seq);
  for (const r of s.signatureSeqs.iterate(JSON.stringify(signatureIds))) seqs.add(r.seq);
  return [...seqs].sort((a, b) => a - b);
}

/** The rows themselves, in seq order, a thousand at a time. */
export function* auditRows(db: Db, seqs: readonly number[]): Generator<TrailRow> {
  const s = statements(db);
  for (let i = 0; i < seqs.length; i += 1000) yield* s.rows.iterate(JSON.stringify(seqs.slice(i, i + 1000)));
}

/**
 * Up to this many rows from the first extracted row to the head, the package holds the whole chain. Beyond (a plant's
 * trail of millions of rows) it holds the links that tie each extracted row into the chain — the row itself and the
 * row after it, whose prev_hash must be the row's hash — and the head; `lotline audit verify` checks the rest.
 */
export const COMPLETE_CHAIN_LIMIT = 1_000_000;

export function chainIsComplete(seqs: readonly number[], head: { seq: number } | null): boolean {
  const first = seqs[0] ?? head?.seq ?? 0;
  return head === null || head.seq - first + 1 <= COMPLETE_CHAIN_LIMIT;
}

/** The chain rows the package holds (see COMPLETE_CHAIN_LIMIT), ascending. */
export function* chainRows(db: Db, seqs: readonly number[], head: { seq: number } | null): Generator<ChainLink> {
  if (head === null) return;
  const s = statements(db);
  if (chainIsComplete(seqs, head)) {
    yield* s.chain.iterate(seqs[0] ?? head.seq);
    return;
  }
  const wanted = new Set<number>();
  for (const seq of seqs) wanted.add(seq).add(Math.min(seq + 1, head.seq));
  wanted.add(head.seq);
  const sorted = [...wanted].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 1000) yield* s.links.iterate(JSON.stringify(sorted.slice(i, i + 1000)));
}

export interface ChainLink {
  seq: number;
  prev_hash: string;
  hash: string;
}

/**
 * Checks an extract against its chain and the head the manifest names; returns every problem in words. Each row's
 * hash is recomputed from its fields; each chain link must follow the one before; each row must be the chain's row
 * of the same seq; the chain must end at the head.
 */
export function checkAuditExtract(
  rows: readonly TrailRow[],
  chain: Iterable<ChainLink>,
  head: { seq: number; hash: string } | null,
  complete = true,
): { problems: string[]; chainRows: number } {
  const problems: string[] = [];
  const wanted = new Map<number, TrailRow>();
  for (const row of rows) {
    const recomputed = rowHash(row.prev_hash, row);
    if (recomputed !== row.hash) problems.push(`audit row ${row.seq} (${row.entity} ${row.entity_id}) was changed after export: its hash no longer matches its content`);
    wanted.set(row.seq, row);
  }
  let previous: ChainLink | undefined;
  let count = 0;
  for (const link of chain) {
    count++;
    if (previous !== undefined) {
      if (link.seq <= previous.seq) problems.push(`the audit chain is out of order at row ${link.seq}`);
      else if (link.seq !== previous.seq + 1) {
        if (complete) problems.push(`the audit chain jumps from row ${previous.seq} to row ${link.seq}: rows were removed from it`);
      } else if (link.prev_hash !== previous.hash) problems.push(`audit chain row ${link.seq} does not follow row ${previous.seq}: the chain was changed after export`);
    }
    const extracted = wanted.get(link.seq);
    if (extracted !== undefined) {
      if (extracted.hash !== link.hash) problems.push(`audit row ${link.seq} in the extract is not the row of the chain (its hash differs)`);
      else if (extracted.prev_hash !== link.prev_hash) problems.push(`audit row ${link.seq} in the extract does not follow row ${link.seq - 1} of the chain`);
      wanted.delete(link.seq);
    }
    previous = link;
  }
  for (const seq of wanted.keys()) problems.push(`audit row ${seq} of the extract is not in the chain`);
  if (head === null) {
    if (count > 0) problems.push('the manifest names no audit chain head but the package holds a chain');
  } else if (previous === undefined) problems.push(`the audit chain is empty but the manifest names head ${head.seq}`);
  else if (previous.seq !== head.seq || previous.hash !== head.hash) problems.push(`the audit chain ends at row ${previous.seq} (${previous.hash.slice(0, 12)}…), not at the head the manifest names (row ${head.seq}, ${head.hash.slice(0, 12)}…)`);
  return { problems, chainRows: count };
}
