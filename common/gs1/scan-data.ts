// Scanner output that starts with an AIM symbology identifier ("]d2", "]Q3", "]C1", "]e0", "]J1", "]E0", …). The
// identifier says which barcode was read and whether it carries GS1 data; it is stripped and reported.
import { fail } from './element';
import { mod10CheckDigit } from './linters';

/** Symbology names as GS1's Syntax Engine reports them. */
export type Symbology = 'GS1_128_CCA' | 'DataBarExpanded' | 'DM' | 'QR' | 'DotCode' | 'EAN13' | 'EAN8';

interface AimEntry {
  readonly symbology: Symbology;
  /** gs1: element string data; plain: any text (a GS1 Digital Link URI, when it is one); ean: an EAN-13/EAN-8 number. */
  readonly content: 'gs1' | 'plain' | 'ean';
  readonly digits?: number;
}

const AIM: ReadonlyMap<string, AimEntry> = new Map([
  [']C1', { symbology: 'GS1_128_CCA', content: 'gs1' }],
  [']e0', { symbology: 'DataBarExpanded', content: 'gs1' }],
  [']d2', { symbology: 'DM', content: 'gs1' }],
  [']d1', { symbology: 'DM', content: 'plain' }],
  [']Q3', { symbology: 'QR', content: 'gs1' }],
  [']Q1', { symbology: 'QR', content: 'plain' }],
  [']J1', { symbology: 'DotCode', content: 'gs1' }],
  [']J0', { symbology: 'DotCode', content: 'plain' }],
  [']E0', { symbology: 'EAN13', content: 'ean', digits: 13 }],
  [']E4', { symbology: 'EAN8', content: 'ean', digits: 8 }],
]);

export type ScanData =
  | { readonly ok: true; readonly aim: string; readonly symbology: Symbology; readonly content: 'gs1'; readonly start: number }
  | { readonly ok: true; readonly aim: string; readonly symbology: Symbology; readonly content: 'plain'; readonly text: string }
  | { readonly ok: true; readonly aim: string; readonly symbology: Symbology; readonly content: 'ean'; readonly gtin: string; readonly composite?: number }
  | { readonly ok: false; readonly error: string };

/**
 * Reads the symbology identifier at the start of `input`. GS1 data is located (`start`) but not parsed here; an EAN
 * number is checked (digits, length, check digit) and may be followed by a GS1 Composite part "|]e0…" (`composite`
 * is where its element data starts).
 */
export function readScanData(input: string): ScanData {
  const aim = input.slice(0, 3);
  const entry = AIM.get(aim);
  if (!entry) return fail(input.startsWith(']') ? `${aim} is not a symbology identifier Lotline reads` : 'Scanner data starts with a symbology identifier such as ]d2');
  if (entry.content === 'gs1') {
    if (input.length === 3) return fail(`The ${aim} scan holds no data`);
    return { ok: true, aim, symbology: entry.symbology, content: 'gs1', start: 3 };
  }
  if (entry.content === 'plain') return { ok: true, aim, symbology: entry.symbology, content: 'plain', text: input.slice(3) };
  const digits = entry.digits ?? 13;
  const bar = input.indexOf('|', 3);
  const number = input.slice(3, bar === -1 ? undefined : bar);
  if (number.length !== digits || !/^\d+$/.test(number)) return fail(`An ${entry.symbology === 'EAN13' ? 'EAN-13' : 'EAN-8'} scan holds ${digits} digits, not "${number}"`);
  const expected = mod10CheckDigit(number.slice(0, -1));
  if (number.charCodeAt(digits - 1) - 48 !== expected) return fail(`GTIN ${number}: check digit should be ${expected}`);
  if (bar === -1) return { ok: true, aim, symbology: entry.symbology, content: 'ean', gtin: number };
  if (input.slice(bar + 1, bar + 4) !== ']e0') return fail('A composite part after "|" starts with ]e0');
  return { ok: true, aim, symbology: entry.symbology, content: 'ean', gtin: number, composite: bar + 4 };
}
