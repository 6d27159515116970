// Trace results for people: the walk's units with their items and statuses, the edges with the event
// behind them, and — going forward — the shipments, customers and ship-to locations reached.
import type { Database as Db } from 'better-sqlite3';
import { DEFAULT_TRACE_WINDOW } from '../../../common/api/trace';
import type { CustomerReach, RecallImpact, ShipmentReach, TraceEdge, TraceItemCount, TraceNode, TraceResult } from '../../../common/domain';
import { fromMilli } from '../../../common/quantity';
import { databaseMoment } from '../db/moment';
import { perConnection } from '../db/statements';
import { rowsForIds } from '../db/bulk-read';
import { resolveRef, toSummary, UNIT_COLUMNS, UNIT_SELECT } from '../units/rows';
import type { UnitRow } from '../units/rows';
import type { UnitFacts } from './unit-facts';
import { walkWithFacts } from './walk';
import type { Direction, Walk } from './walk';

const statements = perConnection((db: Db) => ({
  events: db.prepare<[string], { id: number; biz_step: string; event_time: string; doc: string | null }>(
    `SELECT e.id, e.biz_step, e.event_time,
            CASE e.doc_type WHEN 'work_order' THEN (SELECT number FROM work_orders WHERE id = e.doc_id)
                            WHEN 'shipment' THEN (SELECT number FROM shipments WHERE id = e.doc_id) END AS doc
       FROM events e WHERE e.id IN (SELECT value FROM json_each(?))`,
  ),
  edgeQty: db.prepare<[string], { event_id: number; unit_id: number; qty: number }>(
    `SELECT event_id, unit_id, qty FROM event_units WHERE role = 'input' AND event_id IN (SELECT value FROM json_each(?))`,
  ),
  // Per customer over a whole trace: a shipment goes to one customer, so the counts add up to the trace's.
  customers: db.prepare<[string], { code: string; name: string; shipments: number; lines: number; locations: string }>(
    `SELECT c.code, c.name, count(DISTINCT s.id) AS shipments, count(*) AS lines, json_group_array(DISTINCT l.code) AS locations
       FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id JOIN customers c ON c.id = s.customer_id JOIN locations l ON l.id = s.ship_to_id
      WHERE sl.unit_id IN (SELECT value FROM json_each(?)) GROUP BY c.id`,
  ),
  itemCounts: db.prepare<[string], { part: string; description: string; units: number }>(
    `SELECT i.part, i.description, count(*) AS units FROM units u JOIN items i ON i.id = u.item_id
      WHERE u.id IN (SELECT value FROM json_each(?)) GROUP BY u.item_id`,
  ),
  itemNames: db.prepare<[string], { id: number; part: string; description: string }>('SELECT id, part, description FROM items WHERE id IN (SELECT value FROM json_each(?))'),
  customerNames: db.prepare<[string], { id: number; code: string; name: string }>('SELECT id, code, name FROM customers WHERE id IN (SELECT value FROM json_each(?))'),
  locationCodes: db.prepare<[string], { id: number; code: string }>('SELECT id, code FROM locations WHERE id IN (SELECT value FROM json_each(?))'),
}));

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const NODE_SELECT = `${UNIT_SELECT.replace('i.unit AS uom', 'i.unit AS uom, i.category')} WHERE u.id IN (SELECT value FROM json_each(?))`;
const NODE_COLUMNS = [...UNIT_COLUMNS, 'category'] as const;

function nodesOf(db: Db, depths: ReadonlyMap<number, number>): { nodes: TraceNode[]; categories: Map<number, string> } {
  const categories = new Map<number, string>();
  // A scope can be hundreds of thousands of units: read as JSON, not row by row.
  const nodes = rowsForIds<UnitRow & { category: string }>(db, NODE_SELECT, NODE_COLUMNS, [...depths.keys()])
    .map((row): TraceNode => {
      categories.set(row.id, row.category);
      return Object.assign(toSummary(row), { depth: depths.get(row.id) ?? 0 });
    })
    // Ordinal, not locale, comparison: part numbers and codes are ASCII, and a trace can hold 100,000s of units.
    .sort((a, b) => a.depth - b.depth || ordinal(a.item, b.item) || ordinal(a.ref, b.ref));
  return { nodes, categories };
}

