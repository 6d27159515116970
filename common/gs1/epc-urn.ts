// EPC pure-identity URNs (GS1 EPC Tag Data Standard): sgtin, lgtin (class), sscc, sgln, pgln.
//
// A URN splits the key at the end of the GS1 Company Prefix ("urn:epc:id:sgtin:9506000.013435.SER1"). Read from a
// URN the prefix length is the position of the first dot. Written from a GTIN/SSCC/GLN it cannot be known without
// GS1's prefix length table, so the caller says it (`companyPrefixLength`, 6 to 12, default 7, the most common
// length for GS1 member companies' prefixes). A wrong length still gives a URN that reads back to the same key, but
// not the one a trading partner writes for it.
import type { ElementsResult, FormatResult, Gs1Element } from './element';
import { fail } from './element';
import { aiDefinition } from './ai-lookup';
import { mod10CheckDigit } from './linters';
import { valueProblem } from './validate';

export const DEFAULT_COMPANY_PREFIX_LENGTH = 7;

/** TDS: these characters of GS1 character set 82 are percent-escaped in a URN; every other one is written as is. */
const URN_ESCAPES: Readonly<Record<string, string>> = { '"': '%22', '%': '%25', '&': '%26', '/': '%2F', '<': '%3C', '>': '%3E', '?': '%3F' };

function escapeUrn(s: string): string {
  let out = '';
  for (const ch of s) out += URN_ESCAPES[ch] ?? ch;
  return out;
}

function unescapeUrn(s: string): string | undefined {
  if (!s.includes('%')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s.charAt(i) !== '%') {
      out += s.charAt(i);
      continue;
    }
    const h = s.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(h)) return undefined;
    out += String.fromCharCode(parseInt(h, 16));
    i += 2;
  }
  return out;
}

const SCHEMES = ['urn:epc:id:sgtin:', 'urn:epc:class:lgtin:', 'urn:epc:id:sscc:', 'urn:epc:id:sgln:', 'urn:epc:id:pgln:'] as const;
const DIGITS = /^\d+$/;

function element(ai: string, value: string): Gs1Element | string {
  const d = aiDefinition(ai);
  if (!d) return `AI ${ai} is missing from the AI table`;
  return valueProblem(d, value) ?? { ai, value, title: d.title };
}

export function parseEpcUrn(urn: string): ElementsResult {
  const scheme = SCHEMES.find((s) => urn.startsWith(s));
  if (!scheme) return fail(`EPC URN: ${urn.slice(0, 24)}… is not one of ${SCHEMES.map((s) => s.slice(0, -1)).join(', ')}`);
  const name = scheme.slice(scheme.lastIndexOf(':', scheme.length - 2) + 1, -1);
  const want = name === 'sscc' || name === 'pgln' ? 2 : 3;
  // The last part of sgtin, lgtin and sgln (serial, lot, extension) may itself hold dots.
  const body = urn.slice(scheme.length).split('.');
  const parts = want === 3 && body.length > 3 ? [body[0] ?? '', body[1] ?? '', body.slice(2).join('.')] : body;
  if (parts.length !== want) return fail(`EPC URN: a ${name} URN has ${want} dot-separated parts, this one ${parts.length}`);
  const [cp = '', ref = '', extra = ''] = parts;
  if (!DIGITS.test(cp) || cp.length < 6 || cp.length > 12) return fail(`EPC URN: company prefix "${cp}" must be 6 to 12 digits`);
  if (ref !== '' && !DIGITS.test(ref)) return fail(`EPC URN: reference "${ref}" must be digits`);
  const digits = cp.length + ref.length;
  const key = (total: number, build: () => string): string | undefined => (digits === total ? build() : undefined);
  const out: (Gs1Element | string)[] = [];
  if (name === 'sgtin' || name === 'lgtin') {
    const body = key(13, () => ref.charAt(0) + cp + ref.slice(1));
    if (!body || ref === '') return fail(`EPC URN: company prefix and item reference of a GTIN have 13 digits together, these ${digits}`);
    out.push(element('01', body + mod10CheckDigit(body)));
    const tail = unescapeUrn(extra);
    if (tail === undefined) return fail(`EPC URN: "${extra}" has a bad percent-escape`);
    out.push(element(name === 'sgtin' ? '21' : '10', tail));
  } else if (name === 'sscc') {
    const body = key(17, () => ref.charAt(0) + cp + ref.slice(1));
    if (!body) return fail(`EPC URN: company prefix and serial reference of an SSCC have 17 digits together, these ${digits}`);
    out.push(element('00', body + mod10CheckDigit(body)));
  } else {
    const body = key(12, () => cp + ref);
    if (!body) return fail(`EPC URN: company prefix and ${name === 'sgln' ? 'location' : 'party'} reference of a GLN have 12 digits together, these ${digits}`);
    out.push(element(name === 'sgln' ? '414' : '417', body + mod10CheckDigit(body)));
    if (name === 'sgln' && extra !== '0') {
      const ext = unescapeUrn(extra);
      if (ext === undefined) return fail(`EPC URN: "${extra}" has a bad percent-escape`);
      out.push(element('254', ext));
    }
  }
  const problem = out.find((e): e is string => typeof e === 'string');
  if (problem !== undefined) return fail(problem);
  return { ok: true, elements: out.filter((e): e is Gs1Element => typeof e !== 'string') };
}

