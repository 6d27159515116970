// How people and scanners name a lot or a serial: `PART:LOT`, `PART#SERIAL`, or a GS1 barcode's data in
// any form (element string, bracketed text, Digital Link, EPC URN) carrying a GTIN with its lot or serial.
import type { UnitKind } from './domain';
import { GS, parseGs1, traceIdentity } from './gs1';
import type { Gs1Form, Gs1Result } from './gs1';

export interface UnitRef {
  kind: UnitKind;
  part: string;
  code: string;
}

export const partPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
export const codePattern = /^[!-~]{1,40}$/; // printable ASCII without spaces, as on a label

/** Parses `PART:LOT` or `PART#SERIAL`; returns the reason when the text is neither. */
export function parseRef(text: string): UnitRef | string {
  const t = text.trim();
  const at = t.search(/[:#]/);
  if (at <= 0 || at === t.length - 1) {
    return `"${t}" is not a lot or serial reference: write PART:LOT for a lot or PART#SERIAL for a serial`;
  }
  const part = t.slice(0, at);
  const code = t.slice(at + 1);
  if (!partPattern.test(part)) return `"${part}" is not a valid part number`;
  if (!codePattern.test(code)) return `"${code}" is not a valid ${t[at] === ':' ? 'lot' : 'serial'} code`;
  return { kind: t[at] === ':' ? 'lot' : 'serial', part, code };
}

export function formatRef(kind: UnitKind, part: string, code: string): string {
  return `${part}${kind === 'lot' ? ':' : '#'}${code}`;
}

/** A lot or serial named by the GTIN of its item (from a GS1 barcode). */
export interface GtinUnitRef {
  kind: UnitKind;
  gtin: string;
  code: string;
  form: Gs1Form;
}

export type UnitIdentity = ({ by: 'part' } & UnitRef) | ({ by: 'gtin' } & GtinUnitRef);

/** GS1 data starts with a bracket, an AIM identifier, FNC1/GS, a URI scheme, or AI 01/00 and its digits. */
function looksLikeGs1(t: string): boolean {
  return t.startsWith(GS) || /^[(\]^]/.test(t) || /^(urn:epc:|https?:\/\/)/i.test(t) || /^(01\d{14}|00\d{18})/.test(t);
}

/** Parses any way of naming a lot or serial; returns the reason when the text is none of them. */
export function parseUnitIdentity(text: string): UnitIdentity | string {
  const t = text.trim();
  if (!looksLikeGs1(t)) {
    const ref = parseRef(t);
    return typeof ref === 'string' ? ref : { by: 'part', ...ref };
  }
  const gs1 = parseGs1(t);
  if (!gs1.ok) return `Not a valid GS1 barcode: ${gs1.error}`;
  return gs1UnitIdentity(gs1);
}

/** The lot or serial that parsed GS1 data names (for a caller that has parsed it already); the reason when it names none. */
export function gs1UnitIdentity(gs1: Extract<Gs1Result, { ok: true }>): UnitIdentity | string {
  const id = traceIdentity(gs1.elements);
  if (id?.gtin === undefined) {
    return id?.sscc !== undefined
      ? `SSCC ${id.sscc} names a logistic unit (a case or pallet), not a lot or serial`
      : 'This GS1 barcode names no trade item (AI 01): it cannot identify a lot or serial';
  }
  if (id.serial !== undefined) return { by: 'gtin', kind: 'serial', gtin: id.gtin, code: id.serial, form: gs1.form };
  if (id.lot !== undefined) return { by: 'gtin', kind: 'lot', gtin: id.gtin, code: id.lot, form: gs1.form };
  return `GTIN ${id.gtin} names an item but no lot (AI 10) or serial (AI 21)`;
}
