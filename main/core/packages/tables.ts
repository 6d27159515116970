// The data tables of an audit package: one named query per table over the scope's id sets, each written as
// data/<name>.csv and data/<name>.json with the same columns. Quantities are in the item's unit (not milli-units),
// times as stored (UTC, with the zone offset the event happened in beside them).
import type { Database as Db, Statement } from 'better-sqlite3';
import { perConnection } from '../db/statements';
import type { ResolvedScope } from './scope';

export interface PackageTable {
  name: string;
  /** What the rows are, for index.html. */
  title: string;
  sql: string;
}

const inSet = (column: string, set: keyof ResolvedScope['json']) => `${column} IN (SELECT value FROM json_each(@${set}))`;
const ref = (alias: string, item: string) => `${item}.part || CASE ${alias}.kind WHEN 'lot' THEN ':' ELSE '#' END || ${alias}.code`;

export const packageTables: readonly PackageTable[] = [
  {
    name: 'items',
    title: 'Items (part numbers) of the lots and serials in scope',
    sql: `SELECT i.id, i.part, i.description, i.gtin, i.tracking, i.category, i.unit, i.shelf_life_days, i.warranty_days, i.created_at
          FROM items i WHERE ${inSet('i.id', 'items')} ORDER BY i.id`,
  },
  ...(['lot', 'serial'] as const).map((kind) => ({
    name: `${kind}s`,
    title: kind === 'lot' ? 'Lots in scope (the trace included)' : 'Serials in scope (the trace included)',
    sql: `SELECT u.id, ${ref('u', 'i')} AS ref, i.part, u.code AS ${kind}, u.status, u.status_reason,
                 u.qty_initial / 1000.0 AS quantity, u.qty_on_hand / 1000.0 AS on_hand, i.unit,
                 s.code AS supplier, u.supplier_lot, r.number AS receipt, w.number AS work_order, u.produced_at, u.expires_at, u.created_at
          FROM units u JOIN items i ON i.id = u.item_id LEFT JOIN suppliers s ON s.id = u.supplier_id
          LEFT JOIN receipts r ON r.id = u.receipt_id LEFT JOIN work_orders w ON w.id = u.work_order_id
          WHERE u.kind = '${kind}' AND ${inSet('u.id', 'units')} ORDER BY u.id`,
  })),
  {
    name: 'events',
    title: 'Ledger events of the lots and serials in scope (what, when, where, why, who, which document); a component lot consumed into another product is not listed',
    sql: `SELECT e.id, e.kind, e.action, e.biz_step, e.disposition, e.event_time, e.tz_offset, l.code AS location, e.actor,
                 e.doc_type, CASE e.doc_type
                   WHEN 'receipt' THEN (SELECT number FROM receipts WHERE id = e.doc_id)
                   WHEN 'work_order' THEN (SELECT number FROM work_orders WHERE id = e.doc_id)
                   WHEN 'shipment' THEN (SELECT number FROM shipments WHERE id = e.doc_id)
                   WHEN 'service' THEN (SELECT number FROM service_events WHERE id = e.doc_id)
                 END AS document,
                 e.reason, e.status_to, e.corrects_event_id, e.recorded_at,
                 (SELECT group_concat(x.role || ' ' || x.ref || ' ' || x.qty, '; ') FROM (
                    SELECT eu.role, ${ref('u', 'i')} AS ref, eu.qty / 1000.0 AS qty FROM event_units eu JOIN units u ON u.id = eu.unit_id JOIN items i ON i.id = u.item_id
                     WHERE eu.event_id = e.id ORDER BY eu.unit_id, eu.role) x) AS units
          FROM events e LEFT JOIN locations l ON l.id = e.location_id WHERE ${inSet('e.id', 'events')} ORDER BY e.id`,
  },
  {
    name: 'lineage',
    title: 'Lineage edges (input → output) among the lots and serials in scope; voided edges were taken out of trace by a reversal',
    sql: `SELECT ${ref('a', 'ai')} AS input, ${ref('b', 'bi')} AS output, g.event_id,
                 (SELECT v.void_event_id FROM lineage_void v WHERE v.input_id = g.input_id AND v.output_id = g.output_id AND v.event_id = g.event_id) AS voided_by_event
          FROM lineage g JOIN units a ON a.id = g.input_id JOIN items ai ON ai.id = a.item_id JOIN units b ON b.id = g.output_id JOIN items bi ON bi.id = b.item_id
          WHERE ${inSet('g.input_id', 'units')} AND ${inSet('g.output_id', 'units')} ORDER BY g.event_id, g.input_id, g.output_id`,
  },
  {
    name: 'work_orders',
    title: 'Work orders that made lots and serials in scope',
    sql: `SELECT w.id, w.number, i.part, b.version AS bom_version, w.qty_planned / 1000.0 AS quantity_planned, i.unit, w.line, w.status, w.created_at, w.closed_at
          FROM work_orders w JOIN items i ON i.id = w.item_id JOIN boms b ON b.id = w.bom_id WHERE ${inSet('w.id', 'workOrders')} ORDER BY w.id`,
  },
  {
    name: 'shipments',
    title: 'Shipment lines of the lots and serials in scope',
    sql: `SELECT sh.number AS shipment, sh.ship_date, c.code AS customer, c.name AS customer_name, t.code AS ship_to, t.address AS ship_to_address, sh.carrier,
                 ${ref('u', 'i')} AS ref, sl.qty / 1000.0 AS quantity, i.unit
          FROM shipment_lines sl JOIN shipments sh ON sh.id = sl.shipment_id JOIN customers c ON c.id = sh.customer_id JOIN locations t ON t.id = sh.ship_to_id
          JOIN units u ON u.id = sl.unit_id JOIN items i ON i.id = u.item_id
          WHERE ${inSet('sh.id', 'shipments')} AND ${inSet('sl.unit_id', 'units')} ORDER BY sh.id, sl.unit_id`,
  },
  {
    name: 'customers',
    title: 'Customers the shipments in scope went to',
    sql: `SELECT c.id, c.code, c.name, c.contact, c.email, c.created_at FROM customers c WHERE ${inSet('c.id', 'customers')} ORDER BY c.id`,
  },
  {
    name: 'specs',
    title: 'Test specifications of the items in scope: every version, one row per characteristic',
    sql: `SELECT i.part, s.version, s.stage, s.status, s.effective_from, s.approved_at, s.approved_by, s.note,
                 c.seq AS characteristic_no, c.name AS characteristic, c.method, c.sample_size, c.unit, c.lower_limit, c.upper_limit, c.expected_text
          FROM specs s JOIN items i ON i.id = s.item_id JOIN spec_characteristics c ON c.spec_id = s.id
          WHERE ${inSet('s.id', 'specs')} ORDER BY s.id, c.seq`,
  },
  {
    name: 'results',
    title: 'Test results of the lots and serials in scope, corrections included (a correction names the result it supersedes)',
    sql: `SELECT r.id, ${ref('u', 'i')} AS ref, i.part, s.version AS spec_version, c.name AS characteristic, coalesce(CAST(r.value_num AS TEXT), r.value_text) AS value, c.unit,
                 r.outcome, r.equipment, r.tested_at, r.tested_by, r.recorded_at, r.supersedes_id, r.correction_reason, n.number AS nonconformance
          FROM test_results r JOIN units u ON u.id = r.unit_id JOIN items i ON i.id = u.item_id JOIN specs s ON s.id = r.spec_id
          JOIN spec_characteristics c ON c.id = r.characteristic_id LEFT JOIN nonconformances n ON n.id = r.nc_id
          WHERE ${inSet('r.unit_id', 'units')} ORDER BY r.id`,
  },
  {
    name: 'nonconformances',
    title: 'Nonconformances of the lots and serials in scope with their investigation',
    sql: `SELECT n.number, ${ref('u', 'i')} AS ref, n.title, n.description, n.root_cause, n.disposition, n.status, n.opened_at, n.opened_by, n.closed_at, n.closed_by
          FROM nonconformances n JOIN units u ON u.id = n.unit_id JOIN items i ON i.id = u.item_id WHERE ${inSet('n.unit_id', 'units')} ORDER BY n.id`,
  },
  {
    name: 'certificates',
    title: 'Supplier certificates attached to lots in scope (the files are under certificates/)',
    sql: `SELECT ce.id, ${ref('u', 'i')} AS ref, ce.kind, ce.file_name, ce.media_type, ce.bytes, ce.sha256, ce.note, ce.attached_at, ce.attached_by
          FROM certificates ce JOIN units u ON u.id = ce.unit_id JOIN items i ON i.id = u.item_id WHERE ${inSet('ce.unit_id', 'units')} ORDER BY ce.id`,
  },
  {
    name: 'signatures',
    title: 'Electronic signatures on records in scope (lots, status decisions, batch and device history records, CoAs, specs)',
    sql: `SELECT g.id, g.record_kind, g.record_id, g.meaning, g.username, g.printed_name, g.signed_at, g.content_sha256, g.binding_sha256
          FROM signatures g WHERE
            (g.record_kind IN ('lot', 'dhr', 'coa') AND g.record_id IN (SELECT ${ref('u', 'i')} FROM units u JOIN items i ON i.id = u.item_id WHERE ${inSet('u.id', 'units')}))
            OR (g.record_kind = 'lot-decision' AND g.record_id IN (SELECT CAST(value AS TEXT) FROM json_each(@events)))
            OR (g.record_kind = 'ebr' AND g.record_id IN (SELECT number FROM work_orders WHERE ${inSet('id', 'workOrders')}))
            OR (g.record_kind = 'spec' AND g.record_id IN (SELECT i.part || '@' || s.version FROM specs s JOIN items i ON i.id = s.item_id WHERE ${inSet('s.id', 'specs')}))
          ORDER BY g.id`,
  },
  {
    name: 'campaigns',
    title: 'Recall and field-action campaigns that started from, or held, lots and serials in scope',
    sql: `SELECT c.id, c.number, c.kind, c.drill, c.title, c.reason, c.classification, c.owner, c.contain_as, c.status, c.opened_at, c.closed_at,
                 (SELECT group_concat(x.ref, '; ') FROM (SELECT ${ref('u', 'i')} AS ref FROM recall_seeds rs JOIN units u ON u.id = rs.unit_id JOIN items i ON i.id = u.item_id
                   WHERE rs.campaign_id = c.id ORDER BY u.id) x) AS seeds
          FROM recall_campaigns c WHERE ${inSet('c.id', 'campaigns')} ORDER BY c.id`,
  },
];

