// Label rendering benchmark: ZPL per label (template bound to data, then ZPL text), the PNG preview rendered from
// that ZPL in the worker (the first one cold: worker start and the 8 MB wasm load; then warm), and the PDF.
// Run alone: npx tsx bench/label-render.ts [zpl iterations, default 2000]
import type { LabelData } from '../common/labels/data';
import type { LabelDpi } from '../common/labels/template';
import { renderLabel } from '../main/labels/render';
import { stopZplPreview } from '../main/labels/preview';
import { labelTemplate } from '../main/labels/templates';

const iterations = Number(process.argv[2] ?? 2000);

const data: Record<string, LabelData> = {
  'raw-lot': {
    item: { part: 'RES-PC', description: 'Polycarbonate resin, medical grade', unit: 'kg' },
    lot: { code: 'R26061-01', ref: 'RES-PC:R26061-01', supplierLot: 'POL2714422', received: '2026-03-01', quantity: '250', unit: 'kg', expiry: '2028-03-01' },
    supplier: { code: 'POLY', name: 'Polymerix Compounds GmbH' },
  },
  'fg-lot': {
    item: { part: 'SET-IV2', description: 'IV administration set, 2 m', gtin: '09506000134369', unit: 'ea' },
    lot: { code: '26-027', ref: 'SET-IV2:26-027', quantity: '1000', unit: 'ea', produced: '2026-03-02', expiry: '2029-03-01' },
  },
  udi: {
    item: { part: 'PUMP-PX2', description: 'Infusion pump PX-2', gtin: '09506000134352' },
    serial: { code: 'PX-000231', ref: 'PUMP-PX2#PX-000231', lot: 'WO-26013', produced: '2026-03-03' },
  },
  sscc: {
    sscc: { code: '095060001000000012' },
    shipFrom: { name: 'Northfield Medical', address: '12 Mill Lane, Harrogate HG1 2AB' },
    shipTo: { name: 'City Hospital Central Stores', address: '1 Hospital Road, Leeds LS1 3EX' },
    shipment: { number: 'SH-0001', date: '2026-03-05', carrier: 'DHL Freight', customer: 'City Hospital' },
  },
};

function quantiles(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  const f = (v: number) => (v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(1)} ms`);
  return `median ${f(at(0.5))}, p95 ${f(at(0.95))}, max ${f(s.at(-1) ?? 0)} (n=${s.length})`;
}

async function time(n: number, run: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    out.push(performance.now() - t);
  }
  return out;
}

const rows: string[] = [];
for (const name of Object.keys(data)) {
  const template = labelTemplate(name);
  const d = data[name] as LabelData;
  await time(50, () => renderLabel(template, d, 203, 'zpl')); // warm-up
  rows.push(`${name.padEnd(8)} ZPL 203 dpi      ${quantiles(await time(iterations, () => renderLabel(template, d, 203, 'zpl')))}`);
}

const cold = performance.now();
await renderLabel(labelTemplate('udi'), data.udi as LabelData, 203, 'png');
rows.push(`first PNG preview (worker start + wasm load + render): ${(performance.now() - cold).toFixed(0)} ms`);

for (const name of Object.keys(data)) {
  const template = labelTemplate(name);
  const d = data[name] as LabelData;
  for (const dpi of [203, 300, 600] as LabelDpi[]) {
    await renderLabel(template, d, dpi, 'png');
    rows.push(`${name.padEnd(8)} PNG ${dpi} dpi      ${quantiles(await time(20, () => renderLabel(template, d, dpi, 'png')))}`);
  }
  await renderLabel(template, d, 203, 'pdf');
  rows.push(`${name.padEnd(8)} PDF              ${quantiles(await time(30, () => renderLabel(template, d, 203, 'pdf')))}`);
}
await stopZplPreview();
console.log(rows.join('\n'));
console.log(`rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