export interface EpcUrnOptions {
  /** Digits of the GS1 Company Prefix, 6 to 12; default 7 (see the note at the top of this file). */
  readonly companyPrefixLength?: number;
}

/**
 * The EPC URN of the elements: SSCC (00) → sscc; GTIN (01) with a serial (21) → sgtin, else with a lot (10) → lgtin;
 * GLN (414, with extension 254) → sgln; party GLN (417) → pgln.
 */
export function toEpcUrn(elements: readonly { readonly ai: string; readonly value: string }[], options: EpcUrnOptions = {}): FormatResult {
  const cpLen = options.companyPrefixLength ?? DEFAULT_COMPANY_PREFIX_LENGTH;
  if (!Number.isInteger(cpLen) || cpLen < 6 || cpLen > 12) return fail(`EPC URN: the company prefix length must be 6 to 12, not ${cpLen}`);
  const get = (ai: string) => elements.find((e) => e.ai === ai)?.value;
  const sscc = get('00');
  if (sscc !== undefined) return { ok: true, value: `urn:epc:id:sscc:${sscc.slice(1, 1 + cpLen)}.${sscc.charAt(0)}${sscc.slice(1 + cpLen, 17)}` };
  const gtin = get('01');
  if (gtin !== undefined) {
    const serial = get('21');
    const lot = get('10');
    const head = `${gtin.slice(1, 1 + cpLen)}.${gtin.charAt(0)}${gtin.slice(1 + cpLen, 13)}`;
    if (serial !== undefined) return { ok: true, value: `urn:epc:id:sgtin:${head}.${escapeUrn(serial)}` };
    if (lot !== undefined) return { ok: true, value: `urn:epc:class:lgtin:${head}.${escapeUrn(lot)}` };
    return fail('EPC URN: a GTIN needs a serial (AI 21, sgtin) or a lot (AI 10, lgtin)');
  }
  const gln = get('414');
  if (gln !== undefined) {
    const ext = get('254');
    return { ok: true, value: `urn:epc:id:sgln:${gln.slice(0, cpLen)}.${gln.slice(cpLen, 12)}.${ext === undefined ? '0' : escapeUrn(ext)}` };
  }
  const party = get('417');
  if (party !== undefined) return { ok: true, value: `urn:epc:id:pgln:${party.slice(0, cpLen)}.${party.slice(cpLen, 12)}` };
  return fail('EPC URN: the data holds no SSCC, GTIN, GLN or party GLN');
}
