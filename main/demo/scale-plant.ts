// A synthetic multi-year plant at scale, for benchmarks: about a million lots and five million lineage
// edges at `plant` size. Built through the same core functions the api calls (receiving, release,
// work orders, shipping — every rule and the audit trail apply), in large transactions so that
// generation is not bound by one fsync per command. Deterministic from the seed.
import type { Database as Db } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { QTY_SCALE } from '../../common/quantity';
import type { Core } from '../core/context';
import { openDatabase } from '../core/db/open';
import { createItem } from '../core/masterdata/items';
import { createLocation } from '../core/masterdata/locations';
import { createParty } from '../core/masterdata/parties';
import { createBom } from '../core/production/boms';
import { consume, createWorkOrder, produce } from '../core/production/work-orders';
import { receive } from '../core/receiving/receive';
import { ship } from '../core/shipping/shipments';
import { resolveRef } from '../core/units/rows';
import { changeStatus } from '../core/units/write';
import { trace } from '../core/trace/trace';
import { mulberry32 } from '../../common/random';

export interface ScaleSize {
  /** Days of production. */
  days: number;
  rawItems: number;
  /** Lot-tracked made items on each level 1..5 (level 5 finished). */
  itemsPerLevel: number;
  serialItems: number;
  /** Work orders a day, across all levels. */
  workOrdersPerDay: number;
  serialsPerWorkOrder: number;
  shipmentsPerDay: number;
  reworkCycles: number;
}

export const scaleSizes = {
  quick: { days: 30, rawItems: 40, itemsPerLevel: 10, serialItems: 4, workOrdersPerDay: 40, serialsPerWorkOrder: 10, shipmentsPerDay: 25, reworkCycles: 10 },
  // Sized for issue 3's floor (≥ 1M lots, 5M edges, 200k shipments, 100k serials); the first run at
  // 300 work orders a day made 679k lots, 3.0M edges, 119k shipments and 44k serials.
  plant: { days: 1095, rawItems: 200, itemsPerLevel: 60, serialItems: 40, workOrdersPerDay: 500, serialsPerWorkOrder: 25, shipmentsPerDay: 320, reworkCycles: 200 },
} satisfies Record<string, ScaleSize>;
export type ScaleName = keyof typeof scaleSizes;

export interface ScaleReport {
  seconds: number;
  lots: number;
  serials: number;
  edges: number;
  shipments: number;
  workOrders: number;
  auditRows: number;
  bytes: number;
}

const COMMON = ['SALT', 'SUGAR', 'WATER'];
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 2, 6);

interface MadeItem {
  part: string;
  level: number;
  tracking: 'lot' | 'serial';
  components: string[];
}

