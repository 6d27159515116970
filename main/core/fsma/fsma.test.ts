// The FSMA 204 spreadsheet on a small food plant in a real SQLite file: leafy greens received from a farm,
// cut and packed into salad lots, shipped to a retailer's DC. Every CTE row and KDE is checked in the xlsx
// (read back with exceljs) and in the CSV (read back with an RFC 4180 parser), with date and lot filters.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { openDatabase } from '../db/open';
import type { Db } from '../db/open';
import { FSMA_COLUMNS } from './columns';
import { BOM, csvField, csvLine } from './csv';
import { checkDay, exportFsma204 } from './export';
import { memorySink } from './sink';
import type { Cell } from './sink';
import { SHEET_NAME, sheetDate } from './xlsx';

const SITE = 'Fresh Cut Salads Inc., 1 Produce Way, Salinas, CA 93901';
const DOCK = 'Receiving dock 2, 1 Produce Way, Salinas, CA 93901';
const FARM = 'Green Valley Farm, Ana Ruiz +1 831 555 0100, ana@greenvalley.example';
const DC = 'Fresh Mart Retail, Fresh Mart DC, Dock 4, 200 Commerce Rd, Fresno, CA 93725';
const SALAD = 'Garden salad, 12 oz "clamshell"';
export const SALAD_GTIN = '09506000134352';

let t: TestApi;
let db: Db;
let dir: string;
const refs: Record<string, string> = {};

