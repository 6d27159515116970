// Scan to committed event at a station, the whole way: a scanner frame written into a socat pty → SerialScanner →
// ScanPipeline (duplicate window) → stations.scan (decode, rule, one transaction, synchronous=FULL) → answered. The
// operator waits for each answer before the next scan, as at a station. Side by side in the same run, in the same
// folder: a bare better-sqlite3 insert of one row per transaction with the same durability (WAL, synchronous=FULL),
// stations.scan called directly (no serial port), and the bare insert made from serial frames (the same port and
// pipeline, so the same wake-ups), in alternating rounds so a slow patch of the disk weighs on all alike. The
// station works one work order at a time, SCANS_PER_WORK_ORDER component labels each, then the next.
// Run: npx tsx bench/station-scan.ts [scans]   (default 1,000; needs socat). Prints the table and writes
// bench/RESULTS-stations.md (the machine, the table, and the reading kept in READING below).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StationScanResult } from '../common/api/stations';
import { GS } from '../common/gs1';
import { createApi } from '../main/api';
import { caller } from '../main/demo/plant';
import { ScanPipeline } from '../main/devices/scanners/scan-pipeline';
import { SerialScanner } from '../main/devices/scanners/serial-scanner';
import { ptyPair, scannerEnd } from '../main/devices/scanners/socat.test-support';
import { describeMachine } from './machine';
import { machineSection } from './report';
import { percentile } from './timing';

/** What the figures say, written by hand from the runs; kept with the script so the report is whole every time. */
const READING = `Reading the figures:

- **Latency: met.** The issue asks p99 under 50 ms from the serial frame in to the row durable with synchronous=FULL;
  from the frame in (the driver's \`frame\` event: SerialScanner has framed it) through ScanPipeline (decoding, the
  duplicate window), stations.scan (the rule, one transaction, fsync) to the answer, p99 stays between 1 and 2 ms.
- **Rate: not there (≥ 0.5× the bare insert is asked).** On quiet machines (2026-11-26 21:11–21:17, 2026-11-27
  00:40–01:21) runs read 0.31–0.54× from the frame in (stations.scan called in a loop 0.42–0.68×), and the ratio
  follows the disk more than the code: 0.54× in a minute when the bare one-page commit took 0.28 ms (median),
  0.42–0.49× when it took 0.18–0.23 ms, 0.31–0.35× when it took 0.10–0.14 ms. A consume scan appends about nine
  pages to the WAL per commit (the event, its event_units row, the lot's quantities, the work order's consumption
  total and one hash-chained audit row, with an index entry for each) where the bare insert appends one; on this disk
  those alone hold a commit near 0.46× of the bare one when the disk syncs fast ([RESULTS-perf.md](RESULTS-perf.md),
  sixth pass).
  The frame's path costs ≈ 0.1 ms more than the loop: decoding and the duplicate window ≈ 0.025 ms, validation
  ≈ 0.02 ms, and the processor coming back from idle between frames (the loop never sleeps; the same command after a
  1 ms pause runs ≈ 0.06 ms slower with the disk left out: RESULTS-perf.md, eighth pass). The bare insert made from
  the same frames (last row of the table: the same port, pipeline and wake-ups) takes 0.05–0.07 ms more than in its
  loop, and against it the station reads 0.44–0.48× (2026-11-27 01:05–01:07, the disk fast): what holds the rate is
  the write set and the command's work, ≈ 0.27 ms a scan more than one row.
- **From the pty write** the bench's socat relay is in the path too (≈ 0.16–0.19 ms a frame by itself); a real
  scanner's wire replaces it (30 bytes at 9,600 baud take 31 ms). Stations scanning at once commit together (group
  commit; RESULTS.md's ingest section: 1.9–2.2× the bare insert for eight).`;

const SCANS_PER_WORK_ORDER = 40;
const ROUND = 100;
const GTIN = '09506000134352';

const scans = Number(process.argv[2] ?? 1_000);
const rounds = Math.ceil(scans / ROUND);
const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-station-'));

interface Series {
  name: string;
  samples: number[];
}

