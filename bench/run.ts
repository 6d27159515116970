// npm run bench [-- --quick] [--only trace,ingest,start,memory] [--seed N]
// Ensures the dataset, runs the benchmarks, prints a table per benchmark and writes bench/RESULTS.md
// (bench/RESULTS-quick.md for --quick, so the committed plant-size write-up stays).
import type pg from 'pg';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TRACE_DEPTH } from '../common/api/trace';
import { openDatabase } from '../main/core/db/open';
import { startLineageIndex } from '../main/core/trace/walk';
import { APP_INDEX } from './app-index';
import { ensureDataset } from './dataset';
import { AdjacencyFloor } from './floor';
import { describeMachine } from './machine';
import { memoryBenchmark } from './memory';
import { ingestBenchmark } from './ingest';
import { loadLineage, pgExplain, PgServer } from './postgres';
import type { PgLoad } from './postgres';
import * as report from './report';
import { startBenchmark } from './start';
import { chooseStartNodes } from './start-nodes';
import { onceAsync } from './timing';
import { traceBenchmark, traceProfile } from './trace';

const BENCHMARKS = ['trace', 'ingest', 'start', 'memory'] as const;
type Benchmark = (typeof BENCHMARKS)[number];

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, seed: { type: 'string', default: '1' } },
});
const size = args.quick ? 'quick' : 'plant';
const seed = Number(args.seed);
const only = args.only?.split(',').map((s) => s.trim()) ?? [...BENCHMARKS];
for (const name of only)
  if (!(BENCHMARKS as readonly string[]).includes(name))
    throw new Error(`--only: unknown benchmark "${name}" (known: ${BENCHMARKS.join(', ')})`);
const runs = (name: Benchmark) => only.includes(name);

