// The append-only event ledger: every receipt, consumption, production, shipment, status change and
// service event is one EPCIS-shaped event, written with its lineage edges and audited in one go.
import type { Database as Db } from 'better-sqlite3';
import type { EventUnit, LedgerEvent, UnitStatus } from '../../../common/domain';
import { fromMilli } from '../../../common/quantity';
import { inKeyOrder } from '../audit/canonical';
import { auditEvent } from '../audit/trail';
import type { UnitMove } from '../audit/trail';
import type { Core } from '../context';
import { hasExactlyColumns, perConnection } from '../db/statements';
import { withOffset } from '../time';
import type { EventTime } from '../time';

export type DocType = 'receipt' | 'work_order' | 'shipment' | 'service' | 'status' | 'correction';

export interface NewEvent {
  kind: LedgerEvent['kind'];
  action: LedgerEvent['action'];
  bizStep: string;
  disposition?: string | null;
  time: EventTime;
  locationId?: number | null;
  document?: { type: DocType; id: number } | null;
  reason?: string | null;
  statusTo?: UnitStatus | null;
  corrects?: number | null;
  units: { unitId: number; role: EventUnit['role']; qty: number }[];
  /** Lineage edges, input → output. */
  edges?: readonly (readonly [number, number])[];
  /** Existing edges (input, output, event) this event takes out of trace. */
  voids?: readonly { input_id: number; output_id: number; event_id: number }[];
  /** The stock this event moved (`moveQuantity`), recorded in its trail row. */
  moves?: readonly UnitMove[];
}

interface EventRow {
  id: number;
  kind: LedgerEvent['kind'];
  action: LedgerEvent['action'];
  biz_step: string;
  disposition: string | null;
  event_time: string;
  tz_offset: string;
  location_code: string | null;
  actor: string;
  doc_type: DocType | null;
  doc_number: string | null;
  reason: string | null;
  status_to: UnitStatus | null;
  corrects_event_id: number | null;
}

const EVENT_SELECT = `
  SELECT e.*, l.code AS location_code,
    CASE e.doc_type
      WHEN 'receipt' THEN (SELECT number FROM receipts WHERE id = e.doc_id)
      WHEN 'work_order' THEN (SELECT number FROM work_orders WHERE id = e.doc_id)
      WHEN 'shipment' THEN (SELECT number FROM shipments WHERE id = e.doc_id)
      WHEN 'service' THEN (SELECT number FROM service_events WHERE id = e.doc_id)
      WHEN 'correction' THEN 'event ' || e.doc_id
    END AS doc_number
  FROM events e LEFT JOIN locations l ON l.id = e.location_id`;

const EVENT_INSERT = `INSERT INTO events (kind, action, biz_step, disposition, event_time, tz_offset, location_id, actor, doc_type, doc_id, reason, status_to, corrects_event_id, recorded_at)
     VALUES (@kind, @action, @biz_step, @disposition, @event_time, @tz_offset, @location_id, @actor, @doc_type, @doc_id, @reason, @status_to, @corrects_event_id, @recorded_at)`;
export const EVENT_COLUMNS = ['id', 'kind', 'action', 'biz_step', 'disposition', 'event_time', 'tz_offset', 'location_id', 'actor', 'doc_type', 'doc_id', 'reason', 'status_to', 'corrects_event_id', 'recorded_at'];
/** The keys of an event's audit snapshot, in canonical order, while the table has only EVENT_COLUMNS. */
export const EVENT_SNAPSHOT_KEYS = [...EVENT_COLUMNS, 'units', 'lineage', 'voided'].sort();

