// What a GS1 scan means, field by field, for the Decode barcode screen: each AI with its name, its value and what
// the value says (dates written out, check digits confirmed, implied decimals placed), and the scan's canonical forms.
import type { FormatResult, Gs1Element, Gs1Form, Symbology, TraceIdentity } from '../../../common/gs1';
import { DEFAULT_COMPANY_PREFIX_LENGTH, aiDefinition, parseGs1, toBracketed, toDigitalLink, toElementString, toEpcUrn, traceIdentity } from '../../../common/gs1';

export interface DecodedField {
  ai: string;
  /** The dictionary's short title, e.g. "BATCH/LOT". */
  title: string;
  /** A plain name for the common AIs ("Batch or lot number"), else the title. */
  name: string;
  value: string;
  /** What the value says, when it says more than itself: "31 May 2027", "check digit 2 ✓", "12.50". */
  meaning: string[];
}

export interface DecodedScan {
  ok: true;
  form: Gs1Form;
  formLabel: string;
  /** E.g. "GS1 DataMatrix (]d2)". */
  symbologyLabel: string | null;
  fields: DecodedField[];
  identity: TraceIdentity | undefined;
  canonical: {
    /** With GS separators, as a barcode carries it. */
    elementString: string;
    bracketed: string;
    digitalLink: FormatResult;
    epcUrn: FormatResult;
  };
}

export type DecodeResult = DecodedScan | { ok: false; error: string };

const FORM_LABELS: Record<Gs1Form, string> = {
  'element-string': 'GS1 element string (as a barcode carries it)',
  bracketed: 'Bracketed text (as printed under a barcode)',
  'digital-link': 'GS1 Digital Link URI',
  'epc-urn': 'EPC URN',
};

const SYMBOLOGY_LABELS: Record<Symbology, string> = {
  GS1_128_CCA: 'GS1-128',
  DataBarExpanded: 'GS1 DataBar Expanded',
  DM: 'GS1 DataMatrix',
  QR: 'GS1 QR Code',
  DotCode: 'GS1 DotCode',
  EAN13: 'EAN-13',
  EAN8: 'EAN-8',
};

