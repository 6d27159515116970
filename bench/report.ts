// The write-up: each benchmark's tables (printed as they finish) and bench/RESULTS.md assembled from them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRACE_DEPTH } from '../common/api/trace';
import { isStale } from './dataset';
import type { DatasetReport } from './dataset';
import type { ScaleName } from '../main/demo/scale-plant';
import { int, mb, ms, table, times } from './format';
import type { Timing } from './timing';
import type { IngestResult } from './ingest';
import type { Machine } from './machine';
import type { ProbeReport } from './memory-probe';
import { PG_SETTINGS } from './postgres';
import type { PgLoad } from './postgres';
import type { StatementProfile } from './query-profile';
import type { StartResult } from './start';
import type { StartNode } from './start-nodes';
import { ENGINE_LABELS } from './trace';
import type { Engine, RecallRow, TraceCase } from './trace';

/**
 * The hand-written reading of a bench's figures (before/after passes, what they mean), kept beside the bench in
 * `bench/findings-NAME.md` so that a new run, which rewrites its results file, does not erase it.
 */
export function findings(name: string): string | undefined {
  const file = join(import.meta.dirname, `findings-${name}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** A bench's generated report with its hand-written findings (if any) after it. */
export function withFindings(name: string, report: string): string {
  const reading = findings(name);
  return reading ? `${report.trimEnd()}\n\n${reading}\n` : report;
}

export interface DatasetFacts {
  file: string;
  size: ScaleName;
  seed: number;
  bytes: number;
  lots: number;
  serials: number;
  edges: number;
  voids: number;
  shipments: number;
  workOrders: number;
  events: number;
  generation?: DatasetReport;
  generatedNow: boolean;
}

export interface IndexFacts {
  buildMs: number;
  bytes: number;
  edges: number;
}

export function machineSection(m: Machine): string {
  return table(
    ['', ''],
    [
      ['CPU', m.cpu],
      ['Cores', String(m.cores)],
      ['RAM', `${(m.ramBytes / 1024 ** 3).toFixed(1)} GiB`],
      ['OS', m.os],
      ['Node', m.node],
      ['SQLite', `${m.sqlite} (better-sqlite3 ${m.betterSqlite3})`],
      ['PostgreSQL', m.postgres ? `${m.postgres} (node-postgres ${m.pgClient})` : 'not run'],
      ['Load average at start (1/5/15 min)', m.loadAverage.map((l) => l.toFixed(2)).join(' / ')],
    ],
    ['l', 'l'],
  );
}

/** The scale issue 3 asks of the synthetic plant. */
const SCALE_ASKED = { lots: 1_000_000, edges: 5_000_000, shipments: 200_000, serials: 100_000 };

export function datasetSection(d: DatasetFacts): string {
  const g = d.generation;
  const generated = g
    ? `${(g.seconds / 60).toFixed(1)} min (${int(g.seconds)} s)${d.generatedNow ? ', in this run' : g.note ? ` — ${g.note}` : ', recorded when it was generated'}`
    : 'not recorded (generated before the generator kept a sidecar report)';
  const asked = (have: number, want: number) => `${int(have)} (issue 3 asks ≥ ${int(want)}${have >= want ? '' : ': **short**'})`;
  return table(
    ['', ''],
    [
      ['File', `bench/.data/${d.file.split('/').at(-1) ?? ''} (\`${d.size}\`, seed ${d.seed})`],
      ['Lots', d.size === 'plant' ? asked(d.lots, SCALE_ASKED.lots) : int(d.lots)],
      ['Serials', d.size === 'plant' ? asked(d.serials, SCALE_ASKED.serials) : int(d.serials)],
      ['Lineage edges', `${d.size === 'plant' ? asked(d.edges, SCALE_ASKED.edges) : int(d.edges)}, ${int(d.voids)} voided`],
      ['Shipments', d.size === 'plant' ? asked(d.shipments, SCALE_ASKED.shipments) : int(d.shipments)],
      ['Work orders', int(d.workOrders)],
      ['Events', int(d.events)],
      ['Database file', mb(d.bytes)],
      ['Generation time', generated],
      [
        'Generator sizes and version',
        `${
          g?.params === undefined
            ? 'sizes not recorded'
            : Object.entries(g.params)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')
        }; ` +
          `generator ${g?.generator ?? 'not recorded'}` +
          (isStale(d.size, g) ? ` — **the generator or scaleSizes.${d.size} has changed since: delete the file to generate it anew**` : ''),
      ],
    ],
    ['l', 'l'],
  );
}