const statements = perConnection((db: Db) => ({
  // RETURNING hands back the row as stored: with what the ledger wrote beside it, it is the event's audit snapshot.
  insert: db.prepare<[Record<string, unknown>], Record<string, unknown> & { id: number }>(`${EVENT_INSERT} RETURNING *`),
  // While the table has only the columns written here, the row as stored is the values bound and the rowid.
  insertPlain: hasExactlyColumns(db, 'events', EVENT_COLUMNS) ? db.prepare<[Record<string, unknown>]>(EVENT_INSERT) : undefined,
  insertUnit: db.prepare('INSERT INTO event_units (event_id, unit_id, role, qty) VALUES (?, ?, ?, ?)'),
  insertEdge: db.prepare('INSERT OR IGNORE INTO lineage (input_id, output_id, event_id) VALUES (?, ?, ?)'),
  insertVoid: db.prepare('INSERT OR IGNORE INTO lineage_void (input_id, output_id, event_id, void_event_id) VALUES (?, ?, ?, ?)'),
  byId: db.prepare<[number], EventRow>(`${EVENT_SELECT} WHERE e.id = ?`),
  byUnit: db.prepare<[number], EventRow>(`${EVENT_SELECT} WHERE e.id IN (SELECT event_id FROM event_units WHERE unit_id = ?) ORDER BY e.event_time, e.id`),
  unitsOf: db.prepare<[number], { ref: string; role: EventUnit['role']; qty: number }>(
    `SELECT i.part || CASE u.kind WHEN 'lot' THEN ':' ELSE '#' END || u.code AS ref, eu.role, eu.qty
       FROM event_units eu JOIN units u ON u.id = eu.unit_id JOIN items i ON i.id = u.item_id
      WHERE eu.event_id = ? ORDER BY eu.role, ref`,
  ),
}));

export function appendEvent(core: Core, e: NewEvent): number {
  return appendEventWritten(core, e).id;
}

/** `appendEvent`, handing back the row as written too (see `writeEvent`), for a caller that answers with the event. */
export function appendEventWritten(core: Core, e: NewEvent): ReturnType<typeof writeEvent> {
  const written = writeEvent(core, e);
  auditEvent(core, written.id, written.snapshot, e.reason ?? null, e.moves ?? []);
  return written;
}

/** The row an event is stored as (all its columns but `id`); `at` is when it is recorded (now, unless a caller recording many at one moment gives it). */
export function eventValues(core: Core, e: NewEvent, at = core.now().toISOString()) {
  return {
    kind: e.kind,
    action: e.action,
    biz_step: e.bizStep,
    disposition: e.disposition ?? null,
    event_time: e.time.utc,
    tz_offset: e.time.offset,
    location_id: e.locationId ?? null,
    actor: core.actor,
    doc_type: e.document?.type ?? null,
    doc_id: e.document?.id ?? null,
    reason: e.reason ?? null,
    status_to: e.statusTo ?? null,
    corrects_event_id: e.corrects ?? null,
    recorded_at: at,
  };
}

/** The event's unit rows: the same unit twice in one role (a component given twice) is one row with the total, by unit and role. */
export function eventUnitRows(e: NewEvent): { unitId: number; role: EventUnit['role']; qty: number }[] {
  const merged = new Map<string, { unitId: number; role: EventUnit['role']; qty: number }>();
  for (const u of e.units) {
    const key = `${u.unitId}:${u.role}`;
    const seen = merged.get(key);
    if (seen) seen.qty += u.qty;
    else merged.set(key, { ...u });
  }
  return [...merged.values()].sort((a, b) => a.unitId - b.unitId || compareText(a.role, b.role));
}

/**
 * The snapshot the `events` entity query would read back (see audit/entities.ts): units by id and role,
 * the edges written that touch the event's inputs or outputs, voids, all in that query's order.
 */
export function eventSnapshot(
  row: Record<string, unknown> & { id: number },
  units: readonly { unitId: number; role: EventUnit['role']; qty: number }[],
  edges: Iterable<[number, number]>,
  voided: [number, number, number][],
): Record<string, unknown> & { id: number } {
  return { ...row, ...eventLinks(units, edges, voided) };
}

