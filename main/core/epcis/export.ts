// EPCIS 2.0 export: ledger events as one JSON-LD document, written event by event (memory stays flat).
// Each eventID is the CBV event hash of the event as written. Lots and serials are named by GS1 Digital
// Link when their item has a GTIN, SSCCs as AI 00, anything else by Lotline's private URNs (see
// identifiers.ts). Events that came from an EPCIS document get back the fields Lotline does not model.
// A correction (an event that corrects another) is written the EPCIS way: the corrected event again,
// with an errorDeclaration.
import type { Database as Db } from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { EpcisExportResult } from '../../../common/api/epcis';
import { fromMilli } from '../../../common/quantity';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { walk } from '../trace/walk';
import { resolveRef } from '../units/rows';
import { eventHash, STANDARD_PREFIXES } from './hash';
import { documentUri, locationUri, unitUri } from './identifiers';
import { uomOfUnit } from './placeholders';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export const LOTLINE_NAMESPACE = 'https://lotline.app/ns/epcis/';
export const EXPORT_CONTEXT: Json = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { lotline: LOTLINE_NAMESPACE }];
const PREFIXES: ReadonlyMap<string, string> = new Map([...STANDARD_PREFIXES, ['lotline', LOTLINE_NAMESPACE]]);
/** Trace depth for `--lot`: far enough for any real genealogy. */
const TRACE_DEPTH = 1000;

interface EventRow {
  id: number;
  kind: 'object' | 'aggregation' | 'transformation';
  action: 'ADD' | 'OBSERVE' | 'DELETE';
  biz_step: string;
  disposition: string | null;
  event_time: string;
  tz_offset: string;
  reason: string | null;
  status_to: string | null;
  corrects_event_id: number | null;
  doc_type: string | null;
  doc_number: string | null;
  location_code: string | null;
  location_name: string | null;
  extra: string | null;
}

interface UnitRow {
  role: 'input' | 'output' | 'object' | 'parent' | 'child';
  qty: number;
  kind: 'lot' | 'serial';
  code: string;
  part: string;
  gtin: string | null;
  unit: string;
  expires_at: string | null;
  first_event: number;
}

const EVENT_SELECT = `
  SELECT e.id, e.kind, e.action, e.biz_step, e.disposition, e.event_time, e.tz_offset, e.reason, e.status_to, e.corrects_event_id, e.doc_type,
    CASE e.doc_type
      WHEN 'receipt' THEN (SELECT number FROM receipts WHERE id = e.doc_id)
      WHEN 'work_order' THEN (SELECT number FROM work_orders WHERE id = e.doc_id)
      WHEN 'shipment' THEN (SELECT number FROM shipments WHERE id = e.doc_id)
      WHEN 'service' THEN (SELECT number FROM service_events WHERE id = e.doc_id)
    END AS doc_number,
    l.code AS location_code, l.name AS location_name, x.extra
  FROM events e LEFT JOIN locations l ON l.id = e.location_id LEFT JOIN epcis_events x ON x.event_id = e.id`;

const statements = perConnection((db: Db) => ({
  events: db.prepare<[{ from: string | null; to: string | null; units: string | null }], EventRow>(
    `${EVENT_SELECT}
     WHERE (@from IS NULL OR e.event_time >= @from) AND (@to IS NULL OR e.event_time <= @to)
       AND (@units IS NULL OR e.id IN (SELECT eu.event_id FROM event_units eu WHERE eu.unit_id IN (SELECT value FROM json_each(@units))))
     ORDER BY e.id`,
  ),
  byId: db.prepare<[number], EventRow>(`${EVENT_SELECT} WHERE e.id = ?`),
  byIds: db.prepare<[string], EventRow>(`${EVENT_SELECT} WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id`),
  units: db.prepare<[number], UnitRow>(
    `SELECT eu.role, eu.qty, u.kind, u.code, i.part, i.gtin, i.unit, u.expires_at,
            (SELECT min(f.event_id) FROM event_units f WHERE f.unit_id = u.id) AS first_event
       FROM event_units eu JOIN units u ON u.id = eu.unit_id JOIN items i ON i.id = u.item_id
      WHERE eu.event_id = ?`,
  ),
}));

