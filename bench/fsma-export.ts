// FSMA 204 spreadsheet benchmark: generates a scale plant (quick size, more days for more events), then
// writes every CTE row of its whole date range three ways in one run — a baseline of plain comma-joined
// lines (same query, no quoting, no zip), the CSV export and the xlsx export — printing rows/s and RSS
// sampled every 1,000 rows (start, quarter points, peak) so that a growing memory shows as a rising line.
// Run alone: npx tsx bench/fsma-export.ts [days]   (default 150 days ≈ 50k events)
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/core/db/open';
import { FSMA_COLUMNS, rowCells } from '../main/core/fsma/columns';
import { exportFsma204, fileSink } from '../main/core/fsma/export';
import type { SheetFormat } from '../main/core/fsma/export';
import { fsmaRows } from '../main/core/fsma/rows';
import type { SheetSink } from '../main/core/fsma/sink';
import { generateScalePlant, scaleSizes } from '../main/demo/scale-plant';

const days = Number(process.argv[2] ?? 150);
const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-fsma-'));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

interface Run {
  name: string;
  rows: number;
  seconds: number;
  bytes: number;
  samples: number[];
}

function sampler() {
  const samples: number[] = [process.memoryUsage().rss];
  let n = 0;
  return { samples, tick: () => (++n % 1000 === 0 ? samples.push(process.memoryUsage().rss) : undefined) };
}

function report(run: Run): string {
  const s = run.samples;
  const at = (f: number) => mb(s[Math.min(s.length - 1, Math.round((s.length - 1) * f))] ?? 0);
  const peak = Math.max(...s);
  return `${run.name.padEnd(22)} ${String(run.rows).padStart(7)} rows  ${run.seconds.toFixed(2).padStart(6)} s  ${Math.round(run.rows / run.seconds).toLocaleString('en').padStart(9)} rows/s  ${mb(run.bytes).padStart(7)} file   RSS start ${at(0)}, ¼ ${at(0.25)}, ½ ${at(0.5)}, ¾ ${at(0.75)}, end ${at(1)}, peak ${mb(peak)} (+${mb(peak - (s[0] ?? 0))})`;
}

try {
  const dbFile = join(dir, 'plant.db');
  const generated = generateScalePlant(dbFile, { ...scaleSizes.quick, days }, 7);
  const db = openDatabase(dbFile);
  const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  console.log(`FSMA 204 export: scale plant of ${days} days generated in ${generated.seconds.toFixed(1)} s — ${events.toLocaleString('en')} events, ${generated.lots.toLocaleString('en')} lots, ${generated.shipments.toLocaleString('en')} shipments`);
  const range = { from: '2000-01-01', to: '2100-12-31' };
  const runs: Run[] = [];

  {
    // Baseline: the same rows, joined with commas and written with writeSync in 64 KB chunks.
    const file = join(dir, 'baseline.csv');
    const m = sampler();
    const started = performance.now();
    const fd = openSync(file, 'w');
    let buffer = `${FSMA_COLUMNS.map((c) => c.header).join(',')}\n`;
    let rows = 0;
    db.exec('BEGIN');
    for (const row of fsmaRows(db, { ...range, units: null })) {
      buffer += `${rowCells(row).join(',')}\n`;
      if (buffer.length > 1 << 16) {
        writeSync(fd, buffer);
        buffer = '';
      }
      rows++;
      m.tick();
    }
    db.exec('COMMIT');
    writeSync(fd, buffer);
    closeSync(fd);
    m.samples.push(process.memoryUsage().rss);
    runs.push({ name: 'baseline (plain lines)', rows, seconds: (performance.now() - started) / 1000, bytes: statSync(file).size, samples: m.samples });
  }

  for (const format of ['csv', 'xlsx'] as SheetFormat[]) {
    const file = join(dir, `fsma.${format}`);
    const m = sampler();
    // The file sink, with an RSS sample every 1,000 rows.
    const measured = (f: SheetFormat, path: string): SheetSink => {
      const inner = fileSink(f, path);
      return { ...inner, row: (cells) => (m.tick(), inner.row(cells)) };
    };
    const started = performance.now();
    const result = await exportFsma204(db, { ...range, out: file }, measured);
    m.samples.push(process.memoryUsage().rss);
    runs.push({ name: `fsma204 ${format}`, rows: result.rows, seconds: (performance.now() - started) / 1000, bytes: statSync(file).size, samples: m.samples });
  }
  db.close();
  for (const run of runs) console.log(`  ${report(run)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
