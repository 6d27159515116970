// GS1 Digital Link URIs: any scheme host and path prefix, then the primary key and its qualifiers as /AI/value pairs
// in `dlpkey` order, then data attributes as ?AI=value query parameters. Follows GS1's Syntax Engine: the rightmost
// primary key in the path starts the GS1 part; unknown non-numeric query parameters and parameters without a value
// are ignored; a numeric one must be a known AI; the fragment is ignored.
import type { ElementsResult, FormatResult, Gs1Element } from './element';
import { fail } from './element';
import type { AiDefinition } from './ai-definition';
import { aiDefinition, dlQualifiers, isDlPathSequence, isDlPrimaryKey, isDlQualifier } from './ai-lookup';
import { valueProblem } from './validate';

export const CANONICAL_DL_DOMAIN = 'https://id.gs1.org';

export interface DigitalLinkOptions {
  /** Accept an 8-, 12- or 13-digit GTIN in AI 01 and pad it to 14 digits (older encoders wrote them). Default false. */
  readonly permitZeroSuppressedGtin?: boolean;
  /** Accept the deprecated convenience names (/gtin/, /lot/, /ser/, /sscc/, …) for path AIs. Default false. */
  readonly permitConvenienceAlphas?: boolean;
}

function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}
const URI_CHARS = charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%");
const BAD_DOMAIN_CHARS = charTable("_~?#@!$&'()*+,;=%");
const UNRESERVED = charTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~');

const ALPHAS: ReadonlyMap<string, string> = new Map([
  ['cpid', '8010'], ['cpsn', '8011'], ['cpv', '22'], ['gcn', '255'], ['gdti', '253'], ['giai', '8004'], ['ginc', '401'],
  ['gln', '414'], ['glnx', '254'], ['gmn', '8013'], ['grai', '8003'], ['gsin', '402'], ['gsrn', '8018'], ['gsrnp', '8017'],
  ['gtin', '01'], ['itip', '8006'], ['lot', '10'], ['party', '417'], ['refno', '8020'], ['ser', '21'], ['srin', '8019'], ['sscc', '00'],
]);

const DIGITS = /^\d+$/;

const hex = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/** Percent-decoding; "+" is a space only in the query. undefined when a byte decodes to NUL. */
function unescape(s: string, query: boolean): string | undefined {
  if (!s.includes('%') && !(query && s.includes('+'))) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length && hex(s.charCodeAt(i + 1)) >= 0 && hex(s.charCodeAt(i + 2)) >= 0) {
      const byte = hex(s.charCodeAt(i + 1)) * 16 + hex(s.charCodeAt(i + 2));
      if (byte === 0) return undefined;
      out += String.fromCharCode(byte);
      i += 2;
    } else out += query && c === 0x2b ? ' ' : s.charAt(i);
  }
  return out;
}

