// Reading a million rows through better-sqlite3 costs about a microsecond a row handed over; the same integers
// as one JSON array per column per chunk of keys cost a third of that. For the bulk reads of whole tables into
// typed arrays (the lineage index and the units' facts, read at start).
import type { Database as Db, Statement } from 'better-sqlite3';
import { perConnection } from './statements';

/** A statement taking @from and @to (keys in (from, to]) and answering one row: a JSON array per column, rows in the same order in each. */
export type ColumnsStatement<P extends object> = Statement<[P & { from: number; to: number }], (string | null)[]>;

/** Calls `visit` with the columns of each chunk of keys (from, from + step] up to `last` (inclusive). */
export function readIntegerColumns<P extends object>(statement: ColumnsStatement<P>, params: P, range: { after: number; last: number; step: number }, visit: (columns: number[][]) => void): void {
  for (let from = range.after; from < range.last; from += range.step) {
    const row = statement.get({ ...params, from, to: Math.min(from + range.step, range.last) });
    if (row) visit(row.map((json) => JSON.parse(json ?? '[]') as number[]));
  }
}

const jsonRows = perConnection(() => new Map<string, Statement<[string], { rows: string | null }>>());

/**
 * The rows of `select` for many ids (`?` in it is the JSON array of a chunk of ids; its result columns are named by
 * `columns`), each chunk read as one JSON array of arrays: per value, better-sqlite3 costs about half a microsecond
 * to hand over, JSON.parse a fraction of that. Row order is not kept across chunks.
 */
export function rowsForIds<T extends object>(db: Db, select: string, columns: readonly (keyof T & string)[], ids: readonly number[], chunk = 50_000): T[] {
  const sql = `SELECT json_group_array(json_array(${columns.map((c) => `"${c}"`).join(', ')})) AS rows FROM (${select})`;
  const cache = jsonRows(db);
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare<[string], { rows: string | null }>(sql)));
  // Each row starts as a copy of one template, so that all share its shape: filling an empty object key by key
  // cost 3 µs a row of twenty columns, most of reading a wide scope's units.
  const template = Object.fromEntries(columns.map((c) => [c, null])) as Record<string, unknown>;
  const out: T[] = [];
  for (let from = 0; from < ids.length; from += chunk) {
    const rows = JSON.parse(statement.get(JSON.stringify(ids.slice(from, from + chunk)))?.rows ?? '[]') as unknown[][];
    for (const values of rows) {
      const row = { ...template };
      for (let i = 0; i < columns.length; i++) row[columns[i] as string] = values[i];
      out.push(row as T);
    }
  }
  return out;
}