interface ShipmentLineRow {
  number: string;
  customer: string;
  customer_name: string;
  ship_to: string;
  ship_to_name: string;
  ship_date: string;
  unit_id: number;
  qty: number;
}
const SHIPMENT_LINE_SELECT = `SELECT s.number, c.code AS customer, c.name AS customer_name, l.code AS ship_to, l.name AS ship_to_name, s.ship_date, sl.unit_id, sl.qty
   FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id JOIN customers c ON c.id = s.customer_id JOIN locations l ON l.id = s.ship_to_id
  WHERE sl.unit_id IN (SELECT value FROM json_each(?))`;
const SHIPMENT_LINE_COLUMNS = ['number', 'customer', 'customer_name', 'ship_to', 'ship_to_name', 'ship_date', 'unit_id', 'qty'] as const;

/** The shipment lines of these units, each with the unit's reference, by ship date, shipment and unit. */
function shipmentLines(db: Db, nodes: readonly TraceNode[]): ShipmentReach[] {
  const refs = new Map(nodes.map((n) => [n.id, n.ref]));
  return rowsForIds<ShipmentLineRow>(db, SHIPMENT_LINE_SELECT, SHIPMENT_LINE_COLUMNS, [...refs.keys()])
    .sort((a, b) => ordinal(a.ship_date, b.ship_date) || ordinal(a.number, b.number) || a.unit_id - b.unit_id)
    .map((s) => ({
      number: s.number,
      customer: s.customer,
      customerName: s.customer_name,
      shipTo: s.ship_to,
      shipToName: s.ship_to_name,
      shipDate: s.ship_date,
      unitId: s.unit_id,
      ref: refs.get(s.unit_id) ?? '',
      quantity: fromMilli(s.qty),
    }));
}

/**
 * Per customer reached by these units: shipments, ship-to locations, and the shipment lines behind them.
 * Counted in memory from the units' facts when the index is ready, in SQL until then.
 */
function customersOf(db: Db, ids: Int32Array, facts: UnitFacts | undefined): { customers: CustomerReach[]; lines: number } {
  const s = statements(db);
  let rows: { code: string; name: string; shipments: number; lines: number; locations: string[] }[];
  if (facts) {
    const tallies = facts.customers(ids);
    const names = byId(s.customerNames.all(JSON.stringify(tallies.map((t) => t.customer))));
    const codes = byId(s.locationCodes.all(JSON.stringify([...new Set(tallies.flatMap((t) => t.shipTos))])));
    rows = tallies.map((t) => {
      const c = found(names, t.customer, 'customer');
      return { code: c.code, name: c.name, shipments: t.shipments, lines: t.lines, locations: t.shipTos.map((l) => found(codes, l, 'location').code) };
    });
  } else {
    rows = s.customers.all(JSON.stringify([...ids])).map((c) => ({ ...c, locations: JSON.parse(c.locations) as string[] }));
  }
  const customers = rows
    .map((c): CustomerReach => ({ code: c.code, name: c.name, shipments: c.shipments, locations: c.locations.sort(ordinal) }))
    .sort((a, b) => ordinal(a.code, b.code));
  return { customers, lines: rows.reduce((n, c) => n + c.lines, 0) };
}

const byId = <T extends { id: number }>(rows: T[]): Map<number, T> => new Map(rows.map((r) => [r.id, r]));

function found<T>(rows: ReadonlyMap<number, T>, id: number, what: string): T {
  const row = rows.get(id);
  if (row === undefined) throw new Error(`trace summary: ${what} ${id} is not in the database`);
  return row;
}

