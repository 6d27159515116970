// What a label prints, read from the trace database: the lot or serial with its item, supplier and dates, or for a
// shipping label the SSCC with the site and the shipment's ship-to. Dates are the local dates where they happened.
import type { Database as Db } from 'better-sqlite3';
import { LotlineError } from '../../../common/errors';
import { parseGs1 } from '../../../common/gs1';
import type { LabelData } from '../../../common/labels/data';
import { fromMilli } from '../../../common/quantity';
import { perConnection } from '../db/statements';
import { withOffset } from '../time';
import { resolveRef, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';

interface PlaceRow {
  name: string;
  address: string | null;
}

interface ShipmentRow {
  number: string;
  ship_date: string;
  carrier: string | null;
  customer_name: string;
  ship_to_name: string;
  ship_to_address: string | null;
}

const statements = perConnection((db: Db) => ({
  firstEventOffset: db.prepare<[number], { tz_offset: string }>(
    'SELECT e.tz_offset FROM event_units eu JOIN events e ON e.id = eu.event_id WHERE eu.unit_id = ? ORDER BY eu.event_id LIMIT 1',
  ),
  receivedAt: db.prepare<[number], { received_at: string }>('SELECT received_at FROM receipts WHERE id = ?'),
  supplier: db.prepare<[number], { code: string; name: string }>('SELECT code, name FROM suppliers WHERE id = ?'),
  workOrderNumber: db.prepare<[number], { number: string }>('SELECT number FROM work_orders WHERE id = ?'),
  site: db.prepare<[], PlaceRow>("SELECT name, address FROM locations WHERE kind = 'site' ORDER BY id LIMIT 1"),
  shipment: db.prepare<[string], ShipmentRow>(
    `SELECT s.number, s.ship_date, s.carrier, c.name AS customer_name, l.name AS ship_to_name, l.address AS ship_to_address
     FROM shipments s JOIN customers c ON c.id = s.customer_id JOIN locations l ON l.id = s.ship_to_id WHERE s.number = ?`,
  ),
}));

const some = <T>(v: T | null | undefined): T | undefined => (v === null || v === '' ? undefined : v);

/** The unit's data, for a lot or serial label. */
export function unitLabelData(db: Db, row: UnitRow): LabelData {
  const s = statements(db);
  const offset = s.firstEventOffset.get(row.id)?.tz_offset ?? '+00:00';
  const localDate = (utc: string | null): string | undefined => (utc === null ? undefined : utc.length <= 10 ? utc : withOffset(utc, offset).slice(0, 10));
  const item = { part: row.part, description: row.description, gtin: some(row.gtin), unit: row.uom };
  const supplier = row.supplier_id === null ? undefined : s.supplier.get(row.supplier_id);
  const received = row.receipt_id === null ? undefined : s.receivedAt.get(row.receipt_id)?.received_at;
  if (row.kind === 'lot') {
    return {
      item,
      lot: {
        code: row.code,
        ref: unitRef(row),
        supplierLot: some(row.supplier_lot),
        received: received === undefined ? undefined : localDate(received),
        quantity: fromMilli(row.qty_initial),
        unit: row.uom,
        produced: localDate(row.produced_at),
        expiry: some(row.expires_at),
      },
      ...(supplier ? { supplier } : {}),
    };
  }
  const workOrder = row.work_order_id === null ? undefined : s.workOrderNumber.get(row.work_order_id)?.number;
  return {
    item,
    serial: { code: row.code, ref: unitRef(row), lot: workOrder, produced: localDate(row.produced_at), expiry: some(row.expires_at) },
    ...(supplier ? { supplier } : {}),
  };
}

/** A lot or serial label's data from its reference; the label's subject must match what the reference names. */
export function labelDataForRef(db: Db, ref: string, subject: 'lot' | 'serial', template: string): LabelData {
  const row = resolveRef(db, ref);
  if (row.kind !== subject) {
    throw new LotlineError('VALIDATION', `${template}: labels a ${subject}, but ${ref} names ${unitName(row).replace(/^\w/, (c) => c.toLowerCase())}`);
  }
  return unitLabelData(db, row);
}

/** The SSCC from 18 digits or any GS1 form carrying AI 00, its check digit checked. */
export function parseSscc(text: string): string {
  const t = text.trim();
  const parsed = parseGs1(/^\d{18}$/.test(t) ? `(00)${t}` : t);
  if (!parsed.ok) throw new LotlineError('VALIDATION', `"${t}" is not an SSCC: ${parsed.error}`);
  const sscc = parsed.elements.find((e) => e.ai === '00');
  if (!sscc) throw new LotlineError('VALIDATION', `"${t}" carries no SSCC (AI 00)`);
  return sscc.value;
}

export interface ShippingLabelInput {
  sscc: string;
  /** The shipment the case or pallet goes on: its ship-to, customer, date and carrier. */
  shipment?: string | undefined;
  /** The ship-to when there is no shipment: a name, then address lines. */
  shipTo?: { name: string; address?: string | undefined } | undefined;
}

/** A shipping label's data: the SSCC, the site as ship-from, and the ship-to from the shipment or as given. */
export function shippingLabelData(db: Db, input: ShippingLabelInput): LabelData {
  const s = statements(db);
  const code = parseSscc(input.sscc);
  const site = s.site.get();
  const data: LabelData = { sscc: { code }, ...(site ? { shipFrom: { name: site.name, address: some(site.address) } } : {}) };
  if (input.shipment !== undefined) {
    const row = s.shipment.get(input.shipment);
    if (!row) throw new LotlineError('NOT_FOUND', `There is no shipment ${input.shipment}`);
    data.shipment = { number: row.number, date: row.ship_date.slice(0, 10), carrier: some(row.carrier), customer: row.customer_name };
    data.shipTo = { name: row.ship_to_name, address: some(row.ship_to_address) };
  }
  if (input.shipTo) data.shipTo = { name: input.shipTo.name, address: some(input.shipTo.address) };
  return data;
}
