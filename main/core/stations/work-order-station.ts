// Work-order station: scan a work order to select it, then component lots and serials to consume them against
// its BOM. Refused: items not on the BOM, held/expired/recalled stock, and more than the BOM still requires —
// unless the operator gives a reason (substitution or override), which the event keeps.
import type { StationContext, StationScanInput } from '../../../common/api/stations';
import type { WorkOrderProgress } from '../../../common/api/production';
import { fromMilli, QTY_SCALE, toMilli } from '../../../common/quantity';
import type { Core } from '../context';
import { consumeScanned, workOrderRead } from '../production/work-orders';
import type { WorkOrderRow } from '../production/work-orders';
import { unitName } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { labelQuantity } from './label-data';
import { notHere, refuse } from './outcome';
import { resolveIdentity } from '../units/rows';
import type { Applied } from './outcome';
import type { StationCode } from './scan-code';

type Input = Extract<StationScanInput, { station: 'workOrder' }>;

/** The work order, if it is open; refusals say which and why. */
export function openWorkOrder(core: Core, number: string): WorkOrderProgress {
  return openWorkOrderRead(core, number).progress;
}

function openWorkOrderRead(core: Core, number: string): { row: WorkOrderRow; progress: WorkOrderProgress } {
  const read = workOrderRead(core.db, number);
  if (read.row.status !== 'open') refuse('STATUS', `Work order ${read.row.number} is closed; scan an open work order`);
  return read;
}

function remainingText(wo: WorkOrderProgress): string {
  return wo.requirements.map((l) => `${l.part} ${l.remaining} ${l.unit}`).join(', ');
}

export function workOrderScan(core: Core, input: Input, code: StationCode): Applied {
  if (code.kind === 'workOrder') {
    const wo = openWorkOrder(core, code.number);
    return {
      message: `Work order ${wo.number}: ${wo.quantity} ${wo.unit} of ${wo.part}. Still required: ${remainingText(wo)}. Scan component lots.`,
      changed: false,
      eventId: null,
      context: { workOrder: wo.number } satisfies StationContext<'workOrder'>,
      view: { station: 'workOrder', workOrder: wo },
    };
  }
  if (code.kind !== 'unit') notHere('a work order (WO:…) or component lots and serials', code);
  const number = input.context.workOrder;
  if (number === undefined) refuse('VALIDATION', 'Scan a work order first');
  const { row, progress: wo } = openWorkOrderRead(core, number);
  const unit = resolveIdentity(core.db, code.identity);
  const line = wo.requirements.find((l) => l.part.toLowerCase() === unit.part.toLowerCase());
  if (line === undefined && input.reason === undefined) {
    const named = code.identity.by === 'gtin' ? `GTIN ${code.identity.gtin} (${unit.part})` : unit.part;
    refuse('VALIDATION', `${named} is not on the BOM of work order ${wo.number} (${wo.part} version ${wo.bomVersion}). Scan a listed component, or give a substitution reason.`);
  }
  const remaining = line === undefined ? undefined : (toMilli(line.remaining) ?? 0);
  if (line !== undefined && remaining === 0 && input.reason === undefined) {
    refuse('QUANTITY', `Work order ${wo.number} needs no more ${unit.part} (${line.required} ${line.unit} required, all consumed). Give an override reason to consume more.`);
  }
  const qty = quantityFor(unit, input, code, remaining);
  if (remaining !== undefined && qty > remaining && input.reason === undefined) {
    refuse(
      'QUANTITY',
      `${fromMilli(qty)} ${unit.uom} of ${unitName(unit)} is more than work order ${wo.number} still needs (${fromMilli(remaining)} ${unit.uom}). Scan a smaller quantity, or give an override reason.`,
    );
  }
  const eventId = consumeScanned(core, {
    workOrder: row,
    ref: unit,
    quantity: unit.kind === 'serial' ? undefined : qty,
    substitutionReason: input.reason,
    at: input.at,
  });
  const after = withConsumed(wo, line, qty);
  return {
    message: `Consumed ${fromMilli(qty)} ${unit.uom} of ${unitName(unit)} into ${wo.number}. Still required: ${remainingText(after)}.`,
    changed: true,
    eventId,
    context: { workOrder: wo.number } satisfies StationContext<'workOrder'>,
    view: { station: 'workOrder', workOrder: after },
  };
}

/**
 * The progress after `qty` is consumed against `line` (none for a substitute, which no line counts): what reading it
 * again in this transaction would answer, without reading it.
 */
function withConsumed(wo: WorkOrderProgress, line: WorkOrderProgress['requirements'][number] | undefined, qty: number): WorkOrderProgress {
  if (line === undefined) return wo;
  const consumed = (toMilli(line.consumed) ?? 0) + qty;
  const remaining = Math.max(0, (toMilli(line.required) ?? 0) - consumed);
  return { ...wo, requirements: wo.requirements.map((l) => (l === line ? { ...l, consumed: fromMilli(consumed), remaining: fromMilli(remaining) } : l)) };
}

/**
 * How much to consume: a serial is one piece; a lot takes the label's quantity, else the operator's, else what the
 * BOM line still needs (up to what the lot has on hand).
 */
function quantityFor(unit: UnitRow, input: Input, code: Extract<StationCode, { kind: 'unit' }>, remaining: number | undefined): number {
  if (unit.kind === 'serial') return QTY_SCALE;
  const label = labelQuantity(code.elements, { part: unit.part, unit: unit.uom });
  if (label !== undefined && 'problem' in label) refuse('VALIDATION', label.problem);
  const given = label?.qty ?? input.quantity;
  if (given !== undefined) return given;
  if (remaining === undefined || remaining === 0) {
    refuse('VALIDATION', `Enter how much of ${unitName(unit)} is consumed (${fromMilli(unit.qty_on_hand)} ${unit.uom} on hand) and scan again`);
  }
  return Math.min(remaining, unit.qty_on_hand);
}
