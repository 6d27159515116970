// Receiving station: each supplier GS1 label scanned fills a line of the receipt draft (item by GTIN, supplier lot
// from AI 10, expiry from AI 17, quantity from AI 30/37/310n or as entered); CONFIRM receives the draft — each line
// becomes one of our lots, in quarantine — and CANCEL empties it. Filling the draft changes nothing in the database.
import type { ReceivingDraftLine, StationContext, StationScanInput } from '../../../common/api/stations';
import type { Gs1Element } from '../../../common/gs1';
import { fromMilli, toMilli } from '../../../common/quantity';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import type { Database as Db } from 'better-sqlite3';
import { receive } from '../receiving/receive';
import { elementValue, expiryOf, labelQuantity } from './label-data';
import { notHere, refuse } from './outcome';
import type { Applied } from './outcome';
import type { StationCode } from './scan-code';

type Input = Extract<StationScanInput, { station: 'receiving' }>;
type Context = StationContext<'receiving'>;

const statements = perConnection((db: Db) => ({
  itemByGtin: db.prepare<[string], { part: string; tracking: string; unit: string }>('SELECT part, tracking, unit FROM items WHERE gtin = ?'),
  receiptEvent: db.prepare<[string], { id: number }>(
    `SELECT e.id FROM events e WHERE e.doc_type = 'receipt' AND e.doc_id = (SELECT id FROM receipts WHERE number = ?) ORDER BY e.id DESC LIMIT 1`,
  ),
}));

function draft(context: Context, lines: ReceivingDraftLine[], message: string): Applied {
  return { message, changed: false, eventId: null, context: { ...context, lines }, view: { station: 'receiving', lines, receipt: null } };
}

function labelLine(core: Core, input: Input, elements: readonly Gs1Element[]): Applied {
  const gtin = elementValue(elements, '01');
  if (gtin === undefined) refuse('VALIDATION', 'This label has no GTIN (AI 01): scan the supplier label that names the item');
  const item = statements(core.db).itemByGtin.get(gtin);
  if (!item) refuse('NOT_FOUND', `No item has GTIN ${gtin}; give the item its GTIN to receive it by barcode`);
  if (item.tracking !== 'lot') refuse('VALIDATION', `${item.part} (GTIN ${gtin}) is tracked by ${item.tracking}, not by lot; only lot-tracked items are received here`);
  const supplierLot = elementValue(elements, '10');
  if (supplierLot === undefined) refuse('VALIDATION', `The label of ${item.part} (GTIN ${gtin}) has no batch/lot (AI 10)`);
  const now = core.now();
  const expiry = expiryOf(elements, now) ?? null;
  if (expiry !== null && expiry < now.toISOString().slice(0, 10)) refuse('STATUS', `Supplier lot ${supplierLot} of ${item.part} expired on ${expiry} and cannot be received`);
  const label = labelQuantity(elements, item);
  if (label !== undefined && 'problem' in label) refuse('VALIDATION', label.problem);
  const qty = label?.qty ?? input.quantity;
  if (qty === undefined) refuse('VALIDATION', `The label of ${item.part} gives no quantity (AI 30, 37 or 310n): enter the quantity in ${item.unit} and scan again`);
  const lines = input.context.lines;
  const twice = lines.findIndex((l) => l.part === item.part && l.supplierLot === supplierLot);
  if (twice >= 0) refuse('CONFLICT', `Supplier lot ${supplierLot} of ${item.part} is already line ${twice + 1} of this receipt`);
  const line: ReceivingDraftLine = { part: item.part, gtin, supplierLot, quantity: fromMilli(qty), unit: item.unit, expiry };
  return draft(
    input.context,
    [...lines, line],
    `Line ${lines.length + 1}: ${item.part}, supplier lot ${supplierLot}, ${line.quantity} ${item.unit}${expiry === null ? '' : `, expires ${expiry}`}. Scan the next label, or CONFIRM.`,
  );
}

function confirm(core: Core, input: Input): Applied {
  const { supplier, location, lines } = input.context;
  if (lines.length === 0) refuse('VALIDATION', 'Scan a supplier label first: the receipt has no lines');
  if (supplier === undefined) refuse('VALIDATION', 'Choose the supplier before confirming the receipt');
  const result = receive(core, {
    supplier,
    location,
    receivedAt: input.at,
    lines: lines.map((l) => ({ part: l.part, supplierLot: l.supplierLot, quantity: toMilli(l.quantity) ?? 0, ...(l.expiry === null ? {} : { expiry: l.expiry }) })),
  });
  const eventId = statements(core.db).receiptEvent.get(result.receipt)?.id ?? null;
  const context: Context = { ...input.context, lines: [] };
  return {
    message: `Receipt ${result.receipt}: ${result.lots.map((l) => l.ref).join(', ')} received into quarantine. Print their lot labels.`,
    changed: true,
    eventId,
    context,
    view: { station: 'receiving', lines: [], receipt: result },
  };
}

export function receivingScan(core: Core, input: Input, code: StationCode): Applied {
  if (code.kind === 'control' && code.control === 'confirm') return confirm(core, input);
  if (code.kind === 'control' && code.control === 'cancel') return draft(input.context, [], 'Receipt draft cleared');
  if (code.kind === 'label' || (code.kind === 'unit' && code.elements.length > 0)) return labelLine(core, input, code.elements);
  if (code.kind === 'unit') refuse('VALIDATION', 'Scan the supplier’s GS1 label (GTIN, batch, expiry, quantity); a PART:LOT code names one of our own lots');
  return notHere('supplier GS1 labels, CONFIRM or CANCEL', code);
}