function summary({ name, samples }: Series): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const perSecond = samples.length / (samples.reduce((a, b) => a + b, 0) / 1000);
  return `| ${name} | ${perSecond.toFixed(0)} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 99).toFixed(2)} | ${samples.length} |`;
}

try {
  const api = createApi({ dbPath: join(dir, 'lotline.db'), actor: 'bench' });
  const call = caller(api.invoke);
  await call('suppliers.create', { code: 'SUP', name: 'Supplier' });
  await call('items.create', { part: 'POLY', description: 'Polymer', tracking: 'lot', category: 'raw', unit: 'kg', gtin: GTIN, lotPattern: 'PL{SEQ:3}' });
  await call('items.create', { part: 'VALVE', description: 'Valve', tracking: 'lot', category: 'finished', unit: 'ea' });
  await call('boms.create', { part: 'VALVE', lines: [{ part: 'POLY', quantityPer: 1 }] });
  await call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'POLY', supplierLot: 'S', quantity: 100_000_000 }] });
  await call('units.setStatus', { ref: 'POLY:PL001', status: 'released', reason: 'incoming inspection passed' });
  const workOrders: string[] = [];
  for (let i = 0; i < 2 * (rounds + 1) * Math.ceil(ROUND / SCANS_PER_WORK_ORDER); i++) {
    workOrders.push((await call('workOrders.create', { part: 'VALVE', quantity: 100_000 })).number);
  }

  const pty = await ptyPair(join(dir, 'scanner'), join(dir, 'host'));
  const scanner = new SerialScanner({ path: pty.scanner, suffix: 'cr' });
  // "Serial frame in": the moment the driver has a whole frame from the port (before the pipeline decodes it).
  let frameIn = 0;
  scanner.on('frame', () => (frameIn = performance.now()));
  const pipeline = new ScanPipeline({ duplicateWindowMs: 1_000 });
  pipeline.attach(scanner);
  const bare = new Database(join(dir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE scans (id INTEGER PRIMARY KEY, code TEXT NOT NULL, at TEXT NOT NULL) STRICT');
  const insert = bare.prepare<[string, string]>('INSERT INTO scans (code, at) VALUES (?, ?)');

  // The station screen: sends each scan with the context of the previous answer; `answered` resolves the waiting scan.
  // In a `bare` round the frames go to the bare insert instead: the same port, pipeline and wake-ups, the bare write.
  let target: 'station' | 'bare' = 'station';
  const frameToBare: number[] = [];
  let context: Record<string, unknown> = {};
  /** Frame in → answered, for each component scan through the port in the current round. */
  const frameToAnswer: number[] = [];
  let answered: ((result: StationScanResult) => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  pipeline.subscribe((event) => {
    if (event.type === 'duplicate' || event.type === 'problem') failed?.(new Error(`station-scan: the pipeline reported a ${event.type}: ${JSON.stringify(event)}`));
    if (event.type !== 'scan') return;
    if (target === 'bare') {
      insert.run(event.scan.raw, event.scan.at);
      frameToBare.push(performance.now() - frameIn);
      answered?.({ outcome: 'applied' } as StationScanResult);
      return;
    }
    void call('stations.scan', { station: 'workOrder', context, code: event.scan.raw }).then((result) => {
      if (!event.scan.raw.startsWith('WO:')) frameToAnswer.push(performance.now() - frameIn);
      if (result.outcome === 'applied') context = result.context;
      answered?.(result);
    });
  });
  await scanner.start();
  const host = await scannerEnd(pty.host);

  let nextWorkOrder = 0;
  let n = 0;
  /** A component label: GTIN, batch, then a quantity in kg (3 decimals) that differs scan to scan, as weighed portions do. */
  const label = () => `]d201${GTIN}10PL001${GS}3103${String(1 + (n++ % 99_999)).padStart(6, '0')}`;
  const throughSerial = async (frame: string): Promise<StationScanResult> => {
    const result = new Promise<StationScanResult>((resolve, reject) => {
      answered = resolve;
      failed = reject;
      setTimeout(() => reject(new Error(`station-scan: no answer to ${frame} within 10 s`)), 10_000).unref();
    });
    await host.send(`${frame}\r`);
    return result;
  };
  let directContext: Record<string, unknown> = {};
  const direct = async (code: string): Promise<StationScanResult> => {
    const result = await call('stations.scan', { station: 'workOrder', context: directContext, code });
    if (result.outcome === 'applied') directContext = result.context;
    return result;
  };
  /** Times ROUND consume scans, selecting the next work order (untimed) every SCANS_PER_WORK_ORDER scans. */
  const round = async (scan: (code: string) => Promise<StationScanResult>): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < ROUND; i++) {
      if (i % SCANS_PER_WORK_ORDER === 0) await scan(`WO:${workOrders[nextWorkOrder++] as string}`);
      const started = performance.now();
      const result = await scan(label());
      out.push(performance.now() - started);
      if (result.outcome !== 'applied') throw new Error(`station-scan: refused: ${result.reason}`);
    }
    return out;
  };

  /** ROUND frames through the port into the bare insert. */
  const bareRound = async (): Promise<number[]> => {
    target = 'bare';
    frameToBare.length = 0;
    try {
      for (let i = 0; i < ROUND; i++) await throughSerial(label());
    } finally {
      target = 'station';
    }
    return [...frameToBare];
  };

  const serial: Series = { name: 'Frame written into the pty → stations.scan committed (socat relay, SerialScanner, ScanPipeline)', samples: [] };
  const frame: Series = { name: '**Serial frame in → stations.scan committed** (ScanPipeline, stations.scan, fsync)', samples: [] };
  const api1: Series = { name: 'stations.scan called directly (no serial port)', samples: [] };
  const bareSeries: Series = { name: 'Bare better-sqlite3 INSERT, one row per transaction', samples: [] };
  const bareFrame: Series = { name: 'Serial frame in → bare INSERT committed (the same port, pipeline and wake-ups)', samples: [] };
  for (let r = 0; r <= rounds; r++) {
    const b: number[] = [];
    for (let i = 0; i < ROUND; i++) {
      const started = performance.now();
      insert.run(`]d201${GTIN}10PL001`, new Date().toISOString());
      b.push(performance.now() - started);
    }
    frameToAnswer.length = 0;
    const s = await round(throughSerial);
    const f = [...frameToAnswer];
    const d = await round(direct);
    const bf = await bareRound();
    // The first round of each warms up.
    if (r === 0) continue;
    bareFrame.samples.push(...bf);
    bareSeries.samples.push(...b);
    serial.samples.push(...s);
    frame.samples.push(...f);
    api1.samples.push(...d);
  }
  await host.close();
  await scanner.stop();
  await pty.close();
  bare.close();
  api.close();

  const rate = (s: Series) => s.samples.length / (s.samples.reduce((a, b) => a + b, 0) / 1000);
  const lines = [
    `Station scan to committed event (work-order station, a component label consumed), ${rounds} alternating rounds of ${ROUND} after a warm-up round each:`,
    '',
    '| | Scans/s | p50 ms | p99 ms | Scans |',
    '|:--|--:|--:|--:|--:|',
    ...[frame, serial, api1, bareSeries, bareFrame].map(summary),
    `| **Ratio serial frame in → committed / bare** | **${(rate(frame) / rate(bareSeries)).toFixed(2)}×** | | | |`,
    `| Ratio from the pty write / bare | ${(rate(serial) / rate(bareSeries)).toFixed(2)}× | | | |`,
    `| Ratio stations.scan / bare | ${(rate(api1) / rate(bareSeries)).toFixed(2)}× | | | |`,
    `| Ratio serial frame in → committed / serial frame in → bare INSERT | ${(rate(frame) / rate(bareFrame)).toFixed(2)}× | | | |`,
  ];
  console.log(`\n${lines.join('\n')}`);
  const machineDb = new Database(':memory:');
  const report = [
    '# Station scans: scan to committed event',
    '',
    `Written by \`npx tsx bench/station-scan.ts ${scans}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (issue 5's speed targets). ` +
      'The plant-scale figures are in [RESULTS.md](RESULTS.md).',
    '',
    ...lines,
    '',
    READING,
    '',
    '## Machine',
    '',
    machineSection(describeMachine(machineDb)),
    '',
  ];
  machineDb.close();
  writeFileSync(join(import.meta.dirname, 'RESULTS-stations.md'), report.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
