// Station scans: latency of stations.scan through the api (decode, rule, one transaction with synchronous=FULL)
// for a consumption at the work-order station and for a refusal (rolled back), on a temporary database file.
// Run: npx tsx bench/station-scan.ts [N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../main/api';
import { caller } from '../main/demo/plant';
import { percentile } from './timing';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 500);
  const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-station-'));
  const api = createApi({ dbPath: join(dir, 'bench.db'), actor: 'bench' });
  const call = caller(api.invoke);
  try {
    await call('suppliers.create', { code: 'SUP', name: 'Supplier' });
    await call('items.create', { part: 'POLY', description: 'Polymer', tracking: 'lot', category: 'raw', unit: 'kg', gtin: '09506000134352', lotPattern: 'PL{SEQ:3}' });
    await call('items.create', { part: 'INK', description: 'Ink', tracking: 'lot', category: 'raw', unit: 'g', gtin: '09506000134383', lotPattern: 'IK{SEQ:3}' });
    await call('items.create', { part: 'VALVE', description: 'Valve', tracking: 'serial', category: 'finished', unit: 'ea' });
    await call('boms.create', { part: 'VALVE', lines: [{ part: 'POLY', quantityPer: '0.001' }] });
    await call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'POLY', supplierLot: 'S', quantity: 100_000 }, { part: 'INK', supplierLot: 'I', quantity: 10 }] });
    for (const ref of ['POLY:PL001', 'INK:IK001']) await call('units.setStatus', { ref, status: 'released', reason: 'bench' });
    await call('workOrders.create', { number: 'WO-1', part: 'VALVE', quantity: n * 2 });
    const context = { workOrder: 'WO-1' };
    const time = async (code: string): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = process.hrtime.bigint();
        await api.invoke('stations.scan', { station: 'workOrder', context, code, quantity: '0.001' });
        out.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return out.sort((a, b) => a - b);
    };
    const report = (what: string, ms: number[]) =>
      console.log(`${what}: n=${ms.length} p50 ${percentile(ms, 50).toFixed(2)} ms, p99 ${percentile(ms, 99).toFixed(2)} ms, ${(1000 / (ms.reduce((a, b) => a + b, 0) / ms.length)).toFixed(0)} scans/s`);
    report('applied (consume, GS1 DataMatrix text)', await time(']d20109506000134352' + '10PL001'));
    report('refused (INK not on the BOM)', await time('(01)09506000134383(10)IK001'));
  } finally {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
