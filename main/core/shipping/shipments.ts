// Shipments: lots (with quantities) and serials sent to a customer's ship-to location, in one event.
import type { Database as Db } from 'better-sqlite3';
import type { Shipment } from '../../../common/api/shipping';
import { LotlineError } from '../../../common/errors';
import { fromMilli, QTY_SCALE } from '../../../common/quantity';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { appendEvent } from '../events/ledger';
import { locationByCode } from '../masterdata/locations';
import { partyByCode } from '../masterdata/parties';
import { nextDocumentNumber } from '../numbering/patterns';
import { eventTime } from '../time';
import { resolveRef, unitName, unitRef } from '../units/rows';
import { assertUsable } from '../units/status';
import { moveQuantity } from '../units/write';

interface ShipmentRow {
  id: number;
  number: string;
  ship_date: string;
  carrier: string | null;
  customer: string;
  customer_name: string;
  ship_to: string;
  ship_to_name: string;
}

const SHIPMENT_SELECT = `SELECT s.id, s.number, s.ship_date, s.carrier, c.code AS customer, c.name AS customer_name, l.code AS ship_to, l.name AS ship_to_name
  FROM shipments s JOIN customers c ON c.id = s.customer_id JOIN locations l ON l.id = s.ship_to_id`;

const statements = perConnection((db: Db) => ({
  numberTaken: db.prepare<[string], { id: number }>('SELECT id FROM shipments WHERE number = ?'),
  insert: db.prepare('INSERT INTO shipments (number, customer_id, ship_to_id, ship_date, carrier, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
  insertLine: db.prepare('INSERT INTO shipment_lines (shipment_id, unit_id, qty) VALUES (?, ?, ?)'),
  byNumber: db.prepare<[string], ShipmentRow>(`${SHIPMENT_SELECT} WHERE s.number = ?`),
  list: db.prepare<[{ customer: string | null; limit: number }], ShipmentRow>(`${SHIPMENT_SELECT} WHERE (@customer IS NULL OR c.code = @customer) ORDER BY s.ship_date DESC, s.id DESC LIMIT @limit`),
  lines: db.prepare<[number], { part: string; description: string; kind: 'lot' | 'serial'; code: string; qty: number; unit: string }>(
    `SELECT i.part, i.description, u.kind, u.code, sl.qty, i.unit
       FROM shipment_lines sl JOIN units u ON u.id = sl.unit_id JOIN items i ON i.id = u.item_id
      WHERE sl.shipment_id = ? ORDER BY sl.id`,
  ),
}));

export function ship(
  core: Core,
  input: { number?: string | undefined; customer: string; shipTo: string; shipDate?: string | undefined; carrier?: string | undefined; lines: { ref: string; quantity?: number | undefined }[] },
): Shipment {
  const s = statements(core.db);
  const customer = partyByCode(core.db, 'customers', input.customer);
  const shipTo = locationByCode(core.db, input.shipTo);
  if (shipTo.kind !== 'ship_to' || shipTo.customer_id !== customer.id) {
    throw new LotlineError('VALIDATION', `shipTo: location ${shipTo.code} is not a ship-to address of customer ${customer.code}`);
  }
  if (input.number !== undefined && s.numberTaken.get(input.number)) throw new LotlineError('CONFLICT', `Shipment ${input.number} already exists`);
  const time = eventTime(input.shipDate, core.now());
  const number = input.number ?? nextDocumentNumber(core.db, 'shipment', new Date(time.utc), (n) => s.numberTaken.get(n) !== undefined);
  const shipmentId = Number(s.insert.run(number, customer.id, shipTo.id, time.utc, input.carrier ?? null, core.now().toISOString()).lastInsertRowid);

  const today = time.utc.slice(0, 10);
  const seen = new Set<number>();
  const lines = input.lines.map((line, index) => {
    const unit = resolveRef(core.db, line.ref);
    if (seen.has(unit.id)) throw new LotlineError('VALIDATION', `lines[${index}].ref: ${unitName(unit)} is on the shipment twice; give one line with the total`);
    seen.add(unit.id);
    const qty = unit.kind === 'serial' ? QTY_SCALE : line.quantity;
    if (qty === undefined) throw new LotlineError('VALIDATION', `lines[${index}].quantity: say how much of ${unitName(unit)} ships (${fromMilli(unit.qty_on_hand)} ${unit.uom} on hand)`);
    assertUsable(unit, 'shipped', qty, today);
    moveQuantity(core, unit, { onHand: -qty, emptiedAs: 'shipped' }, `shipped on ${number}`);
    s.insertLine.run(shipmentId, unit.id, qty);
    return { unitId: unit.id, qty };
  });
  auditCreate(core, 'shipments', shipmentId);
  appendEvent(core, {
    kind: 'object',
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    time,
    locationId: shipTo.id,
    document: { type: 'shipment', id: shipmentId },
    units: lines.map((l) => ({ unitId: l.unitId, role: 'object' as const, qty: l.qty })),
  });
  return shipmentDetail(core.db, number);
}

function toShipment(row: ShipmentRow): Omit<Shipment, 'lines'> {
  return {
    number: row.number,
    customer: row.customer,
    customerName: row.customer_name,
    shipTo: row.ship_to,
    shipToName: row.ship_to_name,
    shipDate: row.ship_date,
    carrier: row.carrier,
  };
}

export function shipmentDetail(db: Db, number: string): Shipment {
  const row = statements(db).byNumber.get(number);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no shipment ${number}`);
  return {
    ...toShipment(row),
    lines: statements(db)
      .lines.all(row.id)
      .map((l) => ({ ref: unitRef(l), part: l.part, description: l.description, type: l.kind, quantity: fromMilli(l.qty), unit: l.unit })),
  };
}

export function listShipments(db: Db, customer: string | undefined, limit: number): Omit<Shipment, 'lines'>[] {
  return statements(db)
    .list.all({ customer: customer ?? null, limit })
    .map(toShipment);
}

