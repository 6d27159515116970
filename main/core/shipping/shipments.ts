// Shipments: lots (with quantities) and serials sent to a customer's ship-to location, in one event.
import type { Database as Db } from 'better-sqlite3';
import type { Shipment } from '../../../common/api/shipping';
import { LotlineError } from '../../../common/errors';
import { fromMilli, QTY_SCALE } from '../../../common/quantity';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { appendEvent } from '../events/ledger';
import { locationByCode } from '../masterdata/locations';
import { partyByCode } from '../masterdata/parties';
import { nextDocumentNumber } from '../numbering/patterns';
import { eventTime } from '../time';
import type { EventTime } from '../time';
import { resolveRef, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { assertUsable } from '../units/status';
import { moveQuantity } from '../units/write';
import type { UnitMove } from '../audit/trail';

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
  shipToOf: db.prepare<[number], { ship_to_id: number }>('SELECT ship_to_id FROM shipments WHERE id = ?'),
  lineOf: db.prepare<[number, number], { id: number }>('SELECT id FROM shipment_lines WHERE shipment_id = ? AND unit_id = ?'),
  lastShipmentOf: db.prepare<[number], { number: string }>(
    'SELECT s.number FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id WHERE sl.unit_id = ? ORDER BY sl.id DESC LIMIT 1',
  ),
  lines: db.prepare<[number], { part: string; description: string; kind: 'lot' | 'serial'; code: string; qty: number; unit: string }>(
    `SELECT i.part, i.description, u.kind, u.code, sl.qty, i.unit
       FROM shipment_lines sl JOIN units u ON u.id = sl.unit_id JOIN items i ON i.id = u.item_id
      WHERE sl.shipment_id = ? ORDER BY sl.id`,
  ),
}));

interface ShipmentHead {
  id: number;
  number: string;
  shipToId: number;
}

/** A unit to book out onto a shipment: `quantity` for lots (a serial is one piece); `where` prefixes messages. */
export interface LoadLine {
  unit: UnitRow;
  quantity: number | undefined;
  where: string;
}

function insertHeader(
  core: Core,
  input: { number?: string | undefined; customer: string; shipTo: string; carrier?: string | undefined },
  time: EventTime,
): ShipmentHead {
  const s = statements(core.db);
  const customer = partyByCode(core.db, 'customers', input.customer);
  const shipTo = locationByCode(core.db, input.shipTo);
  if (shipTo.kind !== 'ship_to' || shipTo.customer_id !== customer.id) {
    throw new LotlineError('VALIDATION', `shipTo: location ${shipTo.code} is not a ship-to address of customer ${customer.code}`);
  }
  if (input.number !== undefined && s.numberTaken.get(input.number)) throw new LotlineError('CONFLICT', `Shipment ${input.number} already exists`);
  const number = input.number ?? nextDocumentNumber(core.db, 'shipment', new Date(time.utc), (n) => s.numberTaken.get(n) !== undefined);
  const id = Number(s.insert.run(number, customer.id, shipTo.id, time.utc, input.carrier ?? null, core.now().toISOString()).lastInsertRowid);
  return { id, number, shipToId: shipTo.id };
}

interface BookedLine {
  unitId: number;
  qty: number;
  move: UnitMove;
}

/** Checks each unit may ship, books it out and writes its shipment line. */
function bookLines(core: Core, head: ShipmentHead, lines: readonly LoadLine[], today: string): BookedLine[] {
  const s = statements(core.db);
  return lines.map(({ unit, quantity, where }) => {
    const qty = unit.kind === 'serial' ? QTY_SCALE : quantity;
    if (qty === undefined) throw new LotlineError('VALIDATION', `${where}quantity: say how much of ${unitName(unit)} ships (${fromMilli(unit.qty_on_hand)} ${unit.uom} on hand)`);
    assertUsable(unit, 'shipped', qty, today);
    const move = moveQuantity(core, unit, { onHand: -qty, emptiedAs: 'shipped' }, `shipped on ${head.number}`);
    s.insertLine.run(head.id, unit.id, qty);
    return { unitId: unit.id, qty, move };
  });
}

function shippingEvent(core: Core, head: ShipmentHead, time: EventTime, lines: readonly BookedLine[]): number {
  return appendEvent(core, {
    kind: 'object',
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    time,
    locationId: head.shipToId,
    document: { type: 'shipment', id: head.id },
    units: lines.map((l) => ({ unitId: l.unitId, role: 'object' as const, qty: l.qty })),
    moves: lines.map((l) => l.move),
  });
}

export function ship(
  core: Core,
  input: { number?: string | undefined; customer: string; shipTo: string; shipDate?: string | undefined; carrier?: string | undefined; lines: { ref: string; quantity?: number | undefined }[] },
): Shipment {
  const time = eventTime(input.shipDate, core.now());
  const head = insertHeader(core, input, time);
  const seen = new Set<number>();
  const load = input.lines.map((line, index): LoadLine => {
    const unit = resolveRef(core.db, line.ref);
    if (seen.has(unit.id)) throw new LotlineError('VALIDATION', `lines[${index}].ref: ${unitName(unit)} is on the shipment twice; give one line with the total`);
    seen.add(unit.id);
    return { unit, quantity: line.quantity, where: `lines[${index}].` };
  });
  const lines = bookLines(core, head, load, time.utc.slice(0, 10));
  auditCreate(core, 'shipments', head.id);
  shippingEvent(core, head, time, lines);
  return shipmentDetail(core.db, head.number);
}

/** A shipment with no lines yet, to be loaded scan by scan (`loadShipment`). */
export function openShipment(
  core: Core,
  input: { number?: string | undefined; customer: string; shipTo: string; shipDate?: string | undefined; carrier?: string | undefined },
): Shipment {
  const head = insertHeader(core, input, eventTime(input.shipDate, core.now()));
  auditCreate(core, 'shipments', head.id);
  return shipmentDetail(core.db, head.number);
}

/** Adds lines to an existing shipment in one shipping event; returns the event's id. A unit already on it is refused. */
export function loadShipment(core: Core, number: string, lines: readonly LoadLine[], at?: string): number {
  const s = statements(core.db);
  const row = s.byNumber.get(number);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no shipment ${number}`);
  const head = { id: row.id, number: row.number, shipToId: s.shipToOf.get(row.id)?.ship_to_id ?? 0 };
  for (const { unit } of lines) {
    if (s.lineOf.get(row.id, unit.id)) throw new LotlineError('CONFLICT', `${unitName(unit)} is already on shipment ${row.number}`);
  }
  const time = eventTime(at, core.now());
  const booked = auditUpdate(core, 'shipments', row.id, `loaded at the shipping station`, () => bookLines(core, head, lines, time.utc.slice(0, 10)));
  return shippingEvent(core, head, time, booked);
}

/** The shipment a unit last shipped on, if any. */
export function lastShipmentOf(db: Db, unitId: number): string | undefined {
  return statements(db).lastShipmentOf.get(unitId)?.number;
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

