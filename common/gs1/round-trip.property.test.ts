// Property tests with the repository's seeded PRNG: random valid data → each form → parse gives the same data, and
// writing the parsed data again gives the same text.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import type { AiDefinition } from './ai-definition';
import { aiDefinition, ALL_AIS, isDlPathSequence } from './ai-lookup';
import { parseBracketed, toBracketed } from './bracketed';
import { parseDigitalLink, toDigitalLink } from './digital-link';
import { parseElementData, toElementString } from './element-string';
import { parseEpcUrn, toEpcUrn } from './epc-urn';
import { parseGs1 } from './index';
import { mod10CheckDigit } from './linters';
import type { Rand } from './sample-values.test-support';
import { pick, sampleValue } from './sample-values.test-support';

const RUNS = 400;
const el = (d: AiDefinition, value: string) => ({ ai: d.ai, value, title: d.title });
const def = (ai: string) => aiDefinition(ai) as AiDefinition;
const digits = (rand: Rand, n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const key = (rand: Rand, n: number) => {
  const body = digits(rand, n - 1);
  return body + mod10CheckDigit(body);
};

function randomElements(rand: Rand) {
  const count = 1 + Math.floor(rand() * 6);
  const out: ReturnType<typeof el>[] = [];
  while (out.length < count) {
    const d = pick(rand, ALL_AIS);
    if (!out.some((e) => e.ai === d.ai)) out.push(el(d, sampleValue(rand, d)));
  }
  return out;
}

describe('round trips (seeded)', () => {
  it('element string, with every separator and AIM prefix', () => {
    const rand = mulberry32(1);
    for (let i = 0; i < RUNS; i++) {
      const elements = randomElements(rand);
      const separator = pick(rand, ['\x1D', '^', '<GS>', '↔']);
      const aim = pick(rand, ['', ']d2', ']C1', ']Q3', ']e0', ']J1']);
      const text = toElementString(elements, { separator, prefix: aim });
      expect(parseGs1(text, { associations: false })).toMatchObject({ ok: true, elements });
      expect(parseElementData(toElementString(elements))).toEqual({ ok: true, elements });
      const again = parseElementData(toElementString(elements));
      expect(again.ok && toElementString(again.elements, { separator, prefix: aim })).toBe(text);
    }
  });

  it('bracketed text', () => {
    const rand = mulberry32(2);
    for (let i = 0; i < RUNS; i++) {
      const elements = randomElements(rand);
      const text = toBracketed(elements);
      const r = parseBracketed(text);
      expect(r).toEqual({ ok: true, elements });
      expect(r.ok && toBracketed(r.elements)).toBe(text);
    }
  });

  it('Digital Link: key, qualifiers in order, attributes; any domain', () => {
    const rand = mulberry32(3);
    const attributes = ALL_AIS.filter((d) => d.dlAttribute && !['01', '22', '10', '21', '00'].includes(d.ai) && !d.dlPrimaryKey);
    for (let i = 0; i < RUNS; i++) {
      const path = [el(def('01'), key(rand, 14))];
      for (const q of ['22', '10', '21']) if (rand() < 0.5) path.push(el(def(q), sampleValue(rand, def(q))));
      expect(isDlPathSequence(path.map((e) => e.ai))).toBe(true);
      const attrs: ReturnType<typeof el>[] = [];
      for (let k = Math.floor(rand() * 4); k > 0; k--) {
        const d = pick(rand, attributes);
        if (!attrs.some((e) => e.ai === d.ai)) attrs.push(el(d, sampleValue(rand, d)));
      }
      const given = [...attrs, ...path].sort(() => rand() - 0.5);
      const inOrder = given.filter((e) => attrs.includes(e));
      const canonical = [...path, ...inOrder.filter((e) => def(e.ai).predefinedLength), ...inOrder.filter((e) => !def(e.ai).predefinedLength)];
      const domain = pick(rand, [undefined, 'https://brand.example.com', 'http://example.org/a/b/']);
      const uri = toDigitalLink(given, domain ? { domain } : {});
      expect(uri.ok).toBe(true);
      if (!uri.ok) continue;
      const r = parseDigitalLink(uri.value);
      expect(r).toEqual({ ok: true, elements: canonical });
      expect(r.ok && toDigitalLink(r.elements, domain ? { domain } : {})).toEqual(uri);
    }
  });

  it('EPC URNs, any company prefix length', () => {
    const rand = mulberry32(4);
    for (let i = 0; i < RUNS; i++) {
      const companyPrefixLength = 6 + Math.floor(rand() * 7);
      const gtin = key(rand, 14);
      const gln = key(rand, 13);
      const cases = [
        [el(def('01'), gtin), el(def('21'), sampleValue(rand, def('21')))],
        [el(def('01'), gtin), el(def('10'), sampleValue(rand, def('10')))],
        [el(def('00'), key(rand, 18))],
        [el(def('414'), gln), el(def('254'), `x${sampleValue(rand, def('254')).slice(1)}`)],
        [el(def('414'), gln)],
        [el(def('417'), gln)],
      ];
      for (const elements of cases) {
        const urn = toEpcUrn(elements, { companyPrefixLength });
        expect(urn.ok).toBe(true);
        if (!urn.ok) continue;
        expect(urn.value.split(':').slice(4).join(':').indexOf('.')).toBe(companyPrefixLength);
        const r = parseEpcUrn(urn.value);
        expect(r).toEqual({ ok: true, elements });
        expect(r.ok && toEpcUrn(r.elements, { companyPrefixLength })).toEqual(urn);
      }
    }
  });
});
