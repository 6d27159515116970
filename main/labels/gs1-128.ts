// GS1-128 field data for ZPL's ^BC: FNC1 first and after each variable-length value (">8"), digits in pairs in
// code set C, the rest in code set B. Zebra's invocation codes: ">;" starts in C, ">6" switches C → B, ">0" is ">" ("><" would be "^").
import type { Gs1Element } from '../../common/gs1';
import { GS, toElementString } from '../../common/gs1';

const FNC1 = null;

/** The element string from the GS1 encoder as characters and FNC1 marks (its separators), FNC1 first. */
function symbols(elements: readonly Gs1Element[]): (string | typeof FNC1)[] {
  return [...toElementString(elements, { prefix: GS, separator: GS })].map((c) => (c === GS ? FNC1 : c));
}

const isDigit = (s: string | null): boolean => s !== null && s >= '0' && s <= '9';

/**
 * Starts in code set C (every GS1 element string starts with AI digits) and stays there while digits come in
 * pairs; at the first lone digit or other character it switches to B for the rest. Switching back to C would
 * shorten symbols with long numeric tails after text, which Lotline's labels do not have.
 */
export function gs1128ZplData(elements: readonly Gs1Element[]): string {
  const seq = symbols(elements);
  let out = '>;';
  let i = 0;
  let inC = true;
  while (i < seq.length) {
    const s = seq[i] ?? null;
    if (s === FNC1) {
      out += '>8';
      i++;
      continue;
    }
    if (inC) {
      if (isDigit(s) && isDigit(seq[i + 1] ?? null)) {
        out += `${s}${seq[i + 1] as string}`;
        i += 2;
        continue;
      }
      out += '>6';
      inC = false;
    }
    out += s === '>' ? '>0' : s;
    i++;
  }
  return out;
}