function edgesOf(db: Db, raw: readonly { from: number; to: number; eventId: number }[]): TraceEdge[] {
  const eventIds = JSON.stringify([...new Set(raw.map((e) => e.eventId))]);
  const events = new Map(statements(db).events.all(eventIds).map((e) => [e.id, e]));
  // Quantity of each input in each event, keyed by number (event → unit → qty).
  const qty = new Map<number, Map<number, number>>();
  for (const q of statements(db).edgeQty.all(eventIds)) {
    let units = qty.get(q.event_id);
    if (!units) qty.set(q.event_id, (units = new Map<number, number>()));
    units.set(q.unit_id, q.qty);
  }
  return raw.map((e) => {
    const event = events.get(e.eventId);
    const q = qty.get(e.eventId)?.get(e.from);
    return {
      from: e.from,
      to: e.to,
      eventId: e.eventId,
      bizStep: event?.biz_step ?? '',
      document: event?.doc ?? null,
      eventTime: event?.event_time ?? '',
      quantity: q === undefined ? null : fromMilli(q),
    };
  });
}

export interface TraceWindow {
  offset: number;
  limit: number;
}

/**
 * A trace, summary first: counts per level, per item and per customer over every unit reached, and the
 * units of one window (in order of depth, then id) as rows, sorted for reading within the window.
 */
/** What a trace is as a whole: the walk and its summary, the same for every window of it. */
interface WholeTrace {
  key: string;
  walk: Walk;
  customers: CustomerReach[];
  total: TraceResult['total'];
  levels: number[];
  items: TraceItemCount[];
}

// The last whole trace per connection: reading a wide trace window by window walks and summarises it once.
// It is keyed by the database's moment (db/moment.ts), so any change makes it stale, a rolled-back one included.
const lastWhole = new WeakMap<Db, WholeTrace>();

/** Lets go of the last whole trace kept for this connection (its memory; benchmarks measure a first look). */
export function forgetWholeTrace(db: Db): void {
  lastWhole.delete(db);
}

function wholeTrace(db: Db, rootId: number, direction: Direction, depthLimit: number): WholeTrace {
  const key = `${rootId}|${direction}|${depthLimit}|${databaseMoment(db)}`;
  const cached = lastWhole.get(db);
  if (cached?.key === key) return cached;
  const { walk: w, facts } = walkWithFacts(db, [rootId], direction, depthLimit);
  const { customers, lines } = direction === 'forward' ? customersOf(db, w.ids, facts) : { customers: [], lines: 0 };
  const whole: WholeTrace = {
    key,
    walk: w,
    customers,
    total: {
      nodes: w.ids.length,
      edges: w.edgeCount,
      shipments: customers.reduce((n, c) => n + c.shipments, 0),
      shipmentLines: lines,
    },
    levels: w.levels.slice(1).map((end, d) => end - (w.levels[d] as number)),
    items: itemsPerLevel(db, w, facts),
  };
  lastWhole.set(db, whole);
  return whole;
}

/**
 * A trace, summary first: counts per level, per item and per customer over every unit reached, and the
 * units of one window (in order of depth, then id) as rows, sorted for reading within the window.
 */
export function trace(db: Db, ref: string, direction: Direction, depthLimit: number, window: TraceWindow = { offset: 0, limit: DEFAULT_TRACE_WINDOW }): TraceResult {
  const root = resolveRef(db, ref);
  const whole = wholeTrace(db, root.id, direction, depthLimit);
  const w = whole.walk;
  const from = Math.min(window.offset, w.ids.length);
  const to = Math.min(window.offset + window.limit, w.ids.length);
  const shown = windowDepths(w, from, to);
  const { nodes } = nodesOf(db, shown);
  // Each edge belongs to the window of the unit it leads to (away from the traced unit), so the windows
  // together hold every edge once, and each row has the edge it was reached through.
  const edges = edgesOf(db, w.edgesTo(shown.keys()));
  return {
    direction,
    root: nodes.find((n) => n.id === root.id) ?? { ...toSummary(root), depth: 0 },
    nodes,
    edges,
    truncated: w.truncated,
    depthLimit,
    shipments: direction === 'forward' ? shipmentLines(db, nodes) : [],
    customers: whole.customers,
    total: whole.total,
    levels: whole.levels,
    items: whole.items,
    window: { offset: from, limit: window.limit },
  };
}

