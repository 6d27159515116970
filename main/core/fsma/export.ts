// `fsma204`: the FDA's electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)) for a date range, or for
// the backward and forward trace of lots, as xlsx or CSV. Rows stream from one read transaction (one
// consistent moment while stations keep writing) into a temporary file beside the target, renamed into
// place only when complete: a failed export never leaves half a spreadsheet under the asked-for name.
import type { Database as Db } from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { LotlineError } from '../../../common/errors';
import { walk } from '../trace/walk';
import { resolveRef } from '../units/rows';
import { FSMA_COLUMNS, rowCells } from './columns';
import type { Cte } from './columns';
import { csvFileSink } from './csv';
import { fsmaRows } from './rows';
import type { SheetSink } from './sink';
import { xlsxFileSink } from './xlsx';

export type SheetFormat = 'xlsx' | 'csv';

export interface FsmaRequest {
  from: string;
  to: string;
  /** Lots or serials (PART:LOT, PART#SERIAL or GS1 data) whose backward and forward trace the rows are limited to. */
  lots?: readonly string[] | undefined;
  out: string;
}

export interface FsmaResult {
  file: string;
  format: SheetFormat;
  rows: number;
  byCte: Record<Cte, number>;
  /** Lots and serials in the trace when `lots` was given. */
  traceUnits: number | null;
}

/** Trace depth for `lots`: far enough for any real genealogy (as the EPCIS export). */
const TRACE_DEPTH = 1000;

/** A calendar date as YYYY-MM-DD, or the reason it is not one. */
export function checkDay(text: string, option: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) throw new LotlineError('VALIDATION', `${option}: "${text}" is not a date; give it as YYYY-MM-DD, e.g. 2026-03-01`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) throw new LotlineError('VALIDATION', `${option}: ${text} is not a calendar date`);
  return text;
}

export function checkRange(from: string, to: string): { from: string; to: string } {
  checkDay(from, '--from');
  checkDay(to, '--to');
  if (from > to) throw new LotlineError('VALIDATION', `--from ${from} is after --to ${to}; the range would be empty`);
  return { from, to };
}

/** The format the file name asks for, and a refusal when the file cannot be written there. */
export function checkOut(file: string): SheetFormat {
  const ext = extname(file).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new LotlineError('VALIDATION', `--out: ${file} must end in .xlsx or .csv (the format is taken from the name)`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new LotlineError('VALIDATION', `--out: ${file} is a folder; name the spreadsheet file to write`);
  const dir = dirname(file);
  if (!existsSync(dir)) throw new LotlineError('VALIDATION', `--out: the folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new LotlineError('VALIDATION', `--out: ${dir} is not a folder`);
  return ext === '.xlsx' ? 'xlsx' : 'csv';
}

function traceUnits(db: Db, refs: readonly string[]): number[] {
  const roots = refs.map((r) => resolveRef(db, r).id);
  const ids = new Set<number>(roots);
  for (const direction of ['backward', 'forward'] as const) for (const id of walk(db, roots, direction, TRACE_DEPTH).depths.keys()) ids.add(id);
  return [...ids];
}

/** The spreadsheet file: written beside the target under a temporary name, renamed into place when complete. */
export function fileSink(format: SheetFormat, file: string): SheetSink {
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  const inner = format === 'xlsx' ? xlsxFileSink(partial) : csvFileSink(partial);
  return {
    begin: (columns) => inner.begin(columns),
    row: (cells) => inner.row(cells),
    async end() {
      await inner.end();
      renameSync(partial, file);
    },
    abort() {
      inner.abort();
      rmSync(partial, { force: true });
    },
  };
}

/**
 * Writes the spreadsheet. `sinkFor` is the side effect (the file by default). Unless `db` is already in a
 * transaction, the trace and the rows are read in one read transaction opened here: a long export sees one
 * moment while stations keep writing, so `db` should be a connection of the export's own.
 */
export async function exportFsma204(db: Db, request: FsmaRequest, sinkFor: (format: SheetFormat, file: string) => SheetSink = fileSink): Promise<FsmaResult> {
  const { from, to } = checkRange(request.from, request.to);
  const format = checkOut(request.out);
  const byCte: Record<Cte, number> = { Receiving: 0, Transformation: 0, Shipping: 0 };
  let rows = 0;
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  const sink = sinkFor(format, request.out);
  let units: number[] | null;
  try {
    units = request.lots && request.lots.length > 0 ? traceUnits(db, request.lots) : null;
    await sink.begin(FSMA_COLUMNS);
    for (const row of fsmaRows(db, { from, to, units })) {
      const wait = sink.row(rowCells(row));
      if (wait) await wait;
      byCte[row.cte]++;
      rows++;
    }
    await sink.end();
  } catch (error) {
    sink.abort();
    throw error;
  } finally {
    if (ownTransaction && db.inTransaction) db.exec('COMMIT');
  }
  return { file: request.out, format, rows, byCte, traceUnits: units === null ? null : units.length };
}
