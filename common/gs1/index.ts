// GS1 barcode data in every form Lotline meets: scanner element strings (with or without an AIM symbology
// identifier), bracketed text, GS1 Digital Link URIs and EPC URNs; parsed, validated and written back.
import type { Gs1Element } from './element';
import { fail } from './element';
import { parseBracketed } from './bracketed';
import { parseDigitalLink } from './digital-link';
import type { DigitalLinkOptions } from './digital-link';
import { parseElementData } from './element-string';
import { parseEpcUrn } from './epc-urn';
import { readScanData } from './scan-data';
import type { Symbology } from './scan-data';
import { associationProblem } from './validate';
import { aiDefinition } from './ai-lookup';

export type { Gs1Element, ElementsResult, FormatResult } from './element';
export type { AiDefinition, AiComponent, Charset } from './ai-definition';
export type { Symbology } from './scan-data';
export type { TraceIdentity } from './trace-identity';
export type { DigitalLinkOptions, DigitalLinkFormatOptions } from './digital-link';
export type { EpcUrnOptions } from './epc-urn';
export type { ElementStringOptions } from './element-string';
export { toElementString, GS } from './element-string';
export { toBracketed } from './bracketed';
export { toDigitalLink, CANONICAL_DL_DOMAIN } from './digital-link';
export { toEpcUrn, DEFAULT_COMPANY_PREFIX_LENGTH } from './epc-urn';
export { traceIdentity } from './trace-identity';
export { aiDefinition } from './ai-lookup';
export { buildSscc, companyPrefixProblem, ssccCapacity, ssccProblem } from './sscc';
export type { SsccParts } from './sscc';

export type Gs1Form = 'element-string' | 'bracketed' | 'digital-link' | 'epc-urn';

export type Gs1Result =
  | {
      readonly ok: true;
      readonly form: Gs1Form;
      /** The AIM symbology identifier the scan started with (e.g. "]d2"), stripped from the data. */
      readonly aim?: string;
      readonly symbology?: Symbology;
      readonly elements: Gs1Element[];
    }
  | { readonly ok: false; readonly error: string };

export interface Gs1ParseOptions extends DigitalLinkOptions {
  /** Check the dictionary's mandatory associations and exclusions (req=, ex=). Default true. */
  readonly associations?: boolean;
}

function startsWithHttp(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c === 0x68 || c === 0x48) && /^https?:\/\//i.test(s);
}

function detect(input: string, options: Gs1ParseOptions): Gs1Result {
  const c = input.charCodeAt(0);
  if (c === 0x5d /* ] */) {
    const scan = readScanData(input);
    if (!scan.ok) return scan;
    const base = { aim: scan.aim, symbology: scan.symbology };
    if (scan.content === 'gs1') {
      const r = parseElementData(input, scan.start);
      return r.ok ? { ok: true, form: 'element-string', ...base, elements: r.elements } : r;
    }
    if (scan.content === 'ean') {
      const d = aiDefinition('01');
      const gtin = { ai: '01', value: scan.gtin.padStart(14, '0'), title: d?.title ?? 'GTIN' };
      if (scan.composite === undefined) return { ok: true, form: 'element-string', ...base, elements: [gtin] };
      const r = parseElementData(input, scan.composite);
      return r.ok ? { ok: true, form: 'element-string', ...base, elements: [gtin, ...r.elements] } : r;
    }
    if (startsWithHttp(scan.text)) {
      const r = parseDigitalLink(scan.text, options);
      return r.ok ? { ok: true, form: 'digital-link', ...base, elements: r.elements } : r;
    }
    return fail(`The ${scan.aim} scan holds plain text, not GS1 data`);
  }
  if (c === 0x28 /* ( */) {
    const r = parseBracketed(input);
    return r.ok ? { ok: true, form: 'bracketed', elements: r.elements } : r;
  }
  if (startsWithHttp(input)) {
    const r = parseDigitalLink(input, options);
    return r.ok ? { ok: true, form: 'digital-link', elements: r.elements } : r;
  }
  if ((c === 0x75 || c === 0x55) && input.startsWith('urn:')) {
    const r = parseEpcUrn(input);
    return r.ok ? { ok: true, form: 'epc-urn', elements: r.elements } : r;
  }
  const r = parseElementData(input);
  return r.ok ? { ok: true, form: 'element-string', elements: r.elements } : r;
}

/** Trailing CR, LF or Tab that a keyboard wedge adds, and spaces around a pasted value; none is GS1 data. */
function trimScan(input: string): string {
  let start = 0;
  let end = input.length;
  while (start < end && input.charCodeAt(start) <= 0x20 && input.charCodeAt(start) !== 0x1d) start++;
  while (end > start && input.charCodeAt(end - 1) <= 0x20 && input.charCodeAt(end - 1) !== 0x1d) end--;
  return start === 0 && end === input.length ? input : input.slice(start, end);
}

/**
 * Parses any GS1 form and checks it: each value against its AI's format, then (unless `associations: false`) the
 * AIs against each other. Errors name the AI and the rule: "AI 17: month 13 is not a month".
 */
export function parseGs1(input: string, options: Gs1ParseOptions = {}): Gs1Result {
  const data = trimScan(input);
  if (data === '') return fail('There is no data');
  const result = detect(data, options);
  if (!result.ok || options.associations === false) return result;
  const problem = associationProblem(result.elements);
  return problem ? fail(problem) : result;
}