async function foodPlant(t: TestApi): Promise<void> {
  const { call } = t;
  await call('locations.create', { code: 'PLANT', name: 'Fresh Cut Salads Inc.', kind: 'site', address: '1 Produce Way\nSalinas, CA 93901' });
  await call('locations.create', { code: 'DOCK', name: 'Receiving dock 2', kind: 'warehouse', address: '1 Produce Way, Salinas, CA 93901' });
  await call('suppliers.create', { code: 'FARM', name: 'Green Valley Farm', contact: 'Ana Ruiz +1 831 555 0100', email: 'ana@greenvalley.example' });
  await call('customers.create', { code: 'MART', name: 'Fresh Mart Retail' });
  await call('locations.create', { code: 'MART-DC', name: 'Fresh Mart DC', kind: 'ship_to', customer: 'MART', address: 'Dock 4, 200 Commerce Rd, Fresno, CA 93725' });
  await call('items.create', { part: 'ROMAINE', description: 'Romaine lettuce, whole heads', tracking: 'lot', category: 'raw', unit: 'kg' });
  await call('items.create', { part: 'SPINACH', description: 'Baby spinach, bulk', tracking: 'lot', category: 'raw', unit: 'kg' });
  await call('items.create', { part: 'SALAD', description: SALAD, tracking: 'lot', category: 'finished', unit: 'case', gtin: SALAD_GTIN });
  await call('boms.create', { part: 'SALAD', lines: [{ part: 'ROMAINE', quantityPer: '0.2' }, { part: 'SPINACH', quantityPer: '0.1' }] });

  const r1 = await call('receiving.receive', {
    supplier: 'FARM',
    location: 'DOCK',
    reference: 'BOL-7781',
    receivedAt: '2026-03-02T07:15:00-08:00',
    lines: [
      { part: 'ROMAINE', supplierLot: 'GV-0302-R', quantity: 500 },
      { part: 'SPINACH', supplierLot: 'GV-0302-S', quantity: 200 },
    ],
  });
  // Late in the evening in California: already the next day in UTC.
  const r2 = await call('receiving.receive', { supplier: 'FARM', receivedAt: '2026-03-04T23:30:00-08:00', lines: [{ part: 'ROMAINE', supplierLot: 'GV-0304-R', quantity: 300 }] });
  [refs.romaine1, refs.spinach1] = r1.lots.map((l) => l.ref) as [string, string];
  refs.romaine2 = (r2.lots[0] as { ref: string }).ref;
  refs.receipt1 = r1.receipt;
  refs.receipt2 = r2.receipt;
  for (const ref of [refs.romaine1, refs.spinach1, refs.romaine2]) await call('units.setStatus', { ref: ref, status: 'released', reason: 'incoming inspection passed' });

  await call('workOrders.create', { number: 'WO-1', part: 'SALAD', quantity: 400, line: 'CUT-1', at: '2026-03-03T06:00:00-08:00' });
  await call('workOrders.consume', { workOrder: 'WO-1', ref: refs.romaine1, quantity: 100, at: '2026-03-03T06:30:00-08:00' });
  await call('workOrders.consume', { workOrder: 'WO-1', ref: refs.spinach1, quantity: 50, at: '2026-03-03T06:35:00-08:00' });
  await call('workOrders.produce', { workOrder: 'WO-1', quantity: 400, lot: 'SAL-0303', at: '2026-03-03T10:00:00-08:00' });
  await call('units.setStatus', { ref: 'SALAD:SAL-0303', status: 'released', reason: 'micro results passed' });
  await call('shipments.ship', { number: 'SH-1', customer: 'MART', shipTo: 'MART-DC', shipDate: '2026-03-04T14:00:00-08:00', lines: [{ ref: 'SALAD:SAL-0303', quantity: 250 }] });

  await call('workOrders.create', { number: 'WO-2', part: 'SALAD', quantity: 300, line: 'CUT-1', at: '2026-03-05T06:00:00-08:00' });
  await call('workOrders.consume', { workOrder: 'WO-2', ref: refs.romaine1, quantity: 50, at: '2026-03-05T06:10:00-08:00' });
  await call('workOrders.consume', { workOrder: 'WO-2', ref: refs.romaine2, quantity: 60, at: '2026-03-05T06:20:00-08:00' });
  // Scanned by mistake and reversed: it must not show as an input.
  const wrong = await call('workOrders.consume', { workOrder: 'WO-2', ref: refs.spinach1, quantity: 10, at: '2026-03-05T06:25:00-08:00' });
  await call('events.reverse', { eventId: wrong.id, reason: 'scanned the wrong tote' });
  await call('workOrders.produce', { workOrder: 'WO-2', quantity: 300, lot: 'SAL-0305', at: '2026-03-05T09:00:00-08:00' });
  await call('units.setStatus', { ref: 'SALAD:SAL-0305', status: 'released', reason: 'micro results passed' });
  await call('shipments.ship', {
    number: 'SH-2',
    customer: 'MART',
    shipTo: 'MART-DC',
    shipDate: '2026-03-06T08:00:00-08:00',
    lines: [
      { ref: 'SALAD:SAL-0305', quantity: 300 },
      { ref: 'SALAD:SAL-0303', quantity: 150 },
      // Greens sold on as received: their traceability lot code stays the farm's.
      { ref: refs.romaine2, quantity: 40 },
    ],
  });
}