const began = Date.now();
const log = (line: string) => console.error(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const sections: { title: string; body: string }[] = [];
const show = (title: string, body: string) => {
  sections.push({ title, body });
  console.log(`\n## ${title}\n\n${body}\n`);
};

const dataset = ensureDataset(size, seed, log);
const db = openDatabase(dataset.file);
const count = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
const facts: report.DatasetFacts = {
  file: dataset.file,
  size,
  seed,
  bytes: statSync(dataset.file).size,
  lots: count(`SELECT count(*) AS n FROM units WHERE kind = 'lot'`),
  serials: count(`SELECT count(*) AS n FROM units WHERE kind = 'serial'`),
  edges: count('SELECT count(*) AS n FROM lineage'),
  voids: count('SELECT count(*) AS n FROM lineage_void'),
  shipments: count('SELECT count(*) AS n FROM shipments'),
  workOrders: count('SELECT count(*) AS n FROM work_orders'),
  events: count('SELECT count(*) AS n FROM events'),
  generation: dataset.report,
  generatedNow: dataset.generatedNow,
};
const machine = describeMachine(db);
let targets: report.Target[] = [];
let traced: Awaited<ReturnType<typeof traceBenchmark>> | undefined;
let ingest: Awaited<ReturnType<typeof ingestBenchmark>> | undefined;

try {
  show('Dataset', report.datasetSection(facts));

  let widestRef: string | undefined;
  if (runs('trace') || runs('memory')) {
    const t = performance.now();
    const floor = AdjacencyFloor.fromDb(db);
    log(`floor adjacency built in ${((performance.now() - t) / 1000).toFixed(1)} s (${(floor.bytes() / 1024 / 1024).toFixed(0)} MB)`);
    const starts = chooseStartNodes(db, floor);
    widestRef = starts.find((s) => s.class === 'widest')?.ref;
    show('Start nodes', report.startNodesSection(starts));

    if (runs('trace')) {
      const built = await onceAsync(() => startLineageIndex(db, APP_INDEX));
      if (!built.value) throw new Error('The lineage index was not built');
      const size = built.value.size();
      show('Lotline index', report.indexSection({ buildMs: built.ms, bytes: size.bytes, edges: size.edges }));

      const coldDb = openDatabase(dataset.file);
      let server: PgServer | undefined;
      let client: pg.Client | undefined;
      let load: PgLoad | undefined;
      try {
        server = await PgServer.start(log);
        machine.postgres = server.version;
        client = await server.client();
        log('loading the lineage into PostgreSQL');
        load = await loadLineage(server, client, db);
        log(`PostgreSQL loaded: ${load.edges} edges, COPY ${load.copySeconds.toFixed(1)} s`);
        traced = await traceBenchmark({ db, coldDb, floor, pg: client, log }, starts);
        const widest = starts.find((s) => s.class === 'widest');
        const plan = widest ? await pgExplain(client, [widest.id], 'forward', DEFAULT_TRACE_DEPTH) : '';
        for (const c of traced.cases) show(`Trace: ${c.start.class} ${c.direction} from \`${c.start.ref}\``, report.traceCaseSection(c));
        show('Trace: all classes (median ms, × Lotline)', report.traceSummarySection(traced.cases));
        show('Recall impact', report.recallSection(traced.recall));
        if (widest)
          show(
            'Where a full trace() spends its time (widest forward)',
            report.traceProfileSection(await traceProfile(() => openDatabase(dataset.file), widest, 'forward')),
          );
        show(
          'PostgreSQL',
          `${report.pgSection(load)}\n\n<details><summary>EXPLAIN ANALYZE of the widest forward walk in PostgreSQL</summary>\n\n\`\`\`\n${plan}\n\`\`\`\n</details>`,
        );
      } finally {
        await client?.end();
        server?.stop();
        coldDb.close();
      }
    }
  }

  if (runs('ingest')) {
    const small = ensureDataset('quick', seed, log);
    ingest = await ingestBenchmark(small.file, log);
    show('Ingest', report.ingestSection(ingest));
  }

  if (runs('start')) show('App start, dashboard and search', report.startSection(startBenchmark(dataset.file, log)));

  if (runs('memory') && widestRef) show('Memory', report.memorySection(memoryBenchmark(dataset.file, widestRef, log)));

  if (traced || ingest) {
    targets = report.targets(traced?.cases ?? [], ingest);
    show('Against the targets of issue 3', report.targetsSection(targets));
  }
} finally {
  db.close();
}

show('Machine', report.machineSection(machine));
show('How to reproduce', report.reproduceSection(size === 'quick'));

if (args.only) {
  log('--only: the report file is written by full runs only');
} else {
  const file = join(import.meta.dirname, size === 'quick' ? 'RESULTS-quick.md' : 'RESULTS.md');
  const missed = targets.filter((t) => t.met === false);
  const head = [
    `# Lotline benchmarks — \`${size}\` dataset`,
    '',
    `Written by \`npm run bench${size === 'quick' ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${((Date.now() - began) / 60000).toFixed(1)} min.` +
      (size === 'quick'
        ? ' The quick dataset is a smoke test of the bench itself: judge the targets on the plant-size run (RESULTS.md).'
        : ''),
    '',
    targets.length > 0
      ? `Targets met: ${targets.length - missed.length} of ${targets.length}${missed.length > 0 ? ` — missed: ${missed.map((t) => t.target).join('; ')}` : ''}.`
      : '',
  ];
  // Hand-written reading of the figures, kept beside the bench so that a new run does not erase it.
  const reading = report.findings(size);
  if (reading) sections.push({ title: 'Reading the figures', body: reading });
  const order = ['Machine', 'Dataset', 'Against the targets of issue 3', 'Reading the figures'];
  const sorted = [
    ...sections.filter((s) => order.includes(s.title)).sort((a, b) => order.indexOf(a.title) - order.indexOf(b.title)),
    ...sections.filter((s) => !order.includes(s.title)),
  ];
  writeFileSync(file, `${[...head, ...sorted.map((s) => `\n## ${s.title}\n\n${s.body}`)].join('\n')}\n`);
  log(`wrote ${file}`);
}