/** Depths of the units from position `from` to `to` of the walk's order. */
function windowDepths(w: Walk, from: number, to: number): Map<number, number> {
  const depths = new Map<number, number>();
  for (let d = 0; d + 1 < w.levels.length; d++) {
    const start = Math.max(from, w.levels[d] as number);
    const end = Math.min(to, w.levels[d + 1] as number);
    for (let i = start; i < end; i++) depths.set(w.ids[i] as number, d);
  }
  return depths;
}

/** Units per item at each level: counted in memory from the units' facts when the index is ready, in SQL until then. */
function itemsPerLevel(db: Db, w: Walk, facts: UnitFacts | undefined): TraceItemCount[] {
  const s = statements(db);
  const items: TraceItemCount[] = [];
  const level = (d: number) => w.ids.subarray(w.levels[d], w.levels[d + 1]);
  if (facts) {
    const counts = Array.from({ length: w.levels.length - 1 }, (_, d) => facts.itemCounts(level(d)));
    const names = byId(s.itemNames.all(JSON.stringify([...new Set(counts.flatMap((c) => [...c.keys()]))])));
    counts.forEach((c, depth) => {
      for (const [id, units] of c) {
        const item = found(names, id, 'item');
        items.push({ depth, item: item.part, description: item.description, units });
      }
    });
  } else {
    for (let d = 0; d + 1 < w.levels.length; d++)
      for (const c of s.itemCounts.all(JSON.stringify([...level(d)]))) items.push({ depth: d, item: c.part, description: c.description, units: c.units });
  }
  return items.sort((a, b) => a.depth - b.depth || b.units - a.units || ordinal(a.item, b.item));
}

const IN_HOUSE_STATUSES = new Set(['quarantine', 'released', 'on_hold', 'rejected', 'recalled']);

/** Whether some of the unit is still here (not shipped or consumed away). */
export function isInHouse(n: Pick<TraceNode, 'onHand' | 'status'>): boolean {
  return n.onHand !== '0' && IN_HOUSE_STATUSES.has(n.status);
}

/**
 * Everything the forward trace of these units reaches, with each unit's item category and their shipment lines;
 * the edges too when the trace has at most `edgeLimit` units.
 */
export function forwardReach(db: Db, rootIds: readonly number[], depthLimit: number, edgeLimit: number) {
  const { walk: w, facts } = walkWithFacts(db, [...new Set(rootIds)], 'forward', depthLimit);
  const { nodes, categories } = nodesOf(db, w.depths);
  return { nodes, categories, shipments: shipmentLines(db, nodes), edges: w.depths.size <= edgeLimit ? edgesOf(db, w.edges) : [], truncated: w.truncated, ids: w.ids, facts };
}

export function recallImpact(db: Db, refs: readonly string[], depthLimit: number): RecallImpact {
  const suspects = refs.map((r) => resolveRef(db, r));
  const reach = forwardReach(db, suspects.map((s) => s.id), depthLimit, 0);
  const { nodes, categories, shipments } = reach;
  const { customers } = customersOf(db, reach.ids, reach.facts);
  const locations = new Map<string, { code: string; name: string; customer: string }>();
  for (const s of shipments) locations.set(s.shipTo, { code: s.shipTo, name: s.shipToName, customer: s.customer });
  return {
    suspects: suspects.map(toSummary),
    affected: nodes,
    finished: nodes.filter((n) => categories.get(n.id) === 'finished'),
    inHouse: nodes.filter(isInHouse),
    shipments,
    customers,
    locations: [...locations.values()].sort((a, b) => a.code.localeCompare(b.code)),
    truncated: reach.truncated,
  };
}
