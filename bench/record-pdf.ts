// Record PDF benchmark: a long batch record (a work order with thousands of component consumptions) laid out by the
// record kit (header and footer with "Page X of Y" on every page, measured table rows with the header repeated, the
// data attached and hashed) beside bare pdfkit writing the same cell strings at fixed places on the same number of
// pages, both with DejaVu embedded and streamed to a file; alternating rounds in one run. Then peak RSS of a fresh
// process building the record at 20, 200 and 2,000 pages.
// Run alone: npx tsx bench/record-pdf.ts [pages, default 200] [rounds, default 3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { EbrContent } from '../common/api/records';
import { canonicalJson, sha256 } from '../main/core/audit/canonical';
import { parsedFont, registerFonts } from '../main/documents/fonts';
import { fileSink } from '../main/documents/pdf-sink';
import { RecordPdf } from '../main/documents/record-pdf';
import { layoutEbr } from '../main/documents/records/ebr-pdf';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Component rows per page of the kit's layout (two-line rows); the record is sized from it. */
const ROWS_PER_PAGE = 27;

function content(rows: number): EbrContent {
  const at = (i: number) => `2026-05-${String(1 + (i % 28)).padStart(2, '0')}T${String(6 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+02:00`;
  return {
    workOrder: { number: 'WO-90001', status: 'closed', line: 'LINE-2', createdAt: at(0), closedAt: at(rows), plannedQuantity: '100000', unit: 'ea' },
    product: { part: 'SET-IV2', description: 'IV administration set, 2 m', gtin: '09506000134369' },
    lots: [{ ref: 'SET-IV2:26-900', code: '26-900', quantity: '99800', producedAt: at(rows), expiresAt: '2029-05-06' }],
    masterRecord: { bomVersion: 3, note: null, approvedAt: at(0), lines: [{ line: 1, part: 'RES-PC', description: 'Polycarbonate resin, medical grade', quantityPer: '0.012', unit: 'kg' }] },
    dates: { started: at(1), finished: at(rows) },
    equipment: { line: 'LINE-2 — IV set line', locations: ['LINE-2'] },
    components: Array.from({ length: rows }, (_, i) => ({
      eventId: 1000 + i,
      at: at(i),
      by: `op${i % 7}`,
      ref: `RES-PC:R26${String(100 + (i % 900)).padStart(3, '0')}-${String(i).padStart(5, '0')}`,
      part: 'RES-PC',
      description: i % 3 === 0 ? 'Polycarbonate resin, medical grade' : i % 3 === 1 ? 'PVC tubing 4.1 mm ID' : 'Roller clamp',
      quantity: String(1 + (i % 17) * 0.25),
      unit: 'kg',
      supplier: `Supplier ${i % 13}`,
      supplierLot: `POL${270000 + i}`,
      substitutionReason: null,
      reversedBy: null,
    })),
    requirements: [{ line: 1, part: 'RES-PC', required: '1200', consumed: '1200', unit: 'kg' }],
    yield: { theoretical: '100000', actual: '99800', unit: 'ea', percent: 99.8 },
    results: [],
    inspections: [],
    label: null,
    steps: [],
    deviations: [],
  };
}

/** The cell strings of each component row, exactly as the kit prints them. */
function cells(c: EbrContent): string[][] {
  return c.components.map((m) => [String(m.eventId), m.at.replace('T', ' '), `${m.ref}\n${m.description}`, `${m.supplier} (${m.supplierLot})`, `${m.quantity} ${m.unit}`, m.by, '—']);
}

async function kit(file: string, c: EbrContent, beforeEnd?: () => void): Promise<number> {
  const canonical = canonicalJson({ kind: 'ebr', id: 'WO-90001', content: c });
  const pdf = new RecordPdf(fileSink(file), {
    frame: { kind: 'Electronic batch record', subject: 'Work order WO-90001 — SET-IV2 lot 26-900', generatedAt: '2026-06-01T10:00:00+02:00', generatedBy: 'bench' },
    attachment: { name: 'record.json', description: 'bench', data: Buffer.from(canonical) },
  });
  await layoutEbr(pdf, c, { id: 'WO-90001', sha256: sha256(canonical), attachmentName: 'record.json', signatures: [], specimen: null });
  beforeEnd?.();
  return (await pdf.end()).pages;
}

