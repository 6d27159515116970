// The CTE rows of the FSMA 204 spreadsheet, read from the ledger in one statement and handed out one by
// one (`iterate`), so that a year of events never sits in memory. Corrected (reversed) events and voided
// lineage are left out: the spreadsheet shows what the record says happened.
import type { Database as Db } from 'better-sqlite3';
import type { UnitKind } from '../../../common/domain';
import { fromMilli } from '../../../common/quantity';
import { formatRef } from '../../../common/refs';
import { perConnection } from '../db/statements';
import { withOffset } from '../time';
import type { Cte, FsmaRow } from './columns';

export interface FsmaFilter {
  /** First and last local event date, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** Only rows whose lot (or input lot) is one of these unit ids; null for all. */
  units: readonly number[] | null;
}

interface RawRow {
  cte: 'receiving' | 'transformation' | 'shipping';
  event_id: number;
  event_time: string;
  tz_offset: string;
  doc_number: string | null;
  doc_reference: string | null;
  unit_kind: UnitKind;
  unit_code: string;
  unit_supplier_lot: string | null;
  unit_wo: number | null;
  part: string;
  description: string;
  uom: string;
  unit_supplier: string | null;
  unit_supplier_contact: string | null;
  unit_supplier_email: string | null;
  qty: number;
  party: string | null;
  party_contact: string | null;
  party_email: string | null;
  loc_name: string | null;
  loc_address: string | null;
  line: string | null;
  input_kind: UnitKind | null;
  input_code: string | null;
  input_supplier_lot: string | null;
  input_wo: number | null;
  input_part: string | null;
  input_description: string | null;
  input_uom: string | null;
  input_qty: number | null;
}

const notCorrected = (alias: string) => `NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects_event_id = ${alias}.id)`;
// Event times are stored in UTC: the SQL keeps the UTC hours that can hold a local date in the range (zones run from
// -12:00 to +14:00) and the exact local date is checked on each row, cheaper than date() with a modifier per row.
const inWindow = `e.event_time >= @lo AND e.event_time < @hi`;
const inUnits = (column: string) => `${column} IN (SELECT value FROM json_each(@units))`;
const unitColumns = `u.kind AS unit_kind, u.code AS unit_code, u.supplier_lot AS unit_supplier_lot, u.work_order_id AS unit_wo,
  it.part, it.description, it.unit AS uom, us.name AS unit_supplier, us.contact AS unit_supplier_contact, us.email AS unit_supplier_email, eu.qty`;
const unitJoins = (role: string) => `JOIN event_units eu ON eu.event_id = e.id AND eu.role = '${role}'
  JOIN units u ON u.id = eu.unit_id JOIN items it ON it.id = u.item_id LEFT JOIN suppliers us ON us.id = u.supplier_id`;
const noInput = `NULL AS input_kind, NULL AS input_code, NULL AS input_supplier_lot, NULL AS input_wo, NULL AS input_part, NULL AS input_description, NULL AS input_uom, NULL AS input_qty`;
// A work order's events belong to one transformation: a consumption scanned after the output was made still feeds it.
const sameTransformation = (alias: string) => `(${alias}.id = e.id OR (e.doc_type = 'work_order' AND ${alias}.doc_type = 'work_order' AND ${alias}.doc_id = e.doc_id))`;

export const CTE_ROWS = `
SELECT 'receiving' AS cte, e.id AS event_id, e.event_time, e.tz_offset, r.number AS doc_number, r.reference AS doc_reference, ${unitColumns},
  rs.name AS party, rs.contact AS party_contact, rs.email AS party_email, el.name AS loc_name, el.address AS loc_address, NULL AS line, ${noInput}
FROM events e ${unitJoins('object')}
  LEFT JOIN receipts r ON e.doc_type = 'receipt' AND r.id = e.doc_id
  LEFT JOIN suppliers rs ON rs.id = coalesce(r.supplier_id, u.supplier_id)
  LEFT JOIN locations el ON el.id = coalesce(e.location_id, r.location_id)
WHERE e.biz_step = 'receiving' AND (e.doc_type = 'receipt' OR e.doc_type IS NULL) AND ${inWindow} AND ${notCorrected('e')}
  AND (@units IS NULL OR ${inUnits('u.id')})
UNION ALL
SELECT 'shipping', e.id, e.event_time, e.tz_offset, sh.number, NULL, ${unitColumns},
  cu.name, NULL, NULL, sl.name, sl.address, NULL, ${noInput}
FROM events e ${unitJoins('object')}
  LEFT JOIN shipments sh ON e.doc_type = 'shipment' AND sh.id = e.doc_id
  LEFT JOIN locations sl ON sl.id = coalesce(sh.ship_to_id, e.location_id)
  LEFT JOIN customers cu ON cu.id = coalesce(sh.customer_id, sl.customer_id)
WHERE e.biz_step = 'shipping' AND (e.doc_type = 'shipment' OR e.doc_type IS NULL) AND ${inWindow} AND ${notCorrected('e')}
  AND (@units IS NULL OR ${inUnits('u.id')})
UNION ALL
SELECT 'transformation', e.id, e.event_time, e.tz_offset, wo.number, NULL, ${unitColumns},
  NULL, NULL, NULL, el.name, el.address, wo.line,
  iu.kind, iu.code, iu.supplier_lot, iu.work_order_id, ii.part, ii.description, ii.unit,
  CASE WHEN e.doc_type = 'work_order'
    -- CROSS JOIN keeps the work order's few events as the outer loop: a common input (salt, water) has thousands of events.
    THEN (SELECT sum(x.qty) FROM events xe CROSS JOIN event_units x ON x.event_id = xe.id AND x.unit_id = l.input_id AND x.role = 'input'
           WHERE xe.doc_type = 'work_order' AND xe.doc_id = e.doc_id AND ${notCorrected('xe')})
    ELSE (SELECT x.qty FROM event_units x WHERE x.event_id = e.id AND x.unit_id = l.input_id AND x.role = 'input') END
FROM events e ${unitJoins('output')}
  LEFT JOIN work_orders wo ON e.doc_type = 'work_order' AND wo.id = e.doc_id
  LEFT JOIN locations el ON el.id = e.location_id
  LEFT JOIN lineage l ON l.output_id = u.id
    AND EXISTS (SELECT 1 FROM events le WHERE le.id = l.event_id AND ${sameTransformation('le')})
    AND NOT EXISTS (SELECT 1 FROM lineage_void v WHERE v.input_id = l.input_id AND v.output_id = l.output_id AND v.event_id = l.event_id)
  LEFT JOIN units iu ON iu.id = l.input_id LEFT JOIN items ii ON ii.id = iu.item_id
WHERE e.kind = 'transformation' AND ${inWindow} AND ${notCorrected('e')}
  AND (@units IS NULL OR ${inUnits('u.id')} OR ${inUnits('l.input_id')})
GROUP BY e.id, u.id, l.input_id
ORDER BY 3, 2, 1, unit_code, input_code`;