/** The FSMA columns (before the Lotline ones) of the expected rows, in the spreadsheet's order. */
function expectedRows(): Cell[][] {
  const recv = (date: string, tlc: string, product: string, qty: number, receiving: string, receipt: string, ref: string | null) =>
    ['Receiving', date, tlc, product, qty, 'kg', FARM, FARM, null, receiving, null, null, null, null, null, 'Receipt', receipt, ref];
  const made = (date: string, tlc: string, qty: number, wo: string, input: [string, string, number]) =>
    ['Transformation', date, tlc, SALAD, qty, 'case', SITE, null, null, null, `${SITE}, line CUT-1`, input[0], input[1], input[2], 'kg', 'Work order', wo, null];
  const ship = (date: string, tlc: string, product: string, qty: number, uom: string, source: string, number: string) =>
    ['Shipping', date, tlc, product, qty, uom, source, SITE, DC, null, null, null, null, null, null, 'Shipment', number, null];
  const receipt1 = refs.receipt1 as string;
  const receipt2 = refs.receipt2 as string;
  const rows = [
    recv('2026-03-02', 'GV-0302-R', 'Romaine lettuce, whole heads', 500, DOCK, receipt1, 'BOL-7781'),
    recv('2026-03-02', 'GV-0302-S', 'Baby spinach, bulk', 200, DOCK, receipt1, 'BOL-7781'),
    made('2026-03-03', 'SAL-0303', 400, 'WO-1', ['GV-0302-R', 'Romaine lettuce, whole heads', 100]),
    made('2026-03-03', 'SAL-0303', 400, 'WO-1', ['GV-0302-S', 'Baby spinach, bulk', 50]),
    ship('2026-03-04', 'SAL-0303', SALAD, 250, 'case', SITE, 'SH-1'),
    recv('2026-03-04', 'GV-0304-R', 'Romaine lettuce, whole heads', 300, SITE, receipt2, null),
    made('2026-03-05', 'SAL-0305', 300, 'WO-2', ['GV-0302-R', 'Romaine lettuce, whole heads', 50]),
    made('2026-03-05', 'SAL-0305', 300, 'WO-2', ['GV-0304-R', 'Romaine lettuce, whole heads', 60]),
  ];
  // One shipment, three lines: ordered by the Lotline lot code within the event.
  const sh2 = [
    { code: (refs.romaine2 as string).split(':')[1] as string, row: ship('2026-03-06', 'GV-0304-R', 'Romaine lettuce, whole heads', 40, 'kg', FARM, 'SH-2') },
    { code: 'SAL-0303', row: ship('2026-03-06', 'SAL-0303', SALAD, 150, 'case', SITE, 'SH-2') },
    { code: 'SAL-0305', row: ship('2026-03-06', 'SAL-0305', SALAD, 300, 'case', SITE, 'SH-2') },
  ].sort((a, b) => (a.code < b.code ? -1 : 1));
  return [...rows, ...sh2.map((s) => s.row)];
}

/** FSMA columns 1–17 and the supplier reference (the last column) of a full row. */
const fsmaPart = (row: Cell[]): Cell[] => [...row.slice(0, 17), row[FSMA_COLUMNS.length - 1] ?? null];

beforeAll(async () => {
  t = tempApi();
  await foodPlant(t);
  db = openDatabase(t.dbPath);
  dir = mkdtempSync(join(tmpdir(), 'lotline-fsma-'));
});

