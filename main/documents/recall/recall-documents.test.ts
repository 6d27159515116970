// Recall documents read back with the real tools: each customer's letter (pdftotext) holds exactly the lots, serials
// and quantities that customer received and none of another's; the consignee CSV and xlsx hold every line in scope;
// a drill's report states its time against the target and stops the drill's timer; qpdf checks the files. Pages are
// kept as PNG under test-artifacts/recall to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempApi } from '../../api/test-plant';
import type { TestApi, sessionCaller } from '../../api/test-plant';
import { pumps, qaSignature, recallPlant } from '../../api/recall-plant.test-support';
import { ATTACHED_LOTS_PER_CUSTOMER, customerTotals } from './report-pdf';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'recall');
const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const png = (pdf: string, name: string) => execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, name)]);

let t: TestApi;
let qa: ReturnType<typeof sessionCaller>;
let viewer: ReturnType<typeof sessionCaller>;
let resin: string;
let number: string;
let out: string;

beforeAll(async () => {
  t = tempApi();
  const plant = await recallPlant(t);
  ({ qa, viewer, resin } = plant);
  out = mkdtempSync(join(tmpdir(), 'lotline-recall-docs-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ number } = await qa.call('recalls.create', { title: 'Pumps with contaminated resin', reason: 'Supplier reports resin lot S-1 contaminated with metal particles', classification: 'Class II', seeds: { refs: [resin] } }));
  await qa.call('recalls.open', { number, signature: qaSignature });
}, 60_000);
afterAll(() => t.close());

describe('recall documents', () => {
  it('a letter per customer lists exactly that customer’s lots, serials and quantities, and says what to do and how to respond', async () => {
    const { files } = await qa.call('recalls.letters', { number, outDir: out });
    expect(files.map((f) => f.customer)).toEqual(['CUST', 'CUST2']);
    const [first, second] = files.map((f) => text(f.file)) as [string, string];
    png(files[1]?.file ?? '', 'letter-cust2');
    execFileSync('qpdf', ['--check', files[0]?.file ?? '']);
    for (const page of [first, second]) {
      expect(page).toContain('URGENT: PRODUCT RECALL');
      expect(page).toContain(number);
      expect(page).toContain('Supplier reports resin lot S-1 contaminated with metal particles');
      expect(page).toContain('How to respond');
    }
    const lines = (page: string) => [...page.matchAll(/^\s*(SH-[AB])\s+\S+\s+.+?\s+(PUMP|BOTTLE)\s+.+?\s+(P-\d{4}|B-1)\s+(\d+) ea\s*$/gm)].map((m) => `${m[1]} ${m[3]} ${m[4]}`);
    expect(lines(first)).toEqual(['SH-A P-0001 1', 'SH-A P-0002 1']);
    expect(lines(second)).toEqual(['SH-B B-1 5', 'SH-B P-0003 1']);
    expect(first).not.toMatch(/P-0003|B-1\b|Second customer/);
    expect(second).not.toMatch(/P-0001|P-0002/);
    expect(second).toContain('Dana Buyer');
    expect(second).toMatch(/In all: 6 in 2 lines of 1 shipment/);
  });

  it('the consignee sheet has one row per shipment line in scope, as CSV and as xlsx', async () => {
    const csv = await qa.call('recalls.consignees', { number, out: join(out, 'consignees.csv') });
    expect(csv.rows).toBe(4);
    const rows = readFileSync(csv.file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('Campaign,Customer,Customer name,Contact,Email,Ship-to,Ship-to name,Ship-to address,Shipment,Ship date,Item,Description,Lot or serial,Quantity,Unit');
    expect(rows.slice(1).map((r) => r.split(',').filter((_c, i) => [1, 8, 12, 13].includes(i)).join(' ')).sort()).toEqual(
      ['CUST SH-A PUMP#P-0001 1', 'CUST SH-A PUMP#P-0002 1', 'CUST2 SH-B BOTTLE:B-1 5', 'CUST2 SH-B PUMP#P-0003 1'],
    );
    const xlsx = await qa.call('recalls.consignees', { number, out: join(out, 'consignees.xlsx') });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.file);
    const sheet = book.getWorksheet('Consignees');
    expect(sheet?.rowCount).toBe(5);
    expect(sheet?.getRow(5).getCell(14).value).toBeTypeOf('number');
    expect(await viewer.refuse('recalls.consignees', { number, out: join(out, 'no.csv') })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a drill writes no letters; its report states the time from opening against the target and stops the drill timer once', async () => {
    const drill = await qa.call('recalls.create', { title: 'Annual mock recall', drill: true, reason: 'BRCGS traceability test', classification: 'Mock recall', seeds: { refs: [resin] } });
    expect(await qa.refuse('recalls.letters', { number: drill.number, outDir: out })).toMatchObject({ code: 'STATUS', message: `${drill.number} is a mock recall: no letters are sent (its report shows the customers it would notify)` });
    expect(await qa.refuse('recalls.report', { number: drill.number, out: join(out, 'draft.pdf') })).toMatchObject({ code: 'STATUS' });
    const opened = await qa.call('recalls.open', { number: drill.number, signature: qaSignature });
    expect(opened.holds.active).toBe(0); // a drill holds nothing unless asked to
    // Holding nothing, the opening does not walk the scope: the report reads it once (its figures below).
    expect(opened.steps[0]?.figures).toEqual({ held: 0, containAs: 'none' });
    const report = await qa.call('recalls.report', { number: drill.number, out: join(out, 'drill.pdf') });
    expect(report).toMatchObject({ targetMinutes: 240, figures: { inScope: 8, finished: 7, shipmentLines: 4, customers: 2, unexplainedLots: 0, lots: 2 } });
    expect(report.elapsedMinutes).toBeGreaterThanOrEqual(0);
    const page = text(report.file).replace(/\s+/g, ' ');
    png(report.file, 'drill-report');
    execFileSync('qpdf', ['--check', report.file]);
    expect(page).toContain('Mock recall report');
    expect(page).toMatch(/\d+\.\d\d minutes from opening to this complete impact and mass-balance report, against a target of 240 minutes: MET\./);
    expect(page).toMatch(/CUST2 Second customer Dana Buyer/);
    expect(page).toContain('Every lot in scope balances.');
    // The attached figures are totals per customer (per item, per lot or serial), not the shipment lines.
    const detached = join(out, 'drill-report.json');
    execFileSync('pdfdetach', ['-savefile', 'report.json', '-o', detached, report.file]);
    const attached = JSON.parse(readFileSync(detached, 'utf8')) as { impact: { customers: Record<string, unknown>[] } };
    expect(attached.impact.customers.find((c) => c.code === 'CUST2')).toMatchObject({
      shipments: 1,
      lines: 2,
      lotsAndSerials: 2,
      quantity: '6',
      byItem: [
        { item: 'BOTTLE', lotsAndSerials: 1, quantity: '5', unit: 'ea' },
        { item: 'PUMP', lotsAndSerials: 1, quantity: '1', unit: 'ea' },
      ],
      lots: [
        { ref: 'BOTTLE:B-1', item: 'BOTTLE', quantity: '5', unit: 'ea' },
        { ref: 'PUMP#P-0003', item: 'PUMP', quantity: '1', unit: 'ea' },
      ],
    });
    expect(readFileSync(detached, 'utf8')).not.toContain('SH-B');
    const campaign = await viewer.call('recalls.get', { number: drill.number });
    expect(campaign.reportedAt).not.toBeNull();
    expect(campaign.elapsedMinutes).toBe(report.elapsedMinutes);
    // A second report leaves the drill's time as it was.
    await qa.call('recalls.report', { number: drill.number, out: join(out, 'drill-2.pdf') });
    expect((await viewer.call('recalls.get', { number: drill.number })).reportedAt).toBe(campaign.reportedAt);
    expect(pumps).toHaveLength(6);
  });

  it('recalls.file hands one customer’s letter, the consignee sheet and the report to the window as base64', async () => {
    const letter = await qa.call('recalls.file', { number, document: 'letter', customer: 'cust2' });
    expect(letter).toMatchObject({ fileName: `${number}-CUST2.pdf`, mediaType: 'application/pdf' });
    const file = join(out, 'window-letter.pdf');
    writeFileSync(file, Buffer.from(letter.contentBase64, 'base64'));
    const page = text(file);
    expect(page).toContain('P-0003');
    expect(page).not.toContain('P-0001');
    const csv = await qa.call('recalls.file', { number, document: 'consignees-csv' });
    expect(csv).toMatchObject({ fileName: `${number}-consignees.csv`, mediaType: 'text/csv' });
    expect(Buffer.from(csv.contentBase64, 'base64').toString('utf8')).toContain('CUST2,Second customer');
    const xlsx = await qa.call('recalls.file', { number, document: 'consignees-xlsx' });
    expect(Buffer.from(xlsx.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const report = await qa.call('recalls.file', { number, document: 'report' });
    expect(report.report?.targetMinutes).toBe(240);
    expect(Buffer.from(report.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await qa.refuse('recalls.file', { number, document: 'letter' })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('customer') });
    expect(await qa.refuse('recalls.file', { number, document: 'letter', customer: 'NOBODY' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await viewer.refuse('recalls.file', { number, document: 'consignees-csv' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a customer with more lots and serials than the limit has its totals per item attached, its lots left to the consignee sheet', () => {
    const lines = Array.from({ length: ATTACHED_LOTS_PER_CUSTOMER + 1 }, (_, i) => ({ ref: `PUMP#P-${i}`, item: 'PUMP', description: 'Pump', quantity: '1', unit: 'ea' }));
    const big = { code: 'BIG', name: 'Big', contact: null, email: null, locations: [], shipments: [{ number: 'SH-1', shipDate: '2026-01-01', shipTo: 'BIG-1', lineCount: lines.length, lines }], quantity: String(lines.length), firstShipped: '2026-01-01', lastShipped: '2026-01-01' };
    expect(customerTotals(big)).toMatchObject({ lines: 1001, lotsAndSerials: 1001, byItem: [{ item: 'PUMP', lotsAndSerials: 1001, quantity: '1001' }], lots: null });
    expect(customerTotals({ ...big, shipments: [{ number: 'SH-1', shipDate: '2026-01-01', shipTo: 'BIG-1', lineCount: lines.length - 1, lines: lines.slice(1) }] }).lots).toHaveLength(ATTACHED_LOTS_PER_CUSTOMER);
  });
});
