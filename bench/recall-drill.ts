// A mock recall on the plant-scale dataset from the widest common ingredient (bench/start-nodes.ts's rule picks
// WATER:R23002-001 on plant seed 1): a drill campaign started and opened (no holds), then its complete impact and
// mass-balance report PDF, against the bare forward trace of the same start node in the same run, in alternating
// rounds. Each drill runs inside a transaction that is rolled back, so the shared dataset keeps no campaign.
// Run: npx tsx bench/recall-drill.ts [plant db] [ref] [rounds]   (default bench/.data/plant-seed1.db, WATER:R23002-001, 3)
// The shared dataset is never opened for writing: a database under bench/.data is copied to a temporary folder first
// (≈ 1 min for the 10 GB plant) and the copy removed at the end; a database named elsewhere (your own copy) is used
// in place. Writes bench/RESULTS-recall.md.
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_TRACE_DEPTH } from '../common/api/trace';
import type { Core } from '../main/core/context';
import { openDatabase } from '../main/core/db/open';
import { campaignByNumber, createCampaign } from '../main/core/recall/campaigns';
import { reportData } from '../main/core/recall/report';
import { markReported, openCampaign } from '../main/core/recall/steps';
import { forgetWholeTrace, trace } from '../main/core/trace/trace';
import { startLineageIndex, walk } from '../main/core/trace/walk';
import { resolveRef } from '../main/core/units/rows';
import { writeReportPdf } from '../main/documents/recall/report-pdf';
import { fileSink } from '../main/documents/pdf-sink';
import { APP_INDEX } from './app-index';
import { datasetPath, writableDataset } from './dataset';
import { int, mb, ms, table } from './format';
import { describeMachine } from './machine';
import { machineSection, withFindings } from './report';
import { percentile } from './timing';

const file = resolve(process.argv[2] ?? datasetPath('plant', 1));
const ref = process.argv[3] ?? 'WATER:R23002-001';
const rounds = Number(process.argv[4] ?? 3);
const { path, dir } = writableDataset(file, 'lotline-bench-recall-');
const db = openDatabase(path);
const core: Core = { db, actor: 'bench', now: () => new Date() };
const machine = describeMachine(db);
const indexStart = performance.now();
await startLineageIndex(db, APP_INDEX);
const indexMs = performance.now() - indexStart;
const root = resolveRef(db, ref).id;

interface DrillRun {
  total: number;
  phases: Record<string, number>;
  figures: Record<string, number | null>;
  pages: number;
  bytes: number;
  elapsedMinutes: number;
}

async function drill(round: number): Promise<DrillRun> {
  const phases: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = now - t;
    t = now;
  };
  const start = t;
  db.exec('BEGIN IMMEDIATE');
  try {
    const created = createCampaign(core, { kind: 'recall', drill: true, title: `Bench drill ${round}`, reason: 'Benchmark mock recall', classification: 'Mock recall', seeds: { refs: [ref] } });
    lap('create');
    openCampaign(core, campaignByNumber(db, created.number), null);
    lap('open (holds nothing, so no walk of the scope)');
    const campaign = campaignByNumber(db, created.number);
    const data = reportData(db, campaign, () => core.now());
    lap('report figures (scope, impact, effectiveness, mass balance)');
    const out = join(dir, `drill-${round}.pdf`);
    const { pages } = await writeReportPdf(data, fileSink(out), 'bench');
    lap('report PDF');
    markReported(core, campaign, data.readyAt);
    const total = performance.now() - start;
    return {
      total,
      phases,
      pages,
      bytes: statSync(out).size,
      elapsedMinutes: data.elapsedMinutes,
      figures: { ...data.totals, lots: data.balance.lots.length, unexplainedLots: data.balance.unexplained, effectiveness: data.tracking.effectiveness },
    };
  } finally {
    db.exec('ROLLBACK');
  }
}

function bareTrace(): { walkMs: number; traceMs: number; nodes: number } {
  let t = performance.now();
  const w = walk(db, [root], 'forward', DEFAULT_TRACE_DEPTH);
  const walkMs = performance.now() - t;
  forgetWholeTrace(db);
  t = performance.now();
  const r = trace(db, ref, 'forward', DEFAULT_TRACE_DEPTH);
  return { walkMs, traceMs: performance.now() - t, nodes: Math.max(r.total.nodes, w.ids.length) };
}

const drills: DrillRun[] = [];
const traces: ReturnType<typeof bareTrace>[] = [];
for (let i = 0; i < rounds; i++) {
  traces.push(bareTrace());
  drills.push(await drill(i));
  process.stderr.write(`round ${i + 1}/${rounds}: trace ${ms(traces.at(-1)?.traceMs ?? 0)} ms, drill ${ms(drills.at(-1)?.total ?? 0)} ms\n`);
}
const peakRss = process.resourceUsage().maxRSS * 1024;
db.close();
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const drillMs = median(drills.map((d) => d.total));
const traceMs = median(traces.map((t) => t.traceMs));
const walkMs = median(traces.map((t) => t.walkMs));
const first = drills[0] as DrillRun;
const phaseNames = Object.keys(first.phases);
const f = first.figures;

const report = `# Lotline benchmark — mock recall drill on the plant dataset

Written by \`npx tsx bench/recall-drill.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${rounds} alternating rounds
of the bare forward trace and the drill, from \`${ref}\` (the widest common-ingredient lot, bench/start-nodes.ts) on
\`${file.replace(/^.*\/bench\//, 'bench/')}\`. The lineage index was built first (${ms(indexMs)} ms), as the app does at start.
Each drill ran in a transaction that was rolled back: the dataset keeps no campaign.

## Machine

${machineSection(machine)}

## Drill against the bare trace, same start node, same run

${table(
  ['', 'Median ms', 'Runs', 'vs trace()'],
  [
    ['walk() alone (the forward trace\'s units)', ms(walkMs), String(rounds), `${(walkMs / traceMs).toFixed(2)}×`],
    ['trace.forward first look (trace())', ms(traceMs), String(rounds), '1×'],
    ['Drill: start, open, complete report figures and PDF', ms(drillMs), String(rounds), `${(drillMs / traceMs).toFixed(1)}×`],
  ],
  ['l', 'r', 'r', 'r'],
)}

Drill time from opening to the complete report, as the drill records it (round 1): **${first.elapsedMinutes.toFixed(2)} min (${(first.elapsedMinutes * 60).toFixed(1)} s)** against
the 240 min BRCGS target. Peak RSS of the process: ${mb(peakRss)}.

## Where a drill spends its time (median of ${rounds})

${table(
  ['Phase', 'Median ms'],
  phaseNames.map((p) => [p, ms(median(drills.map((d) => d.phases[p] ?? 0)))]),
  ['l', 'r'],
)}

## What the drill reports (round 1)

${table(
  ['', ''],
  [
    ['Lots and serials reached', int(Number(f.units))],
    ['In scope / finished / in house', `${int(Number(f.inScope))} / ${int(Number(f.finished))} / ${int(Number(f.inHouse))}`],
    ['Shipment lines / customers / ship-to locations', `${int(Number(f.shipmentLines))} / ${int(Number(f.customers))} / ${int(Number(f.locations))}`],
    ['Lots in the mass balance / unexplained', `${int(Number(f.lots))} / ${int(Number(f.unexplainedLots))}`],
    ['Report PDF', `${first.pages} pages, ${mb(first.bytes)}`],
  ],
)}
`;
writeFileSync(join(import.meta.dirname, 'RESULTS-recall.md'), withFindings('recall', report));
process.stdout.write(report);
