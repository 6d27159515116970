// EPCIS import benchmark: writes a generated JSON-LD document to a file, imports it through the api (one
// transaction, streamed from the file) into an empty database, and prints events/s (wall and per CPU second)
// and the process's RSS: before the import, its peak during it and the peak in each tenth of the import's time,
// sampled by a worker thread every 20 ms (the import itself holds the main thread), so memory can be set
// against the document's size and seen to stay flat while the document is read.
// Run alone: npx tsx bench/epcis-import.ts [events] [--file PATH] [--floor]   (default 50,000 events; ≈ 570 bytes each, 1.7 events per generated lot)
//   --file PATH  keep the document there and reuse it on the next run (a 500 MB document takes a while to write)
//   --floor      then write the same rows again by plain prepared statements (bench/epcis-floor.ts): what the inserts alone cost
//   --in-thread  check the events on the core's thread (no check worker), as an api without `epcisChecker` does
//   --threads    also CPU seconds by thread (Linux), read every 20 ms by the sampler (which costs CPU of its own)
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EpcisImportResult } from '../common/api/epcis';
import Database from 'better-sqlite3';
import { createApi } from '../main/api';
import { generateEvents } from '../main/core/epcis/generated-document';
import { replayImportedRows } from './epcis-floor';

const args = process.argv.slice(2);
const fileAt = args.indexOf('--file');
const kept = fileAt >= 0 ? args[fileAt + 1] : undefined;
const target = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--file') ?? 50_000);

