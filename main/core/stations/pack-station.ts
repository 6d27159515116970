// Packing station: NEW CASE opens a case with the next SSCC, lots and serials scanned go into the case in hand,
// CLOSE CASE seals it. A serial goes into one case; a lot can be spread over cases up to what it has on hand.
import type { StationContext, StationScanInput } from '../../../common/api/stations';
import { fromMilli, QTY_SCALE } from '../../../common/quantity';
import type { Core } from '../context';
import { statusRefusal } from '../units/status';
import { unitName } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { caseBySscc, caseContents, caseView, closeCase, openCase, packedIn, packIntoCase } from './cases';
import type { CaseRow } from './cases';
import { labelQuantity } from './label-data';
import { notHere, refuse } from './outcome';
import { resolveIdentity } from '../units/rows';
import type { Applied } from './outcome';
import type { StationCode } from './scan-code';

type Input = Extract<StationScanInput, { station: 'pack' }>;
type Context = StationContext<'pack'>;

/** Finished goods awaiting release may be packed; held, rejected, recalled, used-up or shipped stock may not. */
const PACKABLE = new Set(['released', 'quarantine']);

function answer(core: Core, sscc: string | undefined, message: string, eventId: number | null, changed: boolean): Applied {
  return {
    message,
    changed,
    eventId,
    context: (sscc === undefined ? {} : { case: sscc }) satisfies Context,
    view: { station: 'pack', case: sscc === undefined ? null : caseView(core.db, sscc) },
  };
}

function openCaseInHand(core: Core, input: Input): CaseRow {
  const sscc = input.context.case;
  if (sscc === undefined) refuse('VALIDATION', 'Open a case (NEW CASE) or scan a case label first');
  const row = caseBySscc(core.db, sscc);
  if (row.status !== 'open') refuse('STATUS', `Case ${sscc} is closed; open a new case to pack more`);
  return row;
}

function packQuantity(unit: UnitRow, input: Input, code: Extract<StationCode, { kind: 'unit' }>, available: number): number {
  if (unit.kind === 'serial') return QTY_SCALE;
  const label = labelQuantity(code.elements, { part: unit.part, unit: unit.uom });
  if (label !== undefined && 'problem' in label) refuse('VALIDATION', label.problem);
  const qty = label?.qty ?? input.quantity ?? available;
  if (available <= 0) refuse('QUANTITY', `All of ${unitName(unit)} on hand (${fromMilli(unit.qty_on_hand)} ${unit.uom}) is already packed`);
  if (qty > available) refuse('QUANTITY', `${unitName(unit)} has ${fromMilli(available)} ${unit.uom} not yet packed; ${fromMilli(qty)} ${unit.uom} cannot go into this case`);
  return qty;
}

function packUnit(core: Core, input: Input, code: Extract<StationCode, { kind: 'unit' }>): Applied {
  const row = openCaseInHand(core, input);
  const unit = resolveIdentity(core.db, code.identity);
  if (!PACKABLE.has(unit.status)) refuse('STATUS', statusRefusal(unit, 'packed'));
  const cases = packedIn(core.db, unit.id);
  const here = cases.find((c) => c.sscc === row.sscc);
  if (here) refuse('CONFLICT', `${unitName(unit)} is already in case ${row.sscc}`);
  if (unit.kind === 'serial' && cases[0] !== undefined) refuse('CONFLICT', `${unitName(unit)} is already packed in case ${cases[0].sscc}`);
  const qty = packQuantity(unit, input, code, unit.qty_on_hand - cases.reduce((sum, c) => sum + c.qty, 0));
  const eventId = packIntoCase(core, row, unit, qty, input.at);
  const count = caseContents(core.db, row).length;
  return answer(core, row.sscc, `Packed ${unit.kind === 'lot' ? `${fromMilli(qty)} ${unit.uom} of ` : ''}${unitName(unit)} into case ${row.sscc} (${count} in the case)`, eventId, true);
}

export function packScan(core: Core, input: Input, code: StationCode): Applied {
  if (code.kind === 'control' && code.control === 'newCase') {
    const { row, eventId } = openCase(core, input.at);
    return answer(core, row.sscc, `Case ${row.sscc} opened. Print its SSCC label and scan what goes in.`, eventId, true);
  }
  if (code.kind === 'control' && code.control === 'closeCase') {
    const row = openCaseInHand(core, input);
    const count = caseContents(core.db, row).length;
    if (count === 0) refuse('VALIDATION', `Case ${row.sscc} is empty: pack something into it before closing it`);
    const eventId = closeCase(core, row, input.at);
    const done = answer(core, row.sscc, `Case ${row.sscc} closed with ${count} ${count === 1 ? 'unit' : 'units'}. Open the next case.`, eventId, true);
    return { ...done, context: {} satisfies Context };
  }
  if (code.kind === 'case') {
    const row = caseBySscc(core.db, code.sscc);
    const count = caseContents(core.db, row).length;
    return answer(core, row.sscc, `Case ${row.sscc}: ${row.status}, ${count} ${count === 1 ? 'unit' : 'units'} packed`, null, false);
  }
  if (code.kind === 'unit') return packUnit(core, input, code);
  return notHere('NEW CASE, CLOSE CASE, a case label (SSCC) or lots and serials to pack', code);
}