type Params = Record<string, string>;

const prepared = perConnection((db: Db) => {
  const map = new Map<string, { statement: Statement<[Params], Record<string, unknown>>; count: Statement<[Params], { n: number }>; params: string[] }>();
  for (const t of packageTables) {
    map.set(t.name, {
      statement: db.prepare<[Params], Record<string, unknown>>(t.sql),
      count: db.prepare<[Params], { n: number }>(`SELECT count(*) AS n FROM (${t.sql})`),
      params: [...new Set([...t.sql.matchAll(/@(\w+)/g)].map((m) => m[1] ?? ''))],
    });
  }
  return map;
});

function query(db: Db, table: PackageTable) {
  const found = prepared(db).get(table.name);
  if (!found) throw new Error(`no package table ${table.name}`);
  return found;
}

function paramsOf(names: readonly string[], scope: ResolvedScope): Params {
  const all = scope.json as unknown as Params;
  return Object.fromEntries(names.map((n) => [n, all[n] ?? '[]']));
}

export function tableColumns(db: Db, table: PackageTable): string[] {
  return query(db, table).statement.columns().map((c) => c.name);
}

export function tableRows(db: Db, table: PackageTable, scope: ResolvedScope): IterableIterator<Record<string, unknown>> {
  const q = query(db, table);
  return q.statement.iterate(paramsOf(q.params, scope));
}

export function tableCount(db: Db, table: PackageTable, scope: ResolvedScope): number {
  const q = query(db, table);
  return q.count.get(paramsOf(q.params, scope))?.n ?? 0;
}