interface Site {
  name: string;
  address: string | null;
}

const statements = perConnection((db: Db) => ({
  rows: db.prepare<[{ lo: string; hi: string; units: string | null }], RawRow>(CTE_ROWS),
  site: db.prepare<[], Site>(`SELECT name, address FROM locations WHERE kind = 'site' ORDER BY id LIMIT 1`),
}));

const CTE_NAMES: Record<RawRow['cte'], Cte> = { receiving: 'Receiving', transformation: 'Transformation', shipping: 'Shipping' };
const REFERENCE_TYPES: Record<RawRow['cte'], string> = { receiving: 'Receipt', transformation: 'Work order', shipping: 'Shipment' };

/** "Name, contact, street, city": the parts that are recorded, an address on several lines made one. */
export function describeLocation(...parts: (string | null | undefined)[]): string | null {
  const kept = parts.map((p) => (p ?? '').replace(/\s*[\r\n]+\s*/g, ', ').trim()).filter((p) => p !== '');
  return kept.length === 0 ? null : kept.join(', ');
}

/** A lot received as it came (not made here) keeps the supplier's lot code as its traceability lot code. */
function receivedAsIs(wo: number | null, supplierLot: string | null): supplierLot is string {
  return wo === null && supplierLot !== null && supplierLot !== '';
}

export function toFsmaRow(raw: RawRow, site: Site | undefined): FsmaRow {
  const local = withOffset(raw.event_time, raw.tz_offset).slice(0, 19);
  const siteText = site === undefined ? null : describeLocation(site.name, site.address);
  const location = describeLocation(raw.loc_name, raw.loc_address);
  const supplierLot = receivedAsIs(raw.unit_wo, raw.unit_supplier_lot);
  const tlcSource = raw.unit_wo === null && raw.unit_supplier !== null ? describeLocation(raw.unit_supplier, raw.unit_supplier_contact, raw.unit_supplier_email) : siteText;
  const hasInput = raw.input_code !== null && raw.input_kind !== null && raw.input_part !== null;
  return {
    cte: CTE_NAMES[raw.cte],
    eventDate: local.slice(0, 10),
    tlc: supplierLot ? (raw.unit_supplier_lot as string) : raw.unit_code,
    product: raw.description,
    quantity: Number(fromMilli(raw.qty)),
    uom: raw.uom,
    tlcSource,
    shipFrom: raw.cte === 'shipping' ? siteText : raw.cte === 'receiving' ? describeLocation(raw.party, raw.party_contact, raw.party_email) : null,
    shipTo: raw.cte === 'shipping' ? describeLocation(raw.party, raw.loc_name, raw.loc_address) : null,
    receivingLocation: raw.cte === 'receiving' ? (location ?? siteText) : null,
    transformationLocation: raw.cte === 'transformation' ? describeLocation(location ?? siteText, raw.line === null ? null : `line ${raw.line}`) : null,
    inputTlc: hasInput ? (receivedAsIs(raw.input_wo, raw.input_supplier_lot) ? raw.input_supplier_lot : raw.input_code) : null,
    inputProduct: hasInput ? raw.input_description : null,
    inputQuantity: hasInput && raw.input_qty !== null ? Number(fromMilli(raw.input_qty)) : null,
    inputUom: hasInput ? raw.input_uom : null,
    referenceType: raw.doc_number === null ? null : REFERENCE_TYPES[raw.cte],
    referenceNumber: raw.doc_number,
    lotlineRef: formatRef(raw.unit_kind, raw.part, raw.unit_code),
    inputLotlineRef: hasInput ? formatRef(raw.input_kind as UnitKind, raw.input_part as string, raw.input_code as string) : null,
    eventTime: local,
    utcOffset: raw.tz_offset,
    eventId: raw.event_id,
    supplierReference: raw.cte === 'receiving' ? raw.doc_reference : null,
  };
}

/** The rows in event-time order, read as they are written out. */
export function* fsmaRows(db: Db, filter: FsmaFilter): Generator<FsmaRow> {
  const s = statements(db);
  const site = s.site.get();
  const units = filter.units === null ? null : JSON.stringify(filter.units);
  const hour = 3_600_000;
  const lo = new Date(Date.parse(`${filter.from}T00:00:00Z`) - 14 * hour).toISOString();
  const hi = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 36 * hour).toISOString();
  for (const raw of s.rows.iterate({ lo, hi, units })) {
    const row = toFsmaRow(raw, site);
    if (row.eventDate >= filter.from && row.eventDate <= filter.to) yield row;
  }
}
