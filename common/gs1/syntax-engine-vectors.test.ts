// GS1's own Syntax Engine conformance vectors: the same verdict and the same element string ("^" = FNC1) on each.
// The vectors test syntax only; the engine checks associations (req=, ex=) in a separate step, so they are parsed
// here with `associations: false` or with the form's own parser, which never checks associations.
import { describe, expect, it } from 'vitest';
import vectorFile from '../../reference/gs1/syntax-engine-vectors.json';
import { parseBracketed } from './bracketed';
import type { DigitalLinkOptions } from './digital-link';
import { parseDigitalLink } from './digital-link';
import type { Gs1Element } from './element';
import { parseElementData, toElementString } from './element-string';
import { readScanData } from './scan-data';

interface Vector {
  kind: 'bracketed' | 'element-string' | 'digital-link' | 'scan-data';
  input: string;
  ok: boolean;
  expect?: string | null;
  symbology?: string;
}
const vectors = (vectorFile as { vectors: Vector[] }).vectors;

/** The engine's notation: FNC1 in first position, then "^" where a separator is needed. */
const engine = (elements: readonly Gs1Element[]) => toElementString(elements, { separator: '^', prefix: '^' });

// Vectors that the engine's unit tests ran with a non-default option (gs1-syntax-engine src/c-lib/dl.c), listed per
// occurrence of the same input. Lotline has both options (off by default); 'unsupported' needs an engine feature
// Lotline leaves out on purpose: unknown AIs accepted as Digital Link attributes.
const zs: DigitalLinkOptions = { permitZeroSuppressedGtin: true };
const alphas: DigitalLinkOptions = { permitConvenienceAlphas: true };
const DL_OPTIONS: Record<string, (DigitalLinkOptions | 'unsupported')[]> = {
  'https://a/gtin/12312312312333': [{}, alphas],
  'https://a/gtin/12312312312333/ser/ABC123': [alphas],
  'https://a/sscc/006141411234567890': [alphas],
  'https://a/01/2112345678900': [zs, {}],
  'https://a/01/416000336108': [zs, {}],
  'https://a/01/02345673': [zs, {}],
  'https://a/8004/9520614141234567?01=2112345678900': [zs, {}],
  'https://a/8004/9520614141234567?01=02345673': [zs, {}],
  'https://brand.example.com/01/9520123456788': [zs],
  'https://brand.example.com/some-extra/pathinfo/01/9520123456788': [zs],
  'https://example.com/01/9520123456788?3103=000195&3922=0299&17=201225': [zs, zs],
  'https://id.gs1.org/01/9520123456788?3103=000195&3922=0299&17=201225': [zs],
  'https://id.gs1.org/01/9520123456788?17=201225&3103=000195&3922=0299': [zs],
  'https://example.com/01/09520123456788?99=XYZ&89=ABC123': [{}, {}, 'unsupported'],
};
const seen = new Map<string, number>();
const dlOptions = (input: string) => {
  const n = seen.get(input) ?? 0;
  seen.set(input, n + 1);
  return DL_OPTIONS[input]?.[n] ?? {};
};

/** What the engine reports for scanner data: GS1 data in "^" notation, other text with a leading "^" escaped. */
function scanVerdict(input: string): { ok: boolean; expect: string | null } {
  const scan = readScanData(input);
  if (!scan.ok) return { ok: false, expect: null };
  if (scan.content === 'gs1') {
    const r = parseElementData(input, scan.start);
    return r.ok ? { ok: true, expect: engine(r.elements) } : { ok: false, expect: null };
  }
  if (scan.content === 'ean') {
    if (scan.composite === undefined) return { ok: true, expect: scan.gtin };
    const r = parseElementData(input, scan.composite);
    return r.ok ? { ok: true, expect: `${scan.gtin}|${engine(r.elements)}` } : { ok: false, expect: null };
  }
  if (/^(https?|HTTPS?):\/\//.test(scan.text) && !parseDigitalLink(scan.text).ok) return { ok: false, expect: null };
  return { ok: true, expect: scan.text.replace(/^(\\*\^)/, '\\$1') };
}

describe('GS1 Syntax Engine vectors', () => {
  it('has the 278 vectors of the reference file', () => {
    expect(vectors).toHaveLength(278);
  });

  const unsupported: string[] = [];
  for (const [index, v] of vectors.entries()) {
    const name = `${v.kind} #${index}: ${JSON.stringify(v.input)} → ${v.ok ? v.expect ?? 'ok' : 'rejected'}`;
    if (v.kind === 'bracketed') {
      it(name, () => {
        const r = parseBracketed(v.input);
        expect(r.ok).toBe(v.ok);
        if (r.ok) expect(engine(r.elements)).toBe(v.expect);
      });
    } else if (v.kind === 'element-string') {
      it(name, () => {
        // In the vectors' notation a leading "^" (FNC1 in first) is what marks the data as GS1 element strings.
        const r = parseElementData(v.input);
        expect(v.input.startsWith('^') && r.ok).toBe(v.ok);
        if (r.ok && v.ok) {
          const again = parseElementData(engine(r.elements));
          expect(again.ok && again.elements).toEqual(r.elements);
        }
      });
    } else if (v.kind === 'digital-link') {
      const options = dlOptions(v.input);
      if (options === 'unsupported') {
        unsupported.push(v.input);
        it(`${name} (needs unknown AIs as attributes: Lotline rejects it)`, () => {
          expect(v.ok).toBe(true);
          expect(parseDigitalLink(v.input).ok).toBe(false);
        });
        continue;
      }
      it(`${name}${Object.keys(options).length ? ` with ${JSON.stringify(options)}` : ''}`, () => {
        const r = parseDigitalLink(v.input, options);
        if (!r.ok && v.ok) expect(r.error).toBe('');
        expect(r.ok).toBe(v.ok);
        if (r.ok) expect(engine(r.elements)).toBe(v.expect);
      });
    } else {
      it(name, () => {
        expect(scanVerdict(v.input)).toEqual({ ok: v.ok, expect: v.ok ? v.expect : null });
      });
    }
  }

  it('disagrees only where an engine option Lotline does not offer was on', () => {
    expect(unsupported).toEqual(['https://example.com/01/09520123456788?99=XYZ&89=ABC123']);
  });
});