export function startNodesSection(starts: readonly StartNode[]): string {
  return table(
    ['Class', 'Start', 'Forward nodes', 'Backward nodes', 'Chosen as'],
    starts.map((s) => [s.class, `\`${s.ref}\``, int(s.forward), int(s.backward), s.rule]),
    ['l', 'l', 'r', 'r', 'l'],
  );
}

export function indexSection(index: IndexFacts): string {
  return table(
    ['LineageIndex', ''],
    [
      ['Build (read in a worker thread on its own connection, arrays transferred, then caught up on the core thread)', `${ms(index.buildMs)} ms`],
      ['Edges', int(index.edges)],
      ['Memory (index.size())', mb(index.bytes)],
      ['Bytes per edge', (index.bytes / Math.max(1, index.edges)).toFixed(1)],
    ],
    ['l', 'r'],
  );
}

const lotlineMedian = (c: TraceCase) => c.rows.find((r) => r.engine === 'lotline')?.timing.median ?? Number.NaN;
const median = (c: TraceCase, engine: Engine) => c.rows.find((r) => r.engine === engine)?.timing.median ?? Number.NaN;

export function traceCaseSection(c: TraceCase): string {
  const base = lotlineMedian(c);
  return table(
    ['Engine', 'Median ms', 'p95 ms', 'Runs', 'Nodes', '× Lotline', 'Note'],
    c.rows.map((r) => [
      ENGINE_LABELS[r.engine],
      ms(r.timing.median),
      ms(r.timing.p95),
      String(r.timing.samples.length),
      int(r.nodes),
      times(r.timing.median, base),
      r.note ?? '',
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
}

export function traceSummarySection(cases: readonly TraceCase[]): string {
  const engines: Engine[] = ['lotline', 'lotlineRead', 'trace', 'traceAll', 'traceCte', 'cte', 'postgres', 'erp', 'floor', 'floorEdges'];
  const present = engines.filter((e) => cases.some((c) => c.rows.some((r) => r.engine === e)));
  return table(
    ['Start', 'Nodes', ...present.map((e) => `${ENGINE_LABELS[e]} ms`)],
    cases.map((c) => [
      `${c.start.class} ${c.direction}`,
      int(c.rows[0]?.nodes ?? 0),
      ...present.map((e) => (e === 'lotline' ? ms(median(c, e)) : `${ms(median(c, e))} (${times(median(c, e), lotlineMedian(c))})`)),
    ]),
  );
}

export function recallSection(rows: readonly RecallRow[]): string {
  return table(
    ['recall.impact of the widest', 'Median ms', 'p95 ms', 'Runs', 'Affected', 'Finished', 'Shipment lines', 'Customers'],
    rows.map((r) => [
      r.label,
      ms(r.timing.median),
      ms(r.timing.p95),
      String(r.timing.samples.length),
      int(r.affected),
      int(r.finished),
      int(r.shipments),
      int(r.customers),
    ]),
  );
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | undefined;
}

export function targets(cases: readonly TraceCase[], ingest: IngestResult | undefined): Target[] {
  const out: Target[] = [];
  // The widest trace is the forward one from the common ingredient (its backward trace is the raw lot alone).
  // Against the floor (a walk that hands over typed arrays) counts walk() as the app calls it; against the SQL
  // engines, which hand over the depth map and the edges, counts walk() with both read.
  const c = cases.find((x) => x.start.class === 'widest' && x.direction === 'forward');
  if (c) {
    const l = lotlineMedian(c);
    const r = median(c, 'lotlineRead');
    out.push({
      target: 'Widest trace within 3× of the in-memory BFS floor',
      measured: `${ms(l)} ms vs ${ms(median(c, 'floor'))} ms: ${times(l, median(c, 'floor'))}`,
      met: l <= 3 * median(c, 'floor'),
    });
    if (c.rows.some((x) => x.engine === 'postgres')) {
      out.push({
        target: 'Widest trace ≥ 10× faster than PostgreSQL (same recursive SQL)',
        measured: `${ms(median(c, 'postgres'))} ms vs ${ms(r)} ms with depths and edges read: ${times(median(c, 'postgres'), r)} faster`,
        met: median(c, 'postgres') >= 10 * r,
      });
      out.push({
        target: 'Widest trace ≥ 100× faster than the ERP-style walk',
        measured: `${ms(median(c, 'erp'))} ms vs ${ms(r)} ms: ${times(median(c, 'erp'), r)} faster`,
        met: median(c, 'erp') >= 100 * r,
      });
    }
  }
  for (const x of cases) {
    const r = median(x, 'lotlineRead');
    out.push({
      target: `${x.start.class} ${x.direction}: at least as fast as the plain CTE`,
      measured: `${ms(r)} ms with depths and edges read vs ${ms(median(x, 'cte'))} ms (${times(median(x, 'cte'), r)} faster)`,
      met: r <= median(x, 'cte'),
    });
  }
  if (ingest) {
    const r = ingest.api.perSecond / ingest.bare.perSecond;
    out.push({
      target: 'Ingest ≥ 0.5× the bare insert: one station, each scan committed before the next',
      measured: `${int(ingest.api.perSecond)} vs ${int(ingest.bare.perSecond)} events/s: ${r.toFixed(2)}×`,
      met: r >= 0.5,
    });
    const g = ingest.stations.perSecond / ingest.bare.perSecond;
    out.push({
      target: `Ingest ≥ 0.5× the bare insert: ${ingest.stations.count} stations scanning at once`,
      measured: `${int(ingest.stations.perSecond)} vs ${int(ingest.bare.perSecond)} events/s: ${g.toFixed(2)}×; p95 ${ms(ingest.stations.latency.p95)} ms per scan`,
      met: g >= 0.5,
    });
  }
  return out;
}

export function targetsSection(list: readonly Target[]): string {
  return table(
    ['Target', 'Measured', 'Met'],
    list.map((t) => [t.target, t.measured, t.met === undefined ? '–' : t.met ? 'yes' : '**no**']),
    ['l', 'l', 'l'],
  );
}

export function pgSection(load: PgLoad): string {
  return [
    table(
      ['PostgreSQL load', ''],
      [
        ['Rows (lineage / lineage_void)', `${int(load.edges)} / ${int(load.voids)}`],
        ['COPY streamed from SQLite', `${load.copySeconds.toFixed(1)} s`],
        ['Primary keys and lineage_backward index', `${load.indexSeconds.toFixed(1)} s`],
        ['VACUUM ANALYZE', `${load.analyzeSeconds.toFixed(1)} s`],
        ['lineage with its indexes', mb(load.tableBytes)],
      ],
      ['l', 'r'],
    ),
    '',
    `Server settings: ${Object.entries(PG_SETTINGS)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(', ')}. Schema: \`lineage(input_id int, output_id int, event_id int)\`, primary key (input_id, output_id, event_id) and ` +
      "index (output_id, input_id), as in SQLite; `lineage_void` likewise. The walk is walkCte's two statements (recursive CTE, then " +
      'the edges among the reached nodes) with `json_each(?)` replaced by `unnest($1::int[])`, as named prepared statements over one ' +
      'loopback connection. The ERP-style walk sends `SELECT output_id FROM lineage WHERE input_id = $1` (with the same void filter) ' +
      'once per reached node, as a named prepared statement, breadth-first in JavaScript.',
  ].join('\n');
}

export function ingestSection(r: IngestResult): string {
  return [
    table(
      ['Ingest (synchronous=FULL, WAL)', 'Events/s', 'Median ms', 'p95 ms', 'Events'],
      [
        [
          'Scan through the api (createApi, one transaction per command)',
          int(r.api.perSecond),
          ms(r.api.latency.median),
          ms(r.api.latency.p95),
          int(r.api.events),
        ],
        [
          'Bare better-sqlite3 INSERT, one row per transaction',
          int(r.bare.perSecond),
          ms(r.bare.latency.median),
          ms(r.bare.latency.p95),
          int(r.bare.events),
        ],
        ['Ratio api / bare', `${(r.api.perSecond / r.bare.perSecond).toFixed(2)}×`, '', '', ''],
        [
          "The scan's write set by plain statements (same rows and sizes, no app logic): the floor for this schema",
          int(r.writeSet.perSecond),
          ms(r.writeSet.latency.median),
          ms(r.writeSet.latency.p95),
          int(r.writeSet.events),
        ],
        ['Ratio write-set floor / bare', `${(r.writeSet.perSecond / r.bare.perSecond).toFixed(2)}×`, '', '', ''],
        [
          `${r.stations.count} stations scanning at once through the api (writes arriving together commit together)`,
          int(r.stations.perSecond),
          ms(r.stations.latency.median),
          ms(r.stations.latency.p95),
          int(r.stations.events),
        ],
        [`Ratio ${r.stations.count} stations / bare`, `${(r.stations.perSecond / r.bare.perSecond).toFixed(2)}×`, '', '', ''],
        [
          'The same scan with synchronous=OFF (the command without the disk wait)',
          int(r.apiWithoutSync.perSecond),
          ms(r.apiWithoutSync.latency.median),
          ms(r.apiWithoutSync.latency.p95),
          int(r.apiWithoutSync.events),
        ],
      ],
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `The scan: ${r.scan}, on a copy of \`${r.source.split('/').at(-1) ?? ''}\` in the system temp folder; the bare database sits in the ` +
      `same folder. ${r.rounds} alternating rounds of ${int(r.api.events / r.rounds)} after one warm-up round each. ` +
      "When the disk syncs fast, the command's own work (last row) decides the ratio.",
    '',
    `Pages each commit appends to the WAL: ${r.pages.api.toFixed(1)} for the scan through the api, ${r.pages.bare.toFixed(1)} for the bare insert. ` +
      `The scan's, by b-tree: ${r.pages.apiByTree
        .filter(([, n]) => n >= 0.05)
        .map(([name, n]) => `${name} ${n.toFixed(2)}`)
        .join(', ')}.`,
  ].join('\n');
}

const SLOW_MS = 20;

/** Long SQL shortened in the middle: the table and columns at the start, the WHERE that tells statements apart at the end. */
const shortSql = (sql: string) => `\`${sql.length > 170 ? `${sql.slice(0, 75)} … ${sql.slice(-90)}` : sql}\``;

export function traceProfileSection(p: { total: Timing; walk: Timing; statements: StatementProfile[] }): string {
  const runs = p.total.samples.length + 1;
  const sorted = [...p.statements].sort((a, b) => b.timing.median * b.calls - a.timing.median * a.calls);
  return [
    `trace() median ${ms(p.total.median)} ms, of which the index walk (walk()) ${ms(p.walk.median)} ms; the statements trace() ran, per run (${runs} runs including the warm-up):`,
    '',
    table(
      ['Statement', 'Calls per run', 'Median ms', 'p95 ms', 'Share of trace()'],
      sorted.map((s) => [
        shortSql(s.sql),
        (s.calls / runs).toFixed(0),
        ms(s.timing.median),
        ms(s.timing.p95),
        `${Math.round(((s.timing.median * s.calls) / runs / p.total.median) * 100)}%`,
      ]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
    ...sorted.slice(0, 3).map((s) => `\n\`${s.sql}\`\n\n\`\`\`\n${s.plan}\n\`\`\``),
  ].join('\n');
}

export function startSection(r: StartResult): string {
  const stmtRows = [...r.statements]
    .sort((a, b) => b.timing.median * b.calls - a.timing.median * a.calls)
    .map((s) => [shortSql(s.sql), String(s.calls), ms(s.timing.median), ms(s.timing.p95)]);
  const slow = r.statements.filter((s) => s.timing.median >= SLOW_MS);
  return [
    table(
      ['App start and screens', 'Median ms', 'p95 ms'],
      [
        ['openDatabase (open, pragmas, migration check)', ms(r.open.median), ms(r.open.p95)],
        ['First dashboard() on the new connection', ms(r.firstDashboard.median), ms(r.firstDashboard.p95)],
        ['Open + first dashboard', ms(r.total.median), ms(r.total.p95)],
        ['dashboard() on a warm connection', ms(r.dashboard.median), ms(r.dashboard.p95)],
        ...r.searches.map((s) => [`search(${JSON.stringify(s.query)}) → ${s.hits} hits`, ms(s.timing.median), ms(s.timing.p95)]),
      ],
      ['l', 'r', 'r'],
    ),
    '',
    `Dashboard as of ${r.today} (the last event's day). Every statement they ran, by total time:`,
    '',
    table(['Statement', 'Calls', 'Median ms', 'p95 ms'], stmtRows, ['l', 'r', 'r', 'r']),
    ...(slow.length === 0
      ? ['', `No statement took ${SLOW_MS} ms or more.`]
      : [
          '',
          `Statements at ${SLOW_MS} ms or more, with SQLite's plan for the arguments of their slowest call:`,
          ...slow.map((s) => `\n\`${s.sql}\` — median ${ms(s.timing.median)} ms\n\n\`\`\`\n${s.plan}\n\`\`\``),
        ]),
  ].join('\n');
}

export function memorySection(reports: readonly ProbeReport[]): string {
  const what: Record<string, string> = {
    open: 'Open the database + first dashboard',
    index: 'Open + build the LineageIndex',
    trace: 'Open + index + widest forward trace() + its recallImpact',
    'trace-cte': 'Open + widest forward trace() + recallImpact without the index (CTE)',
  };
  return table(
    ['Child process', 'Peak RSS', 'Steps (RSS after each, time)'],
    reports.map((r) => [
      what[r.probe] ?? r.probe,
      mb(r.maxRssBytes),
      r.steps.map((s) => `${s.step}: ${mb(s.rssBytes)}, ${ms(s.ms)} ms`).join('; '),
    ]),
    ['l', 'r', 'l'],
  );
}

export function reproduceSection(quick: boolean): string {
  return [
    '```sh',
    'apt-get install -y postgresql   # the server binaries; the bench runs its own instance on loopback in a temp folder',
    'npm ci',
    quick ? 'npm run bench -- --quick      # writes bench/RESULTS-quick.md' : 'nice npm run bench             # writes bench/RESULTS.md',
    '```',
    '',
    `The dataset is generated once into \`bench/.data/\` (\`quick\`: seconds; \`plant\`: about an hour) by the same core functions the api calls, ` +
      `deterministic from the seed (\`--seed N\`, default 1). \`--only trace,ingest,start,memory\` runs a subset and prints its tables without ` +
      `writing the report. Every trace is to the app's default depth (${DEFAULT_TRACE_DEPTH}); medians and nearest-rank p95 over the runs after ` +
      'warm-up runs for 300 ms (at least one), so that every engine is measured with its code optimised by V8 and its caches warm ' +
      "(up to 15 runs; fewer when a run is slow, 2–5 for the ERP-style walk). Each engine's answer is checked against Lotline's " +
      '(same nodes at the same depths) and the bench fails if any differs. Timings are wall-clock on a shared machine: compare ratios within one run.',
    '',
    'Benchmarks with their own write-ups (run alone, not by `npm run bench`): [RESULTS-epcis.md](RESULTS-epcis.md) (EPCIS import speed and ' +
      'memory), [RESULTS-stations.md](RESULTS-stations.md) (scan to committed event at a station, through a serial port), ' +
      '[RESULTS-records.md](RESULTS-records.md) (record PDFs against bare pdfkit, memory by page count), [RESULTS-perf.md](RESULTS-perf.md) (profiles of the scan path and the EPCIS import, before and after), [RESULTS-audit.md](RESULTS-audit.md) (`audit verify` on the plant dataset: time and memory).',
  ].join('\n');
}