const EVENT_TYPE = { object: 'ObjectEvent', aggregation: 'AggregationEvent', transformation: 'TransformationEvent' } as const;
const DOCUMENT_TYPE: Record<string, string> = { receipt: 'recadv', work_order: 'prodorder', shipment: 'desadv', service: 'rma' };

/** `2026-03-01T08:30:00.250+01:00`: the instant shown in the zone it happened in, milliseconds kept. */
export function localTime(utc: string, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const shifted = new Date(Date.parse(utc) + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000).toISOString();
  const ms = shifted.slice(19, 23);
  return `${shifted.slice(0, 19)}${ms === '.000' ? '' : ms}${offset}`;
}

function quantityElement(u: UnitRow): Json {
  const element: Record<string, Json> = { epcClass: unitUri(u) };
  if (u.qty !== 0) element.quantity = Number(fromMilli(u.qty));
  const uom = uomOfUnit(u.unit);
  if (u.qty !== 0 && uom !== undefined) element.uom = uom;
  return element;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The EPCIS form of one ledger event (without eventID). */
function epcisEvent(db: Db, row: EventRow): Record<string, Json> {
  const extra = row.extra === null ? {} : (JSON.parse(row.extra) as Record<string, Json>);
  const units = statements(db).units.all(row.id);
  const serials = (roles: readonly UnitRow['role'][]) =>
    units.filter((u) => roles.includes(u.role) && u.kind === 'serial').map((u) => unitUri(u)).sort(byText);
  const lots = (roles: readonly UnitRow['role'][]) =>
    units
      .filter((u) => roles.includes(u.role) && u.kind === 'lot')
      .map(quantityElement)
      .sort((a, b) => byText(JSON.stringify(a), JSON.stringify(b)));
  const out: Record<string, Json> = { type: EVENT_TYPE[row.kind], eventTime: localTime(row.event_time, row.tz_offset), eventTimeZoneOffset: row.tz_offset };
  const put = (key: string, value: Json[]) => {
    if (value.length > 0) out[key] = value;
  };
  if (row.kind === 'object') {
    put('epcList', serials(['object', 'input', 'output']));
    put('quantityList', lots(['object', 'input', 'output']));
    if (out.epcList === undefined && out.quantityList === undefined) out.epcList = [];
  } else if (row.kind === 'aggregation') {
    const parent = units.find((u) => u.role === 'parent');
    if (parent) out.parentID = unitUri(parent);
    put('childEPCs', serials(['child']));
    put('childQuantityList', lots(['child']));
  } else {
    put('inputEPCList', serials(['input']));
    put('inputQuantityList', lots(['input']));
    put('outputEPCList', serials(['output']));
    put('outputQuantityList', lots(['output']));
    // The work order ties its consumptions and productions together (a consumption alone has no outputs, which EPCIS allows only with a transformationID).
    if (row.extra === null && row.doc_type === 'work_order' && row.doc_number !== null) out.transformationID = documentUri(row.doc_type, row.doc_number);
  }
  if (row.kind !== 'transformation') out.action = row.action;
  if (row.biz_step !== '') out.bizStep = row.biz_step;
  if (row.disposition !== null) out.disposition = row.disposition;
  const readPointIsLocation = extra['lotline:locationIsReadPoint'] === true;
  delete extra['lotline:locationIsReadPoint'];
  if (row.location_code !== null) out[readPointIsLocation ? 'readPoint' : 'bizLocation'] = { id: locationUri(row.location_code, row.location_name ?? '') };
  if (row.extra === null) {
    // A Lotline event: its document and the expiry of the lots and serials it created.
    const type = row.doc_type === null ? undefined : DOCUMENT_TYPE[row.doc_type];
    if (type !== undefined && row.doc_number !== null) out.bizTransactionList = [{ type, bizTransaction: documentUri(row.doc_type ?? '', row.doc_number) }];
    const createsIlmd = row.kind === 'transformation' || (row.kind === 'object' && row.action === 'ADD');
    const created = units.filter((u) => u.first_event === row.id && (u.role === 'object' || u.role === 'output'));
    const expiries = new Set(created.map((u) => u.expires_at));
    const [expiry] = [...expiries];
    if (createsIlmd && created.length > 0 && expiries.size === 1 && typeof expiry === 'string') out.ilmd = { 'cbvmda:itemExpirationDate': expiry };
  }
  if (row.reason !== null) out['lotline:reason'] = row.reason;
  if (row.status_to !== null) out['lotline:statusTo'] = row.status_to;
  return { ...out, ...extra };
}

/** A ledger event as written: the event with its hash as eventID, or for a correction the corrected event with an errorDeclaration. */
export function exportEvent(db: Db, row: EventRow): Record<string, Json> {
  if (row.corrects_event_id !== null) {
    const corrected = statements(db).byId.get(row.corrects_event_id);
    if (corrected) {
      const event = exportEvent(db, corrected);
      const extra = row.extra === null ? {} : (JSON.parse(row.extra) as Record<string, Json>);
      const declaration: Record<string, Json> = { declarationTime: localTime(row.event_time, row.tz_offset), reason: 'incorrect_data', ...extra };
      if (row.reason !== null && row.reason !== declaration.reason) declaration['lotline:reason'] = row.reason;
      const { type, eventTime, eventTimeZoneOffset, eventID, ...rest } = event;
      return { type: type ?? null, eventTime: eventTime ?? null, eventTimeZoneOffset: eventTimeZoneOffset ?? null, eventID: eventID ?? null, errorDeclaration: declaration, ...rest };
    }
  }
  const event = epcisEvent(db, row);
  const { type, eventTime, eventTimeZoneOffset, ...rest } = event;
  return { type: type ?? null, eventTime: eventTime ?? null, eventTimeZoneOffset: eventTimeZoneOffset ?? null, eventID: eventHash(event, PREFIXES), ...rest };
}

/** The units of the lots' backward and forward trace (the lots themselves included). */
function traceUnits(db: Db, refs: readonly string[]): number[] {
  const roots = refs.map((r) => resolveRef(db, r).id);
  const ids = new Set<number>(roots);
  for (const direction of ['backward', 'forward'] as const) for (const id of walk(db, roots, direction, TRACE_DEPTH).depths.keys()) ids.add(id);
  return [...ids];
}

export interface EpcisFilter {
  from?: string | undefined;
  to?: string | undefined;
  /** Lots or serials whose backward and forward trace the events are limited to. */
  lots?: readonly string[] | undefined;
  /** Or the events themselves (an audit package's scope, already traced): the other filters are then not used. */
  eventIds?: readonly number[] | undefined;
}

/** The document piece by piece, as a generator (an audit package streams it into its zip); returns the number of events. */
export function* epcisChunks(core: Core, filter: EpcisFilter): Generator<string, number> {
  const db = core.db;
  const units = filter.eventIds === undefined && filter.lots && filter.lots.length > 0 ? JSON.stringify(traceUnits(db, filter.lots)) : null;
  const header = { '@context': EXPORT_CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: core.now().toISOString() };
  yield `${JSON.stringify(header).slice(0, -1)},"epcisBody":{"eventList":[`;
  let n = 0;
  const range = {
    from: filter.from === undefined ? null : new Date(filter.from).toISOString(),
    to: filter.to === undefined ? null : new Date(filter.to).toISOString(),
    units,
  };
  const rows = filter.eventIds !== undefined ? statements(db).byIds.iterate(JSON.stringify(filter.eventIds)) : statements(db).events.iterate(range);
  for (const row of rows) {
    yield `${n > 0 ? ',' : ''}\n${JSON.stringify(exportEvent(db, row))}`;
    n++;
  }
  yield '\n]}}\n';
  return n;
}

/** Writes the document to `sink` piece by piece; returns the number of events. */
export function writeEpcis(core: Core, filter: EpcisFilter, sink: (text: string) => void): number {
  const chunks = epcisChunks(core, filter);
  for (;;) {
    const next = chunks.next();
    if (next.done) return next.value;
    sink(next.value);
  }
}

export function exportEpcis(core: Core, input: { from?: string | undefined; to?: string | undefined; lots?: string[] | undefined; file?: string | undefined }): EpcisExportResult {
  if (input.file === undefined) {
    const parts: string[] = [];
    const events = writeEpcis(core, input, (t) => parts.push(t));
    return { events, file: null, document: parts.join('') };
  }
  const fd = openSync(input.file, 'w');
  try {
    let buffer = '';
    const events = writeEpcis(core, input, (t) => {
      buffer += t;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    });
    writeSync(fd, buffer);
    return { events, file: input.file, document: null };
  } finally {
    closeSync(fd);
  }
}