const NAMES: Record<string, string> = {
  '00': 'Serial Shipping Container Code (SSCC)',
  '01': 'Global Trade Item Number (GTIN)',
  '02': 'GTIN of contained trade items',
  '10': 'Batch or lot number',
  '11': 'Production date',
  '12': 'Due date',
  '13': 'Packaging date',
  '15': 'Best before date',
  '16': 'Sell by date',
  '17': 'Expiration date',
  '20': 'Internal product variant',
  '21': 'Serial number',
  '22': 'Consumer product variant',
  '30': 'Variable count of items',
  '37': 'Count of trade items in a logistic unit',
  '240': 'Additional product identification',
  '241': 'Customer part number',
  '250': 'Secondary serial number',
  '400': "Customer's purchase order number",
  '401': 'Global Identification Number for Consignment (GINC)',
  '402': 'Global Shipment Identification Number (GSIN)',
  '410': 'Ship to / deliver to GLN',
  '412': 'Purchased from GLN',
  '414': 'Physical location GLN',
  '415': 'Invoicing party GLN',
  '416': 'Production or service location GLN',
  '417': 'Party GLN',
  '422': 'Country of origin',
  '7003': 'Expiration date and time',
  '7006': 'First freeze date',
  '8004': 'Global Individual Asset Identifier (GIAI)',
  '8020': 'Payment slip reference number',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Two-digit GS1 years fall within 2000–2099 for any date in use today (the GS1 sliding window). */
function readableDate(year: number, month: number, day: number, ai: string): string {
  const monthName = MONTHS[month - 1] ?? `month ${month}`;
  const iso = `${year}-${String(month).padStart(2, '0')}`;
  if (day === 0) {
    // For best-before, sell-by and expiry dates GS1 reads day 00 as the month's last day.
    if (ai === '15' || ai === '16' || ai === '17') {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return `${last} ${monthName} ${year} (day 00: the last day of the month)`;
    }
    return `${monthName} ${year} (no day given; ${iso})`;
  }
  return `${day} ${monthName} ${year} (${iso}-${String(day).padStart(2, '0')})`;
}

/** The component values of an AI's data, where their lengths are fixed; a variable one takes the rest. */
function componentValues(ai: string, value: string): { linters: readonly string[]; text: string }[] {
  const d = aiDefinition(ai);
  if (!d) return [];
  const out: { linters: readonly string[]; text: string }[] = [];
  let at = 0;
  for (const c of d.components) {
    if (at >= value.length) break;
    const take = c.min === c.max ? c.max : value.length - at;
    out.push({ linters: c.linters, text: value.slice(at, at + take) });
    at += take;
    if (c.min !== c.max) break;
  }
  return out;
}

/** Measures and amounts (AIs 31nn–36nn): the AI's last digit says where the decimal point goes. */
function impliedDecimal(ai: string, value: string): string | null {
  if (!/^3[1-6]\d\d$/.test(ai) || !/^\d+$/.test(value)) return null;
  const decimals = Number(ai[3]);
  if (decimals === 0) return String(Number(value));
  const digits = value.padStart(decimals + 1, '0');
  const whole = String(Number(digits.slice(0, -decimals)));
  return `${whole}.${digits.slice(-decimals)}`;
}

function meaningOf(ai: string, value: string): string[] {
  const meaning: string[] = [];
  for (const part of componentValues(ai, value)) {
    const t = part.text;
    const two = (at: number) => Number(t.slice(at, at + 2));
    for (const linter of part.linters) {
      if (linter === 'csum') meaning.push(`check digit ${t.at(-1) ?? ''} ✓`);
      else if (linter === 'csumalpha') meaning.push(`check characters ${t.slice(-2)} ✓`);
      else if ((linter === 'yymmdd' || linter === 'yymmd0') && t.length >= 6) meaning.push(readableDate(2000 + two(0), two(2), two(4), ai));
      else if (linter === 'yyyymmdd' && t.length >= 8) meaning.push(readableDate(Number(t.slice(0, 4)), two(4), two(6), ai));
      else if (linter === 'hhmi' && t.length >= 4) meaning.push(`${t.slice(0, 2)}:${t.slice(2, 4)}`);
    }
  }
  const decimal = impliedDecimal(ai, value);
  if (decimal !== null) meaning.push(decimal);
  return meaning;
}

export function describeField(element: Gs1Element): DecodedField {
  return {
    ai: element.ai,
    title: element.title,
    name: NAMES[element.ai] ?? element.title,
    value: element.value,
    meaning: meaningOf(element.ai, element.value),
  };
}

/** Decodes any GS1 form; an invalid scan comes back with the parser's reason, which names the AI and the rule. */
export function decodeScan(input: string): DecodeResult {
  const result = parseGs1(input);
  if (!result.ok) return { ok: false, error: result.error };
  const { elements } = result;
  return {
    ok: true,
    form: result.form,
    formLabel: FORM_LABELS[result.form],
    symbologyLabel: result.symbology ? `${SYMBOLOGY_LABELS[result.symbology]} (${result.aim ?? ''})` : null,
    fields: elements.map(describeField),
    identity: traceIdentity(elements),
    canonical: {
      elementString: toElementString(elements),
      bracketed: toBracketed(elements),
      digitalLink: toDigitalLink(elements),
      epcUrn: toEpcUrn(elements, { companyPrefixLength: DEFAULT_COMPANY_PREFIX_LENGTH }),
    },
  };
}

/** "GTIN 09506000134352 · Lot A1B2" */
export function identityLabel(identity: TraceIdentity): string {
  const parts: string[] = [];
  if (identity.gtin !== undefined) parts.push(`GTIN ${identity.gtin}`);
  if (identity.lot !== undefined) parts.push(`Lot ${identity.lot}`);
  if (identity.serial !== undefined) parts.push(`S/N ${identity.serial}`);
  if (identity.sscc !== undefined) parts.push(`SSCC ${identity.sscc}`);
  return parts.join(' · ');
}