afterAll(() => {
  db.close();
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rowsOf(from: string, to: string, lots?: string[]) {
  const sink = memorySink();
  const result = await exportFsma204(db, { from, to, lots, out: join(dir, 'memory.csv') }, () => sink);
  return { result, rows: sink.rows, sink };
}

describe('CTE rows', () => {
  it('has one row per received, produced (per input lot) and shipped lot with its KDEs', async () => {
    const { result, rows, sink } = await rowsOf('2026-03-01', '2026-03-31');
    expect(sink.headers).toEqual(FSMA_COLUMNS.map((c) => c.header));
    expect(sink.ended).toBe(true);
    expect(rows.map(fsmaPart)).toEqual(expectedRows());
    expect(result.byCte).toEqual({ Receiving: 3, Transformation: 4, Shipping: 4 });
    expect(result.rows).toBe(11);
  });

  it('ties rows to the ledger: Lotline refs, local time with its offset, event ids shared by one transformation', async () => {
    const { rows } = await rowsOf('2026-03-01', '2026-03-31');
    const col = (key: string) => FSMA_COLUMNS.findIndex((c) => c.key === key);
    const made = rows.filter((r) => r[0] === 'Transformation' && r[2] === 'SAL-0305');
    expect(made.map((r) => r[col('lotlineRef')])).toEqual(['SALAD:SAL-0305', 'SALAD:SAL-0305']);
    expect(made.map((r) => r[col('inputLotlineRef')])).toEqual([refs.romaine1, refs.romaine2]);
    expect(new Set(made.map((r) => r[col('eventId')])).size).toBe(1);
    const late = rows.find((r) => r[2] === 'GV-0304-R' && r[0] === 'Receiving') as Cell[];
    expect([late[col('eventTime')], late[col('utcOffset')], late[col('lotlineRef')]]).toEqual(['2026-03-04T23:30:00', '-08:00', refs.romaine2]);
  });

  it('filters on the local event date, both ends included', async () => {
    const day4 = await rowsOf('2026-03-04', '2026-03-04');
    expect(day4.rows.map((r) => [r[0], r[2]])).toEqual([
      ['Shipping', 'SAL-0303'],
      ['Receiving', 'GV-0304-R'],
    ]);
    const day5 = await rowsOf('2026-03-05', '2026-03-05');
    expect(day5.rows.map((r) => [r[0], r[2], r[11]])).toEqual([
      ['Transformation', 'SAL-0305', 'GV-0302-R'],
      ['Transformation', 'SAL-0305', 'GV-0304-R'],
    ]);
    expect((await rowsOf('2026-04-01', '2026-04-30')).rows).toEqual([]);
  });

  it('limits --lot to the events of the lot’s backward and forward trace', async () => {
    const salad = await rowsOf('2026-03-01', '2026-03-31', ['SALAD:SAL-0303']);
    expect(salad.result.traceUnits).toBe(3);
    expect(salad.rows.map((r) => [r[0], r[2], r[11]])).toEqual([
      ['Receiving', 'GV-0302-R', null],
      ['Receiving', 'GV-0302-S', null],
      ['Transformation', 'SAL-0303', 'GV-0302-R'],
      ['Transformation', 'SAL-0303', 'GV-0302-S'],
      ['Shipping', 'SAL-0303', null],
      // The romaine lot of its trace also went into SAL-0305: that use is shown, not SAL-0305's other input.
      ['Transformation', 'SAL-0305', 'GV-0302-R'],
      ['Shipping', 'SAL-0303', null],
    ]);
    // By GS1 data too: SAL-0305 back to both romaine lots (the reversed spinach is not in its trace), and their other uses.
    const salad5 = await rowsOf('2026-03-01', '2026-03-31', [`(01)${SALAD_GTIN}(10)SAL-0305`]);
    expect(salad5.rows.map((r) => [r[0], r[2], r[11]])).toEqual([
      ['Receiving', 'GV-0302-R', null],
      ['Transformation', 'SAL-0303', 'GV-0302-R'],
      ['Receiving', 'GV-0304-R', null],
      ['Transformation', 'SAL-0305', 'GV-0302-R'],
      ['Transformation', 'SAL-0305', 'GV-0304-R'],
      ['Shipping', 'GV-0304-R', null],
      ['Shipping', 'SAL-0305', null],
    ]);
  });

  it('refuses bad dates and paths before writing anything', async () => {
    const refusal = (p: Promise<unknown>) => p.then(() => 'no refusal', (e: Error) => e.message);
    expect(await refusal(rowsOf('2026-02-30', '2026-03-01'))).toBe('--from: 2026-02-30 is not a calendar date');
    expect(await refusal(rowsOf('2026-03-01', '03/31/2026'))).toBe('--to: "03/31/2026" is not a date; give it as YYYY-MM-DD, e.g. 2026-03-01');
    expect(await refusal(rowsOf('2026-03-31', '2026-03-01'))).toBe('--from 2026-03-31 is after --to 2026-03-01; the range would be empty');
    const out = (file: string) => refusal(exportFsma204(db, { from: '2026-03-01', to: '2026-03-31', out: file }));
    expect(await out(join(dir, 'x.txt'))).toBe(`--out: ${join(dir, 'x.txt')} must end in .xlsx or .csv (the format is taken from the name)`);
    expect(await out(join(dir, 'nope', 'x.csv'))).toBe(`--out: the folder ${join(dir, 'nope')} does not exist`);
    expect(await refusal(rowsOf('2026-03-01', '2026-03-31', ['SALAD:NOPE']))).toMatch(/SAL.*NOPE|NOPE/);
    expect(() => checkDay('2026-13-01', '--from')).toThrow('--from: 2026-13-01 is not a calendar date');
  });
});

describe('files', () => {
  it('writes xlsx: frozen bold header, autofilter over every row, widths, real dates and numbers', async () => {
    const file = join(dir, 'fsma.xlsx');
    const result = await exportFsma204(db, { from: '2026-03-01', to: '2026-03-31', out: file });
    expect(result).toMatchObject({ file, format: 'xlsx', rows: 11 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(SHEET_NAME);
    if (ws === undefined) throw new Error('no FSMA 204 sheet');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:W12');
    expect(ws.rowCount).toBe(12);
    expect((ws.getRow(1).values as Cell[]).slice(1)).toEqual(FSMA_COLUMNS.map((c) => c.header));
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getColumn(4).width).toBe(FSMA_COLUMNS[3]?.width);
    const read: Cell[][] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const cells = FSMA_COLUMNS.map((c, i) => {
        const v = ws.getRow(r).getCell(i + 1).value as Cell | Date | undefined;
        if (v instanceof Date) return c.type === 'date' ? v.toISOString().slice(0, 10) : v.toISOString().slice(0, 19);
        return v ?? null;
      });
      read.push(cells);
    }
    expect(read.map(fsmaPart)).toEqual(expectedRows());
    const date = ws.getRow(2).getCell(2);
    expect(date.value).toEqual(sheetDate('2026-03-02'));
    expect(date.numFmt).toBe('yyyy-mm-dd');
    expect(typeof ws.getRow(2).getCell(5).value).toBe('number');
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('writes CSV: UTF-8 with BOM, RFC 4180 quoting and CRLF, same columns and rows', async () => {
    const file = join(dir, 'fsma.csv');
    const result = await exportFsma204(db, { from: '2026-03-01', to: '2026-03-31', out: file });
    expect(result).toMatchObject({ format: 'csv', rows: 11 });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toContain('"Garden salad, 12 oz ""clamshell"""');
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(FSMA_COLUMNS.map((c) => c.header));
    const typed = rows.map((r) => r.map((v, i) => (v === '' ? null : FSMA_COLUMNS[i]?.type === 'number' ? Number(v) : v)));
    expect(typed.map(fsmaPart)).toEqual(expectedRows());
  });

  it('guards text a spreadsheet would run as a formula', () => {
    expect(['=HYPERLINK("x")', '+1+2', '-1-A1', '@SUM(A1)', '\tx', '\r-5', '-cmd|calc', '+00:00x'].map(csvField)).toEqual([
      "\"'=HYPERLINK(\"\"x\"\")\"",
      "'+1+2",
      "'-1-A1",
      "'@SUM(A1)",
      "'\tx",
      "\"'\r-5\"",
      "'-cmd|calc",
      "'+00:00x",
    ]);
    // Plain numbers, offsets and ISO times are values to a spreadsheet: left as they are.
    expect(['-5', '+1', '-1.25', '+1.5e3', '+00:00', '-05:30', '2026-01-01T00:00:00+00:00', '+002026-01-01T00:00:00Z', 'a=b'].map(csvField)).toEqual([
      '-5',
      '+1',
      '-1.25',
      '+1.5e3',
      '+00:00',
      '-05:30',
      '2026-01-01T00:00:00+00:00',
      '+002026-01-01T00:00:00Z',
      'a=b',
    ]);
    expect(csvField(-1)).toBe('-1');
    expect(csvLine(['a\nb', null, 2])).toBe('"a\nb",,2\r\n');
  });
});

/** RFC 4180 reader for the test: quoted fields with doubled quotes and line breaks, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) field += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  return records;
}
