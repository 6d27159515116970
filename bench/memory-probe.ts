// Run in a child process by bench/memory.ts, one measurement per process so that peaks do not mix:
//   node --import tsx bench/memory-probe.ts <open|index|trace|trace-cte> <db file> [ref]
// Prints one JSON line: the peak RSS (process.resourceUsage().maxRSS) and the RSS after each step.
import { DEFAULT_TRACE_DEPTH } from '../common/api/trace';
import { openDatabase } from '../main/core/db/open';
import { dashboard } from '../main/core/overview/dashboard';
import { recallImpact, trace } from '../main/core/trace/trace';
import { startLineageIndex } from '../main/core/trace/walk';
import { APP_INDEX } from './app-index';

export type ProbeName = 'open' | 'index' | 'trace' | 'trace-cte';

export interface ProbeReport {
  probe: ProbeName;
  maxRssBytes: number;
  steps: { step: string; ms: number; rssBytes: number; heapBytes: number }[];
  indexBytes?: number;
}

async function main(): Promise<void> {
  const [probe, file, ref] = process.argv.slice(2) as [ProbeName, string, string | undefined];
  const steps: ProbeReport['steps'] = [];
  let t = performance.now();
  const step = (name: string) => {
    const m = process.memoryUsage();
    steps.push({ step: name, ms: performance.now() - t, rssBytes: m.rss, heapBytes: m.heapUsed });
    t = performance.now();
  };
  step('node started');
  const db = openDatabase(file);
  step('openDatabase');
  const today = (db.prepare<[], { at: string | null }>('SELECT max(event_time) AS at FROM events').get()?.at ?? '').slice(0, 10);
  dashboard(db, today);
  step('first dashboard');
  let indexBytes: number | undefined;
  if (probe === 'index' || probe === 'trace') {
    const index = await startLineageIndex(db, APP_INDEX);
    indexBytes = index?.size().bytes;
    step('LineageIndex built');
  }
  if ((probe === 'trace' || probe === 'trace-cte') && ref) {
    trace(db, ref, 'forward', DEFAULT_TRACE_DEPTH);
    step('widest forward trace()');
    recallImpact(db, [ref], DEFAULT_TRACE_DEPTH);
    step('recallImpact of the widest');
  }
  db.close();
  const report: ProbeReport = {
    probe,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    steps,
    ...(indexBytes === undefined ? {} : { indexBytes }),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();