/** Bare pdfkit: the same strings at fixed places, the same fonts, as many pages; no measuring, no frame. */
async function bare(file: string, rows: number, pages: number): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, autoFirstPage: false, pdfVersion: '1.7', subset: 'PDF/A-3b', font: parsedFont('condensed') as never });
  registerFonts(doc);
  const out = createWriteStream(file);
  doc.pipe(out);
  const all = cells(content(rows));
  const perPage = Math.ceil(all.length / pages);
  const xs = [48, 80, 170, 260, 350, 400, 440];
  doc.font('condensed').fontSize(7.5);
  all.forEach((row, i) => {
    if (i % perPage === 0) doc.addPage();
    const y = 72 + (i % perPage) * 25;
    row.forEach((text, j) => doc.text(text, xs[j] ?? 48, y, { lineBreak: false }));
  });
  doc.end();
  await once(out, 'finish');
  return pages;
}

async function child(mode: string, pages: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-record-bench-'));
  const file = join(dir, 'r.pdf');
  const rows = pages * ROWS_PER_PAGE;
  const c = content(rows);
  const dataMb = Buffer.byteLength(canonicalJson({ kind: 'ebr', id: 'WO-90001', content: c })) / 1e6;
  // Reachable heap (with --expose-gc) with the record's data built, then once every page is laid out, before the end:
  // the difference is what the kit holds, which pages kept in memory would make grow with the page count.
  const heap = (): number => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const baseline = heap();
  let kitMb = 0;
  const got = mode === 'kit' ? await kit(file, c, () => (kitMb = heap() - baseline)) : await bare(file, rows, pages);
  process.stdout.write(JSON.stringify({ pages: got, maxRssMb: process.resourceUsage().maxRSS / 1024, kitMb, dataMb, bytes: statSync(file).size }));
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const [first, second] = process.argv.slice(2);
  if (first === '--child') return child(second ?? 'kit', Number(process.argv[4]));
  const pages = Number(first ?? 200);
  const rounds = Number(second ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'lotline-record-bench-'));
  const rows = pages * ROWS_PER_PAGE;
  const times = { kit: [] as number[], bare: [] as number[] };
  let kitPages = 0;
  await kit(join(dir, 'warm.pdf'), content(ROWS_PER_PAGE * 2)); // fonts parsed once per process, as in the app
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    kitPages = await kit(join(dir, 'kit.pdf'), content(rows));
    times.kit.push((performance.now() - t) / 1000);
    t = performance.now();
    await bare(join(dir, 'bare.pdf'), rows, kitPages);
    times.bare.push((performance.now() - t) / 1000);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
  const kitRate = kitPages / median(times.kit);
  const bareRate = kitPages / median(times.bare);
  const pageCount = (f: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))?.[1]);
  console.log(`Batch record of ${rows.toLocaleString('en')} component rows: ${pageCount(join(dir, 'kit.pdf'))} pages (kit), ${pageCount(join(dir, 'bare.pdf'))} pages (bare); median of ${rounds} alternating rounds`);
  console.log(`| | s | pages/s |\n|---|---:|---:|`);
  console.log(`| record kit (frame, Page X of Y, measured rows, header repeated, data attached) | ${median(times.kit).toFixed(2)} | ${kitRate.toFixed(0)} |`);
  console.log(`| bare pdfkit, same strings at fixed places | ${median(times.bare).toFixed(2)} | ${bareRate.toFixed(0)} |`);
  console.log(`Kit / bare: ${((kitRate / bareRate) * 100).toFixed(0)}% of bare pdfkit's pages per second (target ≥ 50%)\n`);
  rmSync(dir, { recursive: true, force: true });

  console.log('| pages | record data (JSON) | peak RSS, record kit | heap the kit holds at the last page | peak RSS, bare pdfkit (no cache clearing) | PDF size |\n|---:|---:|---:|---:|---:|---:|');
  for (const n of [20, 200, 2000]) {
    const run = (mode: string) =>
      JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, '--child', mode, String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as {
        pages: number;
        maxRssMb: number;
        kitMb: number;
        dataMb: number;
        bytes: number;
      };
    const k = run('kit');
    const b = run('bare');
    console.log(`| ${k.pages.toLocaleString('en')} | ${k.dataMb.toFixed(1)} MB | ${k.maxRssMb.toFixed(0)} MB | ${k.kitMb.toFixed(1)} MB | ${b.maxRssMb.toFixed(0)} MB | ${(k.bytes / 1e6).toFixed(1)} MB |`);
  }
}

await main();
