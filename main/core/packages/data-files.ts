// A package's data files from rows: CSV (RFC 4180 with CRLF, UTF-8 with a byte order mark, a header row, the same
// columns on every row; text a spreadsheet would run as a formula, not a plain number or time, gets an apostrophe, as in the FSMA sheet) and JSON
// (an array of objects with the same keys and the exact values). Both are generators of ~64 KB chunks.
import { closeSync, openSync, writeSync } from 'node:fs';
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

const JSON_OPEN = '[';
const JSON_CLOSE = '\n]\n';
const jsonRow = (row: unknown, first: boolean) => `${first ? '' : ','}\n${JSON.stringify(row)}`;

export function* jsonChunks(rows: Iterable<unknown>): Generator<string> {
  let pending = JSON_OPEN;
  let first = true;
  for (const row of rows) {
    pending += jsonRow(row, first);
    first = false;
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  yield `${pending}${JSON_CLOSE}`;
}

/**
 * The JSON file of a table written to disk row by row while its CSV goes into the zip, so that a table's query runs
 * once for both files (the zip takes one file at a time). The same bytes as jsonChunks.
 */
export class JsonRowsFile {
  private readonly fd: number;
  private pending = JSON_OPEN;
  private first = true;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  add(row: unknown): void {
    this.pending += jsonRow(row, this.first);
    this.first = false;
    if (this.pending.length >= CHUNK) this.flush();
  }

  /** Ends the array and closes the file (also after a failure: then the file is incomplete and not used). */
  close(): void {
    this.pending += JSON_CLOSE;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    writeSync(this.fd, this.pending);
    this.pending = '';
  }
}

/** Rows handed to `onRow` as they pass (to a JsonRowsFile beside the CSV). */
export function* tapped<T>(rows: Iterable<T>, onRow: (row: T) => void): Generator<T> {
  for (const row of rows) {
    onRow(row);
    yield row;
  }
}
