// GS1 element strings, the data a GS1 barcode carries: AIs and values run together, an FNC1 separator after each
// value whose AI has no predefined length (except the last).
//
// Separators accepted on input (all mean FNC1):
//  - GS (0x1D), what a scanner sends for FNC1 in the data;
//  - "^", the FNC1 placeholder of GS1's Syntax Engine and its test vectors (not in any GS1 character set, so unambiguous);
//  - the literal text "<GS>", which scanner configuration tools and people typing scans by hand write;
//  - "↔" (U+2194), what a keyboard-wedge scanner's Alt+29 keystroke types on Windows: Alt with a numpad code and no
//    leading zero picks the OEM code page 437 glyph for 29, which is "↔". Alt+0029 (leading zero, ANSI code page) gives
//    GS itself, which arrives as 0x1D when the application keeps control characters. Where a wedge's Alt+numpad
//    sequence is not composed at all (Linux and macOS, or NumLock off), the digits "0029"/"029" are typed as text; they
//    cannot be told apart from data and are NOT removed: such a scan fails (too long a value or a wrong check digit)
//    rather than being silently misread. Browsers drop 0x1D typed as a key, so a GS typed via Ctrl+] is lost; configure
//    the wedge to send one of the forms above.
// "<GS>" is also valid text inside an X value; it is read as a separator, the way every scan tool reads it.
import type { ElementsResult, Gs1Element } from './element';
import { fail } from './element';
import { aiDefinition, aiLengthAt } from './ai-lookup';
import { valueProblem } from './validate';

export const GS = '\x1D';

/** Length of the separator at `at` (0 when there is none). */
export function separatorAt(data: string, at: number): number {
  const c = data.charCodeAt(at);
  if (c === 0x1d || c === 0x5e || c === 0x2194) return 1;
  if (c === 0x3c && data.charCodeAt(at + 1) === 0x47 && data.charCodeAt(at + 2) === 0x53 && data.charCodeAt(at + 3) === 0x3e) return 4;
  return 0;
}

function nextSeparator(data: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = data.charCodeAt(i);
    if (c === 0x1d || c === 0x5e || c === 0x2194 || (c === 0x3c && separatorAt(data, i) === 4)) return i;
  }
  return to;
}

/**
 * Reads element string data from `start` (after any symbology identifier). A leading separator (FNC1 in first
 * position) is optional; a trailing one is allowed.
 */
export function parseElementData(data: string, start = 0): ElementsResult {
  const n = data.length;
  let i = start + separatorAt(data, start);
  if (i >= n) return fail('There is no GS1 data');
  const elements: Gs1Element[] = [];
  while (i < n) {
    const aiLen = aiLengthAt(data, i);
    if (aiLen === 0 || i + aiLen > n) return fail(`No GS1 AI starts with "${data.slice(i, i + 4)}" (position ${i + 1})`);
    const ai = data.slice(i, i + aiLen);
    const d = aiDefinition(ai);
    if (!d) return fail(`AI ${ai} is not a GS1 Application Identifier (position ${i + 1})`);
    i += aiLen;
    const end = nextSeparator(data, i, d.predefinedLength ? Math.min(n, i + d.maxLength) : n);
    const value = data.slice(i, end);
    const problem = valueProblem(d, value);
    if (problem) return fail(problem);
    elements.push({ ai, value, title: d.title });
    i = end;
    const sep = separatorAt(data, i);
    if (sep > 0) {
      i += sep;
      if (separatorAt(data, i) > 0) return fail(`Two separators in a row after AI ${ai} (position ${i + 1})`);
    }
  }
  return { ok: true, elements };
}

export interface ElementStringOptions {
  /** What to write for FNC1 between elements: GS (default) for a barcode or scanner, "^" for GS1 tools. */
  readonly separator?: string;
  /** Written first: "" (default), or e.g. "^" or "]d2" to show FNC1 in first position or a symbology identifier. */
  readonly prefix?: string;
}

/** The element string of the elements, in their order, with a separator only where one is needed. */
export function toElementString(elements: readonly { readonly ai: string; readonly value: string }[], options: ElementStringOptions = {}): string {
  const separator = options.separator ?? GS;
  let out = options.prefix ?? '';
  let needSeparator = false;
  for (const e of elements) {
    if (needSeparator) out += separator;
    out += e.ai + e.value;
    needSeparator = !(aiDefinition(e.ai)?.predefinedLength ?? false);
  }
  return out;
}
