// Random valid values for any AI of the table, built from its components and linters, for the generated per-AI
// cases and the property tests.
import type { AiComponent, AiDefinition, Charset } from './ai-definition';
import { alphaCheckPair, CSET82, mod10CheckDigit } from './linters';
import type { LinterName } from './linters';

export type Rand = () => number;

const CHARS: Record<Charset, string> = {
  N: '0123456789',
  X: CSET82,
  Y: '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  Z: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
};

export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const text = (rand: Rand, charset: Charset, length: number) => Array.from({ length }, () => pick(rand, [...CHARS[charset]])).join('');

/** Fixed values for linters whose valid content is a narrow set. */
const FIXED: Partial<Record<LinterName, string>> = {
  yymmdd: '241231',
  yymmd0: '250200',
  yyyymmdd: '20240229',
  hhmi: '2359',
  hh: '23',
  mi: '59',
  ss: '07',
  iso3166: '528',
  iso3166999: '999',
  iso3166alpha2: 'NL',
  iso4217: '978',
  iso5218: '2',
  zero: '0',
  winding: '9',
  yesno: '1',
  hyphen: '-',
  pieceoftotal: '0203',
  posinseqslash: '2/3',
  latitude: '1234567890',
  longitude: '3599999999',
  mediatype: '07',
  importeridx: 'x',
  iban: 'GB82WEST12345698765432',
};

export function sampleComponent(rand: Rand, c: AiComponent, length: number): string {
  for (const name of c.linters) {
    const fixed = FIXED[name];
    if (fixed !== undefined && fixed.length <= c.max) return fixed;
  }
  const linters = new Set<string>(c.linters);
  if (linters.has('csum')) {
    const body = text(rand, 'N', length - 1);
    return body + mod10CheckDigit(body);
  }
  if (linters.has('csumalpha')) {
    const n = Math.max(length, 3);
    const body = `${text(rand, 'X', n - 3)}${linters.has('hasnondigit') ? 'G' : pick(rand, [...CSET82])}`;
    return body + alphaCheckPair(body);
  }
  let value = text(rand, c.charset, length);
  if (linters.has('nonzero') || linters.has('nozeroprefix')) value = `1${value.slice(1)}`;
  if (linters.has('hasnondigit')) value = `A${value.slice(1)}`;
  if (linters.has('pcenc')) value = value.replaceAll('%', 'p');
  return value.slice(0, Math.max(c.max, 1));
}

/** A valid value: each mandatory component, optional ones present or not, the variable one at a random length (or its longest). */
export function sampleValue(rand: Rand, d: AiDefinition, longest = false): string {
  let out = '';
  for (const c of d.components) {
    if (c.optional && !longest && rand() < 0.5) break;
    const length = longest ? c.max : c.min + Math.floor(rand() * (c.max - c.min + 1));
    out += sampleComponent(rand, c, length);
  }
  return out;
}
