// A first look at a wide trace, as the explorer asks for it: summary (units per level and item, customers,
// shipments) and the first window of rows, nothing kept from an earlier call, on a connection whose lineage
// index (and the units' facts beside it) is ready. For before/after comparisons of trace(): run it on two
// checkouts in turn, on the same dataset.
// Run: npx tsx bench/first-look.ts [db] [ref] [runs]   (default bench/.data/plant-seed1.db, WATER:R23002-001, 10)
// The database is opened read-only.
import { resolve } from 'node:path';
import { DEFAULT_TRACE_DEPTH, DEFAULT_TRACE_WINDOW } from '../common/api/trace';
import { openDatabase } from '../main/core/db/open';
import { forgetWholeTrace, trace } from '../main/core/trace/trace';
import { startLineageIndex } from '../main/core/trace/walk';
import { APP_INDEX } from './app-index';
import { datasetPath } from './dataset';
import { mb, ms } from './format';
import { percentile } from './timing';

const file = resolve(process.argv[2] ?? datasetPath('plant', 1));
const ref = process.argv[3] ?? 'WATER:R23002-001';
const runs = Number(process.argv[4] ?? 10);
const db = openDatabase(file, { readonly: true });
const indexStart = performance.now();
const index = await startLineageIndex(db, APP_INDEX);
if (!index) throw new Error('first-look: the lineage index was not built');
const size = index.size();
console.log(`lineage index: ${ms(performance.now() - indexStart)} ms; lineage ${mb(size.bytes)} for ${size.edges.toLocaleString('en-US')} edges, units' facts ${mb(size.factsBytes)}`);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  forgetWholeTrace(db);
  const t = performance.now();
  const r = trace(db, ref, 'forward', DEFAULT_TRACE_DEPTH);
  times.push(performance.now() - t);
  if (i === 0) console.log(`${ref} forward: ${r.total.nodes.toLocaleString('en-US')} units, ${r.total.shipmentLines.toLocaleString('en-US')} shipment lines to ${r.customers.length} customers, ${r.items.length} item rows`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`first look (summary + first ${DEFAULT_TRACE_WINDOW.toLocaleString('en-US')} rows), ${runs} runs: ${times.map(ms).join(' · ')} ms; median ${ms(percentile(sorted, 50))} ms (the first run warms up); peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
db.close();
