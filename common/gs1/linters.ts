// Content checks ("linters") named by the GS1 Barcode Syntax Dictionary. Each returns why a component's value is
// wrong, or undefined. They see only their own component, already checked for length and character set.
import { ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC } from './iso-codes';

type Linter = (value: string) => string | undefined;

/** GS1 character set 82, in the order used by the alphanumeric check character pair (GS1 General Specifications 7.9.5). */
export const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CSET82_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < CSET82.length; i++) CSET82_VALUE[CSET82.charCodeAt(i)] = i;
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113];

/** The GS1 mod-10 check digit for `body` (the digits before the check digit). */
export function mod10CheckDigit(body: string, length = body.length): number {
  let sum = 0;
  for (let i = length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (body.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** The GS1 alphanumeric check character pair for `body` (GMN, MUDI). */
export function alphaCheckPair(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, p = 0; i >= 0; i--, p++) sum += (CSET82_VALUE[body.charCodeAt(i)] ?? 0) * (PRIMES[p] ?? 0);
  sum %= 1021;
  return (CSET32[sum >> 5] ?? '') + (CSET32[sum & 31] ?? '');
}

const two = (v: string, at: number) => (v.charCodeAt(at) - 48) * 10 + (v.charCodeAt(at + 1) - 48);
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dateProblem(year: number, month: number, day: number, dayZeroAllowed: boolean, mm: string, dd: string): string | undefined {
  if (month < 1 || month > 12) return `month ${mm} is not a month`;
  if (day === 0) return dayZeroAllowed ? undefined : `day 00 is not a day`;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 31);
  if (day > max) return `day ${dd} is not a day of month ${mm}${month === 2 && day === 29 ? ` in ${year}` : ''}`;
  return undefined;
}

/** Two-digit years: the GS1 sliding window puts them within 2000–2099 for any date used today, so 00 is a leap year. */
const yymmdd = (dayZero: boolean): Linter => (v) => dateProblem(2000 + two(v, 0), two(v, 2), two(v, 4), dayZero, v.slice(2, 4), v.slice(4, 6));

const range = (what: string, max: number): Linter => (v) => (Number(v) > max ? `${what} ${v} is not ${what === 'hour' ? 'an' : 'a'} ${what} (00–${max})` : undefined);

const LINTERS = {
  csum: (v) => {
    const expected = mod10CheckDigit(v, v.length - 1);
    return v.charCodeAt(v.length - 1) - 48 === expected ? undefined : `check digit should be ${expected}`;
  },
  csumalpha: (v) => {
    if (v.length < 2) return 'too short for its check character pair';
    const expected = alphaCheckPair(v.slice(0, -2));
    return v.endsWith(expected) ? undefined : `check characters should be ${expected}`;
  },
  yymmdd: yymmdd(false),
  yymmd0: yymmdd(true),
  yyyymmdd: (v) => dateProblem(Number(v.slice(0, 4)), two(v, 4), two(v, 6), false, v.slice(4, 6), v.slice(6, 8)),
  hhmi: (v) => range('hour', 23)(v.slice(0, 2)) ?? range('minute', 59)(v.slice(2, 4)),
  hh: range('hour', 23),
  mi: range('minute', 59),
  ss: range('second', 59),
  iso3166: (v) => (ISO3166_NUMERIC.has(v) ? undefined : `${v} is not an ISO 3166 country code`),
  iso3166999: (v) => (v === '999' || ISO3166_NUMERIC.has(v) ? undefined : `${v} is not an ISO 3166 country code or 999`),
  iso3166alpha2: (v) => (ISO3166_ALPHA2.has(v) ? undefined : `${v} is not an ISO 3166 alpha-2 country code`),
  iso4217: (v) => (ISO4217_NUMERIC.has(v) ? undefined : `${v} is not an ISO 4217 currency code`),
  iso5218: (v) => (v === '0' || v === '1' || v === '2' || v === '9' ? undefined : `${v} is not an ISO 5218 sex code (0, 1, 2 or 9)`),
  zero: (v) => (v === '0' ? undefined : `${v} should be 0`),
  nonzero: (v) => (/[1-9]/.test(v) ? undefined : `${v} must not be zero`),
  winding: (v) => (v === '0' || v === '1' || v === '9' ? undefined : `winding direction ${v} is not 0, 1 or 9`),
  yesno: (v) => (v === '0' || v === '1' ? undefined : `${v} is not 0 (no) or 1 (yes)`),
  hyphen: (v) => (v === '-' ? undefined : `${v} should be a hyphen`),
  pieceoftotal: (v) => {
    const piece = two(v, 0);
    const total = two(v, 2);
    if (piece === 0 || total === 0) return `piece ${v.slice(0, 2)} of ${v.slice(2, 4)}: neither may be 00`;
    return piece > total ? `piece ${v.slice(0, 2)} is more than the total ${v.slice(2, 4)}` : undefined;
  },
  posinseqslash: (v) => {
    const m = /^([1-9])\/([1-9])$/.exec(v);
    if (!m) return `${v} is not a position in a sequence like 1/2`;
    return Number(m[1]) > Number(m[2]) ? `position ${m[1]} is beyond the sequence length ${m[2]}` : undefined;
  },
  nozeroprefix: (v) => (v.length > 1 && v.charCodeAt(0) === 48 ? `${v} must not start with 0` : undefined),
  hasnondigit: (v) => (/\D/.test(v) ? undefined : `${v} must contain a character that is not a digit`),
  pcenc: (v) => {
    for (let i = v.indexOf('%'); i !== -1; i = v.indexOf('%', i + 1)) {
      if (!/^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) return `"%" at position ${i + 1} does not start a percent-encoded byte`;
    }
    return undefined;
  },
  latitude: (v) => (Number(v) > 1_800_000_000 ? `latitude ${v} is beyond 1800000000 (90° north)` : undefined),
  longitude: (v) => (Number(v) > 3_600_000_000 ? `longitude ${v} is beyond 3600000000 (180° east)` : undefined),
  mediatype: (v) => {
    const n = Number(v);
    return (n >= 1 && n <= 10) || n >= 80 ? undefined : `${v} is not an AIDC media type (01–10, 80–99)`;
  },
  importeridx: (v) => (/^[0-9A-Za-z_-]$/.test(v) ? undefined : `${v} is not an importer index character`),
  iban: (v) => {
    if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{1,30}$/.test(v)) return `${v} is not an IBAN (country, 2 check digits, then letters and digits)`;
    if (!ISO3166_ALPHA2.has(v.slice(0, 2))) return `${v.slice(0, 2)} is not an IBAN country`;
    const moved = v.slice(4) + v.slice(0, 4);
    let rest = 0;
    for (const ch of moved) {
      const n = ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
      rest = (n > 9 ? rest * 100 + n : rest * 10 + n) % 97;
    }
    return rest === 1 ? undefined : `${v} fails the IBAN check digits`;
  },
} satisfies Record<string, Linter>;

export type LinterName = keyof typeof LINTERS;

export const LINTER_NAMES: readonly LinterName[] = Object.keys(LINTERS) as LinterName[];

export function isLinterName(name: string): name is LinterName {
  return Object.hasOwn(LINTERS, name);
}

export function runLinter(name: LinterName, value: string): string | undefined {
  return LINTERS[name](value);
}

/** Linters the dictionary names that this module does not check, and why. */
export const UNCHECKED_LINTER_REASONS: Readonly<Record<string, string>> = {
  gcppos1: 'needs the GS1 Company Prefix length table (not shipped); the key is still checked for length, digits and check digit',
  gcppos2: 'needs the GS1 Company Prefix length table (not shipped); the key is still checked for length, digits and check digit',
  packagetype: 'needs the UN/CEFACT package type code list (not shipped)',
  couponcode: 'North American coupon code structure (AI 8110) is not decoded',
  couponposoffer: 'North American positive offer file structure (AI 8112) is not decoded',
};
