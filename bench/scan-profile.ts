// CPU cost of one scan without the disk wait, for profiling: `node --cpu-prof --cpu-prof-dir=DIR --import tsx
// bench/scan-profile.ts [consume|station] [SCANS] [PER_WORK_ORDER]` (scans on a work order before the next, default
// 40). consume: workOrders.consume as bench/ingest.ts scans it, on a copy of the quick dataset; station: stations.scan
// of a GS1 component label at the work-order station, as bench/station-scan.ts.
// Prints wall time, the process's CPU (process.cpuUsage: GC helper threads included) and the main thread's CPU
// (/proc/thread-self/stat, what a busy machine's scheduling does not inflate) per scan, so that before and after
// compare on the same data in one command.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GS } from '../common/gs1';
import { createDispatcher } from '../main/api/dispatch';
import { handlers } from '../main/api/handlers';
import { APP_VERSION } from '../main/api/version';
import { openDatabase } from '../main/core/db/open';
import { caller } from '../main/demo/plant';
import { datasetPath } from './dataset';

/** The calling thread's CPU time in ms (user + system), from /proc: 10 ms ticks, so measure ≥ 1 s of work. */
function threadCpuMs(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const mode = process.argv[2] === 'station' ? 'station' : 'consume';
const scans = Number(process.argv[3] ?? 3000);
const PER_WORK_ORDER = Number(process.argv[4] ?? 40);
const GTIN = '09506000134352';
const dir = mkdtempSync(join(tmpdir(), 'lotline-scan-profile-'));
try {
  const copy = join(dir, 'lotline.db');
  const src = new Database(datasetPath('quick', 1), { readonly: true });
  src.exec(`VACUUM INTO '${copy}'`);
  src.close();
  const db = openDatabase(copy);
  db.pragma('synchronous = OFF');
  const invoke = createDispatcher({ core: { db, actor: 'bench', now: () => new Date() }, version: APP_VERSION }, handlers, () => undefined);
  const call = caller(invoke);
  await call('items.create', { part: 'POLY', description: 'Polymer', tracking: 'lot', category: 'raw', unit: 'kg', gtin: GTIN, lotPattern: 'PL{SEQ:3}' });
  await call('items.create', { part: 'BENCH-MIX', description: 'Profile mix', tracking: 'lot', category: 'component', unit: 'kg' });
  await call('boms.create', { part: 'BENCH-MIX', lines: [{ part: 'POLY', quantityPer: 1 }] });
  await call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'POLY', supplierLot: 'BENCH-1', quantity: 100_000_000 }] });
  await call('units.setStatus', { ref: 'POLY:PL001', status: 'released', reason: 'incoming inspection passed' });
  const orders: string[] = [];
  for (let i = 0; i < Math.ceil((scans + 200) / PER_WORK_ORDER) + 1; i++) orders.push((await call('workOrders.create', { part: 'BENCH-MIX', quantity: 100_000 })).number);
  let context: Record<string, unknown> = {};
  let n = 0;
  const scan =
    mode === 'consume'
      ? async (i: number) => {
          const r = await invoke('workOrders.consume', { workOrder: orders[Math.floor(i / PER_WORK_ORDER)] as string, ref: 'POLY:PL001', quantity: '0.001' });
          if (!r.ok) throw new Error(r.error.message);
        }
      : async (i: number) => {
          if (i % PER_WORK_ORDER === 0) context = { workOrder: orders[Math.floor(i / PER_WORK_ORDER)] };
          const code = `]d201${GTIN}10PL001${GS}3103${String(1 + (n++ % 99_999)).padStart(6, '0')}`;
          const r = await call('stations.scan', { station: 'workOrder', context, code });
          if (r.outcome !== 'applied') throw new Error(r.reason);
          context = r.context;
        };
  for (let i = 0; i < 200; i++) await scan(i);
  const cpu = process.cpuUsage();
  const thread = threadCpuMs();
  const t = performance.now();
  for (let i = 200; i < 200 + scans; i++) await scan(i);
  const used = process.cpuUsage(cpu);
  const threadUsed = threadCpuMs() - thread;
  console.log(
    `${mode}, ${scans} scans: ${((performance.now() - t) / scans).toFixed(3)} ms wall, ${((used.user + used.system) / 1000 / scans).toFixed(3)} ms CPU, ${(threadUsed / scans).toFixed(3)} ms main-thread CPU per scan`,
  );
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
