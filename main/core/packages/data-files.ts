// A package's data files from rows: CSV (RFC 4180 with CRLF, UTF-8 with a byte order mark, a header row, the same
// columns on every row; text a spreadsheet would run as a formula, not a plain number or time, gets an apostrophe, as in the FSMA sheet) and JSON
// (an array of objects with the same keys and the exact values). Both are generators of ~64 KB chunks.
import { BOM, csvLine } from '../fsma/csv';
import type { Cell } from '../fsma/sink';

const CHUNK = 1 << 16;

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

export function* csvChunks(columns: readonly string[], rows: Iterable<Record<string, unknown>>): Generator<string> {
  let pending = BOM + csvLine(columns);
  for (const row of rows) {
    pending += csvLine(columns.map((c) => cell(row[c])));
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  yield pending;
}

export function* jsonChunks(rows: Iterable<unknown>): Generator<string> {
  let pending = '[';
  let first = true;
  for (const row of rows) {
    pending += `${first ? '' : ','}\n${JSON.stringify(row)}`;
    first = false;
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  yield `${pending}\n]\n`;
}

/** Rows counted as they pass, for progress. */
export function* counted<T>(rows: Iterable<T>, onRow: () => void): Generator<T> {
  for (const row of rows) {
    onRow();
    yield row;
  }
}
