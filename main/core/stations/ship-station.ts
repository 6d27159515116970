// Shipping station: select a shipment (SH:…, or NEW SHIPMENT for the customer and ship-to in hand), then scan lots,
// serials and cases onto it. A case ships with everything packed in it, in one shipping event. Refused: held,
// recalled, quarantined or expired stock, and stock already shipped (naming the shipment that took it).
import type { StationContext, StationScanInput } from '../../../common/api/stations';
import { LotlineError } from '../../../common/errors';
import { fromMilli, QTY_SCALE } from '../../../common/quantity';
import type { Core } from '../context';
import { lastShipmentOf, loadShipment, openShipment, shipmentDetail } from '../shipping/shipments';
import type { LoadLine } from '../shipping/shipments';
import { unitById, unitName } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { caseBySscc, caseContents, caseOfUnit, packedIn } from './cases';
import type { CaseRow } from './cases';
import { labelQuantity } from './label-data';
import { notHere, refuse } from './outcome';
import { resolveIdentity } from '../units/rows';
import type { Applied } from './outcome';
import type { StationCode } from './scan-code';

type Input = Extract<StationScanInput, { station: 'ship' }>;
type Context = StationContext<'ship'>;

function answer(core: Core, context: Context, message: string, eventId: number | null, changed: boolean): Applied {
  return {
    message,
    changed,
    eventId,
    context,
    view: { station: 'ship', shipment: context.shipment === undefined ? null : shipmentDetail(core.db, context.shipment) },
  };
}

function shipmentInHand(input: Input): string {
  const number = input.context.shipment;
  if (number === undefined) refuse('VALIDATION', 'Scan a shipment first (SH:…), or start one with NEW SHIPMENT');
  return number;
}

function refuseIfShipped(core: Core, unit: UnitRow, what = unitName(unit)): void {
  if (unit.status !== 'shipped') return;
  const on = lastShipmentOf(core.db, unit.id);
  refuse('CONFLICT', `${what} already shipped${on === undefined ? '' : ` on ${on}`}`);
}

function shipCase(core: Core, input: Input, row: CaseRow): Applied {
  const number = shipmentInHand(input);
  const caseUnit = unitById(core.db, row.unit_id);
  refuseIfShipped(core, caseUnit, `Case ${row.sscc}`);
  if (row.status !== 'closed') refuse('STATUS', `Case ${row.sscc} is still open: close it at packing before it ships`);
  const contents = caseContents(core.db, row);
  for (const { unit } of contents) refuseIfShipped(core, unit, `Case ${row.sscc} holds ${unitName(unit)}, which`);
  const lines: LoadLine[] = [{ unit: caseUnit, quantity: QTY_SCALE, where: '' }, ...contents.map(({ unit, qty }) => ({ unit, quantity: qty, where: '' }))];
  let eventId: number;
  try {
    eventId = loadShipment(core, number, lines, input.at);
  } catch (error) {
    if (error instanceof LotlineError) refuse(error.code, `Case ${row.sscc} cannot ship: ${error.message}`);
    throw error;
  }
  return answer(core, input.context, `Case ${row.sscc} shipped on ${number} with its ${contents.length} ${contents.length === 1 ? 'unit' : 'units'}`, eventId, true);
}

function shipUnit(core: Core, input: Input, code: Extract<StationCode, { kind: 'unit' }>): Applied {
  const number = shipmentInHand(input);
  const unit = resolveIdentity(core.db, code.identity);
  const asCase = caseOfUnit(core.db, unit.id);
  if (asCase) return shipCase(core, input, asCase);
  refuseIfShipped(core, unit);
  const cases = packedIn(core.db, unit.id);
  if (unit.kind === 'serial' && cases[0] !== undefined) refuse('CONFLICT', `${unitName(unit)} is packed in case ${cases[0].sscc}: scan the case to ship it`);
  const loose = unit.qty_on_hand - cases.reduce((sum, c) => sum + c.qty, 0);
  let qty: number = QTY_SCALE;
  if (unit.kind === 'lot') {
    const label = labelQuantity(code.elements, { part: unit.part, unit: unit.uom });
    if (label !== undefined && 'problem' in label) refuse('VALIDATION', label.problem);
    qty = label?.qty ?? input.quantity ?? loose;
    if (cases.length > 0 && qty > loose) {
      refuse('QUANTITY', `${unitName(unit)}: ${fromMilli(unit.qty_on_hand - loose)} ${unit.uom} of it is packed in case ${cases.map((c) => c.sscc).join(', ')}; scan the case, or ship at most ${fromMilli(loose)} ${unit.uom} loose`);
    }
  }
  const eventId = loadShipment(core, number, [{ unit, quantity: qty, where: '' }], input.at);
  return answer(core, input.context, `Shipped ${unit.kind === 'lot' ? `${fromMilli(qty)} ${unit.uom} of ` : ''}${unitName(unit)} on ${number}`, eventId, true);
}

export function shipScan(core: Core, input: Input, code: StationCode): Applied {
  if (code.kind === 'shipment') {
    const shipment = shipmentDetail(core.db, code.number);
    return answer(core, { ...input.context, shipment: shipment.number }, `Shipment ${shipment.number} to ${shipment.customerName} (${shipment.shipToName}): ${shipment.lines.length} lines. Scan lots, serials and cases.`, null, false);
  }
  if (code.kind === 'control' && code.control === 'newShipment') {
    const { customer, shipTo } = input.context;
    if (customer === undefined || shipTo === undefined) refuse('VALIDATION', 'Choose the customer and ship-to address before starting a shipment');
    const shipment = openShipment(core, { customer, shipTo, shipDate: input.at });
    return answer(core, { ...input.context, shipment: shipment.number }, `Shipment ${shipment.number} started for ${shipment.customerName} (${shipment.shipToName}). Scan lots, serials and cases.`, null, true);
  }
  if (code.kind === 'case') return shipCase(core, input, caseBySscc(core.db, code.sscc));
  if (code.kind === 'unit') return shipUnit(core, input, code);
  return notHere('a shipment (SH:…), NEW SHIPMENT, or lots, serials and cases to ship', code);
}
