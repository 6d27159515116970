// Print queue benchmark: label jobs through the durable queue to a loopback TCP printer (the test fake, which
// answers ~HS at once and shows each format in its buffer once before it is "printed"). Per job: the ready check,
// the bytes, the confirmation, and four audited SQLite commits with synchronous=FULL. Reported with the confirmation
// poll at 0 ms (what Lotline itself costs) and at its default 250 ms (what an operator waits at most beyond the printer).
// Run alone: npx tsx bench/print-queue.ts [jobs per run, default 200]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/core/db/open';
import { PrintSpooler } from '../main/core/printing/spooler';
import { tcpPrinter } from '../main/devices/printers/fake-printer.test-support';

const jobs = Number(process.argv[2] ?? 200);
const ZPL = '^XA^FO50,50^A0N,40,40^FDPUMP-PX2 S/N PX-{n}^FS^BXN,8,200^FD_10109506000134352^FS^XZ';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function run(pollMs: number, count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-print-'));
  const fake = await tcpPrinter();
  const db = openDatabase(join(dir, 'trace.db'));
  try {
    const spooler = new PrintSpooler({ db, actor: 'bench', now: () => new Date() }, { pollMs });
    const printer = `tcp://127.0.0.1:${fake.port}`;
    const times: number[] = [];
    const began = performance.now();
    for (let n = 0; n < count; n++) {
      const t = performance.now();
      const job = await spooler.print({ printer, content: Buffer.from(ZPL.replace('{n}', String(n).padStart(6, '0'))), copies: 1, ref: `PUMP-PX2#PX-${n}` });
      times.push(performance.now() - t);
      if (job.state !== 'printed') throw new Error(`job ${job.id}: ${job.state} ${job.problem ?? ''}`);
    }
    const seconds = (performance.now() - began) / 1000;
    const audit = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM audit_trail WHERE entity = 'print_jobs'`).get()?.n ?? 0;
    times.sort((a, b) => a - b);
    return { pollMs, count, perSecond: count / seconds, p50: quantile(times, 0.5), p99: quantile(times, 0.99), auditPerJob: audit / count, printed: fake.printer.printed };
  } finally {
    db.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log('| confirmation poll | jobs | jobs/s | print → confirmed p50 | p99 | audit rows per job | labels the printer got |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [pollMs, count] of [
  [0, jobs],
  [250, Math.max(10, Math.floor(jobs / 10))],
] as const) {
  const r = await run(pollMs, count);
  console.log(`| ${r.pollMs} ms | ${r.count} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.auditPerJob} | ${r.printed} |`);
}