/** Generates the plant into `file` (which must be new or empty) and reports what it made. */
export function generateScalePlant(file: string, size: ScaleSize, seed: number, progress: (day: number, days: number) => void = () => undefined): ScaleReport {
  const t0 = performance.now();
  const db = openDatabase(file);
  // Bulk fixture load: durability per transaction is not needed while generating (the app keeps FULL).
  db.pragma('synchronous = OFF');
  let clock = START;
  const core: Core = { db, actor: 'scale-generator', now: () => new Date(clock) };
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const at = () => new Date(clock).toISOString();

  const raws: string[] = [...COMMON];
  const made: MadeItem[] = [];
  db.transaction(() => {
    createParty(core, 'suppliers', { code: 'SUP', name: 'Bulk supplier' });
    for (let c = 0; c < 50; c++) {
      createParty(core, 'customers', { code: `C${c}`, name: `Customer ${c}` });
      createLocation(core, { code: `C${c}-DC`, name: `Customer ${c} DC`, kind: 'ship_to', customer: `C${c}` });
    }
    for (let i = raws.length; i < size.rawItems; i++) raws.push(`RAW-${i}`);
    for (const part of raws) createItem(core, { part, description: `Raw ${part}`, tracking: 'lot', category: 'raw', unit: 'kg', lotPattern: 'R{YY}{JJJ}-{SEQ:3}' });
    for (let level = 1; level <= 5; level++) {
      const count = level === 5 ? size.itemsPerLevel + size.serialItems : size.itemsPerLevel;
      for (let i = 0; i < count; i++) {
        const tracking = level === 5 && i >= size.itemsPerLevel ? 'serial' : 'lot';
        const part = `${tracking === 'serial' ? 'DEV' : `L${level}`}-${i}`;
        const below = level === 1 ? [] : made.filter((m) => m.level === level - 1 && m.tracking === 'lot').map((m) => m.part);
        const lower = made.filter((m) => m.level < level - 1 && m.tracking === 'lot').map((m) => m.part);
        const components = new Set<string>();
        if (level === 1) components.add(pick(COMMON)); // common ingredients reach most of the output
        for (let k = int(2, 3); k > 0 && below.length; k--) components.add(pick(below));
        for (let k = int(level === 1 ? 3 : 1, 4); k > 0; k--) components.add(rnd() < 0.7 || lower.length === 0 ? pick(raws) : pick(lower));
        const item: MadeItem = { part, level, tracking, components: [...components] };
        made.push(item);
        createItem(core, {
          part,
          description: `${tracking === 'serial' ? 'Device' : level === 5 ? 'Finished product' : `Level ${level} intermediate`} ${i}`,
          tracking,
          category: level === 5 ? 'finished' : level === 1 ? 'component' : 'subassembly',
          unit: 'ea',
          lotPattern: `${part}-{YY}{JJJ}-{SEQ:2}`,
          ...(tracking === 'serial' ? { serialPattern: `${part}-{SEQ:7}` } : {}),
        });
        createBom(core, { part, lines: item.components.map((c) => ({ part: c, quantityPer: QTY_SCALE })) });
      }
    }
  })();

  // Released lots with stock, by item: the generator consumes the oldest first.
  const stock = new Map<string, { ref: string; left: number }[]>();
  const available = (part: string) => (stock.get(part) ?? []).find((l) => l.left > 0);
  const addStock = (part: string, ref: string, qty: number) => {
    changeStatus(core, resolveRef(db, ref), 'released', 'released by QA');
    const list = stock.get(part) ?? [];
    list.push({ ref, left: qty });
    // Keep only lots with stock so the search stays short.
    stock.set(part, list.length > 64 ? list.filter((l) => l.left > 0) : list);
  };
  const receiveRaw = (part: string, qty: number) => {
    const r = receive(core, { supplier: 'SUP', receivedAt: at(), lines: [{ part, supplierLot: `S${int(100000, 999999)}`, quantity: qty * QTY_SCALE }] });
    for (const lot of r.lots) addStock(part, lot.ref, qty);
  };
  const finished: { ref: string; left: number; serial: boolean }[] = [];
  let workOrders = 0;

  const runWorkOrder = (item: MadeItem) => {
    const wo = createWorkOrder(core, { part: item.part, quantity: 10 * QTY_SCALE, at: at() });
    workOrders++;
    for (const component of item.components) {
      let lot = available(component);
      if (!lot && raws.includes(component)) {
        receiveRaw(component, COMMON.includes(component) ? 4000 : 60);
        lot = available(component);
      }
      if (!lot) continue; // an intermediate not made yet: the work order runs without it (a deviation in real life)
      const qty = Math.min(lot.left, int(1, 3));
      consume(core, { workOrder: wo.number, ref: lot.ref, quantity: qty * QTY_SCALE, at: at() });
      lot.left -= qty;
    }
    if (item.tracking === 'serial') {
      const out = produce(core, { workOrder: wo.number, serials: size.serialsPerWorkOrder, at: at() });
      for (const s of out.outputs) {
        changeStatus(core, resolveRef(db, s.ref), 'released', 'released by QA');
        finished.push({ ref: s.ref, left: 1, serial: true });
      }
      return;
    }
    // Two output lots per work order: a split.
    for (let k = 0; k < 2; k++) {
      const out = produce(core, { workOrder: wo.number, quantity: 5 * QTY_SCALE, at: at() });
      for (const lot of out.outputs) {
        addStock(item.part, lot.ref, 5);
        if (item.level === 5) finished.push({ ref: lot.ref, left: 5, serial: false });
      }
    }
  };

  const rework = () => {
    // A level-3 lot is reworked into the level-2 lot it was made from: the output goes back into that
    // same lot, which closes a loop in the genealogy.
    const descendant = available(pick(made.filter((m) => m.level === 3)).part);
    if (!descendant) return;
    const source = trace(db, descendant.ref, 'backward', 1).nodes.find((n) => n.depth === 1 && n.item.startsWith('L2-') && n.type === 'lot');
    if (!source?.lot) return;
    const wo = createWorkOrder(core, { part: source.item, quantity: QTY_SCALE, at: at() });
    consume(core, { workOrder: wo.number, ref: descendant.ref, quantity: QTY_SCALE, substitutionReason: 'rework of returned product', at: at() });
    descendant.left -= 1;
    produce(core, { workOrder: wo.number, quantity: QTY_SCALE, lot: source.lot, at: at() });
  };

  const levels = [1, 2, 3, 4, 5].map((level) => made.filter((m) => m.level === level));
  for (let day = 0; day < size.days; day++) {
    db.transaction(() => {
      clock = START + day * DAY;
      for (let w = 0; w < size.workOrdersPerDay; w++) {
        clock += Math.floor(DAY / 2 / size.workOrdersPerDay);
        // Lower levels run more often so that upper levels find stock.
        const level = Math.min(5, 1 + Math.floor(-Math.log(1 - rnd() * 0.97) * 1.6));
        runWorkOrder(pick(levels[level - 1] ?? []));
      }
      for (let s = 0; s < size.shipmentsPerDay && finished.length > 0; s++) {
        const i = finished.findIndex((f) => f.left > 0);
        if (i < 0) break;
        const f = finished[i] as { ref: string; left: number; serial: boolean };
        const qty = f.serial ? 1 : Math.min(f.left, int(1, 3));
        const c = int(0, 49);
        ship(core, { customer: `C${c}`, shipTo: `C${c}-DC`, shipDate: at(), lines: [{ ref: f.ref, quantity: qty * QTY_SCALE }] });
        f.left -= qty;
        if (f.left === 0) finished.splice(i, 1);
      }
      if (day % Math.max(1, Math.floor(size.days / size.reworkCycles)) === 0 && day > 10) rework();
    })();
    progress(day + 1, size.days);
  }
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const report = counts(db, (performance.now() - t0) / 1000, workOrders);
  db.close();
  return { ...report, bytes: statSync(file).size };
}

function counts(db: Db, seconds: number, workOrders: number): Omit<ScaleReport, 'bytes'> {
  const one = (sql: string) => (db.prepare<[], { n: number }>(sql).get()?.n ?? 0);
  return {
    seconds,
    lots: one(`SELECT count(*) AS n FROM units WHERE kind = 'lot'`),
    serials: one(`SELECT count(*) AS n FROM units WHERE kind = 'serial'`),
    edges: one('SELECT count(*) AS n FROM lineage'),
    shipments: one('SELECT count(*) AS n FROM shipments'),
    auditRows: one('SELECT count(*) AS n FROM audit_trail'),
    workOrders,
  };
}
