// A recall campaign's page on the plant dataset, from the widest common ingredient: the commands the page asks for
// (campaign, scope with the page's row limit, what it holds, impact, tracking, mass balance) timed as the page reads
// them — one after the other, the scope walked once and kept — against each command alone with the kept scope
// forgotten before it (what every command cost before scopes were kept), and the size of each answer as JSON
// (what crosses to the window). The campaign is a drill created on a copy of the dataset.
// Run: npx tsx bench/recall-page.ts [plant db] [ref]   (default bench/.data/plant-seed1.db, WATER:R23002-001)
// Writes bench/RESULTS-recall-page.md.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SCOPE_GRAPH_LIMIT } from '../common/api/recall';
import { createDispatcher } from '../main/api/dispatch';
import { handlers } from '../main/api/handlers';
import { APP_VERSION } from '../main/api/version';
import { openDatabase } from '../main/core/db/open';
import { forgetScope } from '../main/core/recall/scope';
import { startLineageIndex } from '../main/core/trace/walk';
import { caller } from '../main/demo/plant';
import { APP_INDEX } from './app-index';
import { datasetPath, writableDataset } from './dataset';
import { mb, ms, table } from './format';
import { describeMachine } from './machine';
import { machineSection } from './report';

const file = resolve(process.argv[2] ?? datasetPath('plant', 1));
const ref = process.argv[3] ?? 'WATER:R23002-001';
const { path } = writableDataset(file, 'lotline-bench-recall-page-');
const db = openDatabase(path);
const machine = describeMachine(db);
await startLineageIndex(db, APP_INDEX);
const invoke = createDispatcher({ core: { db, actor: 'bench', now: () => new Date() }, version: APP_VERSION }, handlers, () => undefined);
const { number } = await caller(invoke)('recalls.create', {
  kind: 'recall',
  drill: true,
  title: 'Page bench',
  reason: 'Benchmark of the campaign page',
  classification: 'Mock recall',
  seeds: { refs: [ref] },
});

const page: [string, Record<string, unknown>][] = [
  ['recalls.get', { number }],
  ['recalls.scope', { number, limit: SCOPE_GRAPH_LIMIT }],
  ['recalls.held', { number }],
  ['recalls.impact', { number, lines: false }],
  ['recalls.tracking', { number }],
  ['recalls.massBalance', { number }],
];

async function timed(name: string, input: Record<string, unknown>): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const result = await invoke(name, input);
  const elapsed = performance.now() - t;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return { ms: elapsed, bytes: Buffer.byteLength(JSON.stringify(result.value)) };
}

// Each alone first (the kept scope forgotten before each), then the page's order with the scope kept.
const alone = new Map<string, { ms: number; bytes: number }>();
for (const [name, input] of [...page, ['recalls.scope', { number }] as [string, Record<string, unknown>]]) {
  forgetScope(db);
  alone.set(`${name} ${JSON.stringify(input)}`, await timed(name, input));
  process.stderr.write(`alone: ${name} ${ms(alone.get(`${name} ${JSON.stringify(input)}`)?.ms ?? 0)} ms\n`);
}
forgetScope(db);
const asPage: { name: string; limit: boolean; ms: number; bytes: number; alone: number }[] = [];
for (const [name, input] of page) {
  const r = await timed(name, input);
  asPage.push({ name, limit: 'limit' in input, ...r, alone: alone.get(`${name} ${JSON.stringify(input)}`)?.ms ?? Number.NaN });
  process.stderr.write(`page: ${name} ${ms(r.ms)} ms\n`);
}
const everyRow = alone.get(`recalls.scope ${JSON.stringify({ number })}`) ?? { ms: Number.NaN, bytes: Number.NaN };
const peakRss = process.resourceUsage().maxRSS * 1024;
const total = asPage.reduce((n, r) => n + r.ms, 0);
const totalAlone = asPage.reduce((n, r) => n + r.alone, 0);
db.close();

const report = `# Lotline benchmark — a recall campaign's page on the plant dataset

Written by \`npx tsx bench/recall-page.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, on a copy of
\`${file.replace(/^.*\/bench\//, 'bench/')}\`: a drill campaign from \`${ref}\` (the widest common-ingredient lot), then the
commands its page asks for, through the api's dispatcher with the lineage index ready. One run of each.

## Machine

${machineSection(machine)}

## The page's commands

${table(
  ['Command', 'As the page reads them, ms', 'Alone (scope walked again), ms', 'Answer as JSON'],
  asPage.map((r) => [`${r.name}${r.limit ? ` (limit ${SCOPE_GRAPH_LIMIT.toLocaleString('en-US')})` : ''}`, ms(r.ms), ms(r.alone), r.bytes < 1024 * 1024 ? `${(r.bytes / 1024).toFixed(1)} KB` : mb(r.bytes)]),
  ['l', 'r', 'r', 'r'],
)}

The page in all: **${(total / 1000).toFixed(1)} s** with the scope walked once, against ${(totalAlone / 1000).toFixed(1)} s for the same
commands each walking it. \`recalls.scope\` without a limit (every row, what the page read before it asked for one):
${ms(everyRow.ms)} ms, ${mb(everyRow.bytes)} of JSON. Peak RSS of the process (the scope without a limit included): ${mb(peakRss)}.
`;
writeFileSync(new URL('RESULTS-recall-page.md', import.meta.url), report);
process.stdout.write(report);