function escape(s: string, query: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && UNRESERVED[c] === 1) out += s.charAt(i);
    else if (c === 0x20 && query) out += '+';
    else out += `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function pad01(d: AiDefinition, value: string, options: DigitalLinkOptions): string {
  return options.permitZeroSuppressedGtin && d.ai === '01' && (value.length === 13 || value.length === 12 || value.length === 8) ? value.padStart(14, '0') : value;
}

export function parseDigitalLink(uri: string, options: DigitalLinkOptions = {}): ElementsResult {
  const n = uri.length;
  for (let i = 0; i < n; i++) {
    const c = uri.charCodeAt(i);
    if (c >= 128 || URI_CHARS[c] !== 1) return fail(`Digital Link: character ${JSON.stringify(uri.charAt(i))} at position ${i + 1} is not allowed in a URI`);
  }
  const p = uri.startsWith('https://') || uri.startsWith('HTTPS://') ? 8 : uri.startsWith('http://') || uri.startsWith('HTTP://') ? 7 : 0;
  if (p === 0) return fail('Digital Link: the URI must start with https:// or http://');
  const slash = uri.indexOf('/', p);
  if (slash === -1 || slash === p) return fail('Digital Link: the URI has no domain or no path');
  for (let i = p; i < slash; i++) if (BAD_DOMAIN_CHARS[uri.charCodeAt(i)] === 1) return fail(`Digital Link: character "${uri.charAt(i)}" is not allowed in the domain`);
  const hash = uri.indexOf('#', slash);
  const end = hash === -1 ? n : hash;
  const q = uri.indexOf('?', slash);
  const pathEnd = q === -1 || q > end ? end : q;
  const segments = uri.slice(slash, pathEnd).split('/');
  const resolve = (seg: string): AiDefinition | undefined => {
    const alpha = options.permitConvenienceAlphas && seg.length >= 3 && seg.length <= 5 ? ALPHAS.get(seg) : undefined;
    return aiDefinition(alpha ?? seg);
  };
  let keyAt = -1;
  for (let k = segments.length - 2; k >= 1; k -= 2) {
    const d = resolve(segments[k] ?? '');
    if (!d) break;
    if (isDlPrimaryKey(d.ai)) {
      keyAt = k;
      break;
    }
  }
  if (keyAt === -1) return fail('Digital Link: the path holds no GS1 primary key (such as /01/ followed by a GTIN)');
  const elements: Gs1Element[] = [];
  const pathAis: string[] = [];
  for (let k = keyAt; k < segments.length; k += 2) {
    const d = resolve(segments[k] ?? '');
    if (!d) return fail(`Digital Link: ${segments[k] ?? ''} is not an AI`);
    const raw = segments[k + 1] ?? '';
    if (raw === '') return fail(`AI ${d.ai}: the value in the Digital Link path is empty`);
    const decoded = unescape(raw, false);
    if (decoded === undefined) return fail(`AI ${d.ai}: the value decodes to a NUL character`);
    const value = pad01(d, decoded, options);
    const problem = valueProblem(d, value);
    if (problem) return fail(problem);
    elements.push({ ai: d.ai, value, title: d.title });
    pathAis.push(d.ai);
  }
  if (!isDlPathSequence(pathAis)) return fail(`Digital Link: the path AIs ${pathAis.join(', ')} are not a primary key with its qualifiers in order`);
  if (q !== -1 && q < end) {
    for (const param of uri.slice(q + 1, end).split('&')) {
      const eq = param.indexOf('=');
      if (eq === -1) continue; // a singleton parameter: not GS1 data
      const key = param.slice(0, eq);
      if (!DIGITS.test(key)) continue; // another application's parameter
      const d = aiDefinition(key);
      if (!d) return fail(`Digital Link: query parameter ${key} is not a GS1 AI`);
      const raw = param.slice(eq + 1);
      if (raw === '') return fail(`AI ${key}: the value in the Digital Link query is empty`);
      const decoded = unescape(raw, true);
      if (decoded === undefined) return fail(`AI ${key}: the value decodes to a NUL character`);
      const value = pad01(d, decoded, options);
      const problem = valueProblem(d, value);
      if (problem) return fail(problem);
      if (elements.some((e) => e.ai === key)) return fail(`AI ${key} appears twice in the Digital Link`);
      if (!d.dlAttribute) return fail(`AI ${key} may not be a Digital Link query attribute`);
      if (isDlQualifier(key)) {
        for (let j = 1; j <= pathAis.length; j++) {
          if (isDlPathSequence([...pathAis.slice(0, j), key, ...pathAis.slice(j)])) return fail(`AI ${key} belongs in the Digital Link path, after AI ${pathAis[j - 1] ?? ''}`);
        }
      }
      elements.push({ ai: key, value, title: d.title });
    }
  }
  return { ok: true, elements };
}

export interface DigitalLinkFormatOptions {
  /** Scheme, host and any path prefix; default https://id.gs1.org. */
  readonly domain?: string;
}

/**
 * The Digital Link URI of the elements: the first primary key, the qualifier list that takes the most of the data
 * (leaving only valid attributes), attributes in their order with the predefined-length ones first.
 */
export function toDigitalLink(elements: readonly { readonly ai: string; readonly value: string }[], options: DigitalLinkFormatOptions = {}): FormatResult {
  const key = elements.find((e) => isDlPrimaryKey(e.ai));
  if (!key) return fail('Digital Link: the data holds no GS1 primary key (GTIN, SSCC, GLN, …)');
  const isAttr = (ai: string) => aiDefinition(ai)?.dlAttribute ?? false;
  let best: readonly string[] = [];
  let bestScore = -1;
  for (const list of dlQualifiers(key.ai)) {
    const matched = elements.filter((e) => list.includes(e.ai)).length;
    const rest = elements.every((e) => e === key || list.includes(e.ai) || isAttr(e.ai));
    const score = (rest ? 1000 : 0) + matched;
    if (score > bestScore) [best, bestScore] = [list, score];
  }
  const pathAis = [key.ai, ...best];
  let out = (options.domain ?? CANONICAL_DL_DOMAIN).replace(/\/+$/, '');
  for (const ai of pathAis) {
    const e = ai === key.ai ? key : elements.find((x) => x.ai === ai);
    if (e) out += `/${ai}/${escape(e.value, false)}`;
  }
  const attrs = elements.filter((e, i) => !pathAis.includes(e.ai) && elements.findIndex((x) => x.ai === e.ai) === i);
  const bad = attrs.find((e) => !isAttr(e.ai));
  if (bad) return fail(`AI ${bad.ai} cannot be written in a Digital Link with AI ${key.ai}`);
  const fixed = (e: { ai: string }) => aiDefinition(e.ai)?.predefinedLength ?? false;
  const ordered = [...attrs.filter(fixed), ...attrs.filter((e) => !fixed(e))];
  if (ordered.length > 0) out += `?${ordered.map((e) => `${e.ai}=${escape(e.value, true)}`).join('&')}`;
  return { ok: true, value: out };
}