/** RSS samples (ms since start, bytes) taken by a worker that keeps sampling while the import blocks the main thread. */
function rssSampler(): { samples(): Promise<[number, number][]>; threads(): Promise<Map<string, number>>; stop(): Promise<number> } {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const { readdirSync, readFileSync } = require('node:fs');
     const samples = [];
     const started = Date.now();
     // CPU seconds by thread (Linux /proc, ticks of 10 ms), the last seen of each: threads that end are counted too.
     const threads = new Map();
     const readThreads = () => {
       try {
         for (const tid of readdirSync('/proc/self/task')) {
           const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
           const name = (tid === String(process.pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))) + '#' + tid;
           const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
           threads.set(name, (Number(fields[11]) + Number(fields[12])) / 100);
         }
       } catch {}
     };
     setInterval(() => {
       samples.push([Date.now() - started, process.memoryUsage.rss()]);
       if (require('node:worker_threads').workerData) readThreads();
     }, 20);
     parentPort.on('message', (m) => {
       if (m === 'threads') {
         readThreads();
         parentPort.postMessage([...threads]);
       } else parentPort.postMessage(samples.splice(0));
     });`,
    { eval: true, workerData: args.includes('--threads') },
  );
  return {
    samples: () =>
      new Promise((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('samples');
      }),
    threads: () =>
      new Promise((resolve) => {
        worker.once('message', (list: [string, number][]) => resolve(new Map(list)));
        worker.postMessage('threads');
      }),
    stop: () => worker.terminate(),
  };
}

function writeDocument(file: string): number {
  const fd = openSync(file, 'w');
  writeSync(fd, '{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[\n');
  let first = true;
  const events = generateEvents({ lots: Math.ceil(target / 1.7), seed: 1 }, (json) => {
    writeSync(fd, `${first ? '' : ',\n'}${json}`);
    first = false;
  });
  writeSync(fd, '\n]}}\n');
  closeSync(fd);
  return events;
}

/** CPU seconds of this process's main thread alone (Linux: /proc/self/task/PID/stat, in clock ticks of 10 ms), else undefined. */
function mainThreadCpu(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-epcis-'));
const file = kept ?? join(dir, 'document.jsonld');
const sampler = rssSampler();
try {
  if (!kept || !existsSync(file)) writeDocument(file);
  const size = statSync(file).size;
  const dbPath = join(dir, 'lotline.db');
  const checker = args.includes('--in-thread') ? undefined : new URL(args.includes('--built') ? '../out/main/epcis-checker.js' : '../main/core/epcis/check-worker-from-source.mjs', import.meta.url).href;
  const api = createApi({ dbPath, actor: 'bench', epcisChecker: checker });
  // Load what the import uses (schema compile, statements) outside the measurement with a one-event document.
  await api.invoke('epcis.import', { text: '{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[]}}' });
  const rssBefore = process.memoryUsage.rss();
  await sampler.samples(); // drop what came before
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  const threads0 = await sampler.threads();
  const result = await api.invoke('epcis.import', { file });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const main1 = mainThreadCpu();
  const mainSeconds = main0 === undefined || main1 === undefined ? undefined : main1 - main0;
  const samples = await sampler.samples();
  const peak = Math.max(process.memoryUsage.rss(), ...samples.map(([, rss]) => rss));
  const span = samples.length > 0 ? (samples.at(-1) as [number, number])[0] - (samples[0] as [number, number])[0] + 1 : 1;
  const tenths = Array.from({ length: 10 }, (_, k) => {
    const inTenth = samples.filter(([at]) => Math.floor((((at - (samples[0] as [number, number])[0]) / span) * 10)) === k);
    return inTenth.length > 0 ? Math.max(...inTenth.map(([, rss]) => rss)) : 0;
  });
  api.close();
  if (!result.ok) throw new Error(result.error.message);
  const value = result.value as EpcisImportResult;
  console.log(`EPCIS import (${checker ? 'events checked in a worker thread' : 'events checked on the core thread'}): ${value.events.toLocaleString('en')} events (${mb(size)} JSON-LD), ${value.imported.toLocaleString('en')} recorded, ${value.placeholders.units.toLocaleString('en')} lots and serials created`);
  console.log(`  ${seconds.toFixed(2)} s → ${Math.round(value.events / seconds).toLocaleString('en')} events/s (one transaction, audit trail included); ${cpuSeconds.toFixed(2)} s CPU → ${Math.round(value.events / cpuSeconds).toLocaleString('en')} events per CPU second`);
  if (mainSeconds !== undefined) console.log(`  main thread ${mainSeconds.toFixed(2)} s CPU → ${Math.round(value.events / mainSeconds).toLocaleString('en')} events per main-thread CPU second (the wall-clock bound with a core free for the check worker)`);
  // The core's thread and the check worker each keep a core busy for most of the import; CPU time barely above the wall
  // clock means they mostly took turns on one (seen on this VM in noisy minutes), and the figure is the machine's.
  if (checker && cpuSeconds < 1.25 * seconds) console.log(`  note: ${cpuSeconds.toFixed(1)} s CPU in ${seconds.toFixed(1)} s: the two threads mostly did not run at once (a core was not free); compare runs from quieter minutes`);
  if (args.includes('--threads')) {
    const seen = await sampler.threads();
    for (const [name, t] of seen) if (t - (threads0.get(name) ?? 0) >= 0.05) console.log(`  thread ${name}: ${(t - (threads0.get(name) ?? 0)).toFixed(2)} s CPU`);
  }
  console.log(`  RSS before the import ${mb(rssBefore)}, peak during it ${mb(peak)} (+${mb(peak - rssBefore)}) for a ${mb(size)} document`);
  console.log(`  peak RSS by tenth of the import (MB): ${tenths.map((b) => (b / 1e6).toFixed(0)).join(' ')}`);
  if (args.includes('--floor')) {
    const source = new Database(dbPath, { readonly: true });
    const floor = replayImportedRows(source, join(dir, 'floor.db'));
    source.close();
    console.log(`  floor: the same rows by plain prepared statements in ${floor.seconds.toFixed(2)} s → ${Math.round(floor.events / floor.seconds).toLocaleString('en')} events/s; ${floor.cpuSeconds.toFixed(2)} s CPU → ${Math.round(floor.events / floor.cpuSeconds).toLocaleString('en')} events per CPU second`);
  }
} finally {
  await sampler.stop();
  rmSync(dir, { recursive: true, force: true });
}