/** What an event's snapshot holds beside its row (see eventSnapshot). */
export function eventLinks(
  units: readonly { unitId: number; role: EventUnit['role']; qty: number }[],
  edges: Iterable<[number, number]>,
  voided: [number, number, number][],
): { units: [number, EventUnit['role'], number][]; lineage: [number, number][]; voided: [number, number, number][] } {
  const inputs = new Set<number>();
  const outputs = new Set<number>();
  for (const u of units) {
    if (u.role === 'input') inputs.add(u.unitId);
    else if (u.role === 'output' || u.role === 'child') outputs.add(u.unitId);
  }
  return {
    units: units.map((u) => [u.unitId, u.role, u.qty]),
    lineage: [...edges].filter(([i, o]) => inputs.has(i) || outputs.has(o)).sort(byColumns),
    voided: voided.sort(byColumns),
  };
}

/**
 * Writes the event, its units, edges and voids, and hands back its audit snapshot (what the `events`
 * entity query would read back) for a caller that audits many events in one trail row (an import).
 */
export function writeEvent(core: Core, e: NewEvent): { id: number; snapshot: Record<string, unknown> & { id: number } } {
  const s = statements(core.db);
  const values = eventValues(core, e);
  const row = s.insertPlain ? { id: Number(s.insertPlain.run(values).lastInsertRowid), ...values } : s.insert.get(values);
  if (row === undefined) throw new Error('ledger: the event insert returned no row');
  const id = row.id;
  const units = eventUnitRows(e);
  for (const u of units) s.insertUnit.run(id, u.unitId, u.role, u.qty);
  const edges = new Map<string, [number, number]>();
  for (const [input, output] of e.edges ?? []) if (s.insertEdge.run(input, output, id).changes > 0) edges.set(`${input}:${output}`, [input, output]);
  const voided: [number, number, number][] = [];
  for (const v of e.voids ?? []) if (s.insertVoid.run(v.input_id, v.output_id, v.event_id, id).changes > 0) voided.push([v.input_id, v.output_id, v.event_id]);
  const snapshot = eventSnapshot(row, units, edges.values(), voided);
  return { id, snapshot: s.insertPlain ? inKeyOrder(snapshot, EVENT_SNAPSHOT_KEYS) : snapshot };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byColumns(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

function toEvent(db: Db, row: EventRow): LedgerEvent {
  return ledgerEvent(
    row,
    statements(db)
      .unitsOf.all(row.id)
      .map((u) => ({ ref: u.ref, role: u.role, quantity: fromMilli(u.qty) })),
  );
}

/**
 * The event as `eventById` would read it back, from what `appendEventWritten` wrote, the names of its location and
 * document, and its units in the order read back (by role, then ref): for a writer that answers with the event.
 */
export function writtenEvent(written: ReturnType<typeof writeEvent>, names: { location: string | null; document: string | null }, units: LedgerEvent['units']): LedgerEvent {
  const row = written.snapshot as unknown as Omit<EventRow, 'location_code' | 'doc_number'>;
  return ledgerEvent({ ...row, location_code: names.location, doc_number: names.document }, units);
}

function ledgerEvent(row: EventRow, units: LedgerEvent['units']): LedgerEvent {
  return {
    id: row.id,
    kind: row.kind,
    action: row.action,
    bizStep: row.biz_step,
    disposition: row.disposition,
    eventTime: withOffset(row.event_time, row.tz_offset),
    tzOffset: row.tz_offset,
    location: row.location_code,
    actor: row.actor,
    document: row.doc_type && row.doc_number ? { type: row.doc_type, number: row.doc_number } : null,
    reason: row.reason,
    statusTo: row.status_to,
    corrects: row.corrects_event_id,
    units,
  };
}

export function eventById(db: Db, id: number): LedgerEvent | undefined {
  const row = statements(db).byId.get(id);
  return row ? toEvent(db, row) : undefined;
}

export function eventsOfUnit(db: Db, unitId: number): LedgerEvent[] {
  return statements(db)
    .byUnit.all(unitId)
    .map((row) => toEvent(db, row));
}
