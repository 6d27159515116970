// Reading a million rows through better-sqlite3 costs about a microsecond a row handed over; the same integers
// as one JSON array per column per chunk of keys cost a third of that. For the bulk reads of whole tables into
// typed arrays (the lineage index and the units' facts, read at start).
import type { Statement } from 'better-sqlite3';

/** A statement taking @from and @to (keys in (from, to]) and answering one row: a JSON array per column, rows in the same order in each. */
export type ColumnsStatement<P extends object> = Statement<[P & { from: number; to: number }], (string | null)[]>;

/** Calls `visit` with the columns of each chunk of keys (from, from + step] up to `last` (inclusive). */
export function readIntegerColumns<P extends object>(statement: ColumnsStatement<P>, params: P, range: { after: number; last: number; step: number }, visit: (columns: number[][]) => void): void {
  for (let from = range.after; from < range.last; from += range.step) {
    const row = statement.get({ ...params, from, to: Math.min(from + range.step, range.last) });
    if (row) visit(row.map((json) => JSON.parse(json ?? '[]') as number[]));
  }
}
