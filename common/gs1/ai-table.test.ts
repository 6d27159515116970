// Generated cases for every AI of the dictionary: a valid value (longest and random), one character too long, a bad
// check digit where csum, a bad date where dates, and a character outside the AI's character set.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import type { AiDefinition, Charset } from './ai-definition';
import { ALL_AIS } from './ai-lookup';
import { parseBracketed, toBracketed } from './bracketed';
import { parseElementData, toElementString } from './element-string';
import { mod10CheckDigit } from './linters';
import { sampleValue } from './sample-values.test-support';

const rand = mulberry32(20240401);
const OUTSIDE: Record<Charset, string> = { N: 'A', X: '~', Y: 'a', Z: '!' };
const INSIDE: Record<Charset, string> = { N: '7', X: 'x', Y: 'X', Z: 'z' };
const bracket = (d: AiDefinition, value: string) => parseBracketed(toBracketed([{ ai: d.ai, value }]));

describe.each(ALL_AIS.map((d) => [d.ai, d] as const))('AI %s', (ai, d) => {
  const longest = sampleValue(rand, d, true);
  const random = sampleValue(rand, d);

  it('accepts a valid value, longest and random, bracketed and as an element string', () => {
    for (const value of [longest, random]) {
      expect(bracket(d, value)).toEqual({ ok: true, elements: [{ ai, value, title: d.title }] });
      const es = parseElementData(toElementString([{ ai, value }]));
      expect(es).toEqual({ ok: true, elements: [{ ai, value, title: d.title }] });
    }
  });

  it('refuses one character too many', () => {
    const last = d.components.at(-1);
    const r = bracket(d, longest + INSIDE[last?.charset ?? 'X'].repeat(d.maxLength + 1 - longest.length));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`^AI ${ai}: too long \\(${d.maxLength + 1} characters`)) });
  });

  it('refuses a value that is too short or empty', () => {
    expect(bracket(d, '').ok).toBe(false);
    if (d.minLength > 1) expect(bracket(d, longest.slice(0, d.minLength - 1))).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`^AI ${ai}: too short`)) });
  });

  it('refuses a character outside its character set', () => {
    const first = d.components[0];
    const bad = OUTSIDE[first?.charset ?? 'X'] + longest.slice(1);
    expect(bracket(d, bad)).toEqual({ ok: false, error: `AI ${ai}: character "${bad.charAt(0)}" at position 1 is not allowed (${{ N: 'digits only', X: 'GS1 character set 82', Y: 'GS1 character set 39', Z: 'GS1 character set 64 (base64url)' }[first?.charset ?? 'X']})` });
  });

  const csumAt = (() => {
    let offset = 0;
    for (const c of d.components) {
      if (c.linters.includes('csum')) return offset + c.max - 1;
      offset += c.max;
    }
    return -1;
  })();
  if (csumAt >= 0) {
    it('refuses a wrong check digit and says which is right', () => {
      const right = longest.charAt(csumAt);
      const wrong = String((Number(right) + 1 + Math.floor(rand() * 8)) % 10);
      const bad = longest.slice(0, csumAt) + wrong + longest.slice(csumAt + 1);
      expect(mod10CheckDigit(longest.slice(csumAt - (d.components.find((c) => c.linters.includes('csum'))?.max ?? 1) + 1, csumAt))).toBe(Number(right));
      expect(bracket(d, bad)).toEqual({ ok: false, error: `AI ${ai}: check digit should be ${right}` });
    });
  }

  if (d.components.some((c) => c.linters.includes('csumalpha'))) {
    it('refuses wrong check characters', () => {
      const flipped = longest.slice(0, -1) + (longest.endsWith('2') ? '3' : '2');
      expect(bracket(d, flipped)).toEqual({ ok: false, error: `AI ${ai}: check characters should be ${longest.slice(-2)}` });
    });
  }

  const dateAt = (() => {
    let offset = 0;
    for (const c of d.components) {
      const date = c.linters.find((l) => l === 'yymmdd' || l === 'yymmd0' || l === 'yyyymmdd');
      if (date) return { offset, date };
      offset += c.max;
    }
    return undefined;
  })();
  if (dateAt) {
    it(`refuses an impossible date (${dateAt.date})`, () => {
      const m = dateAt.offset + (dateAt.date === 'yyyymmdd' ? 4 : 2);
      const withMonth = (mm: string, dd: string) => longest.slice(0, m) + mm + dd + longest.slice(m + 4);
      expect(bracket(d, withMonth('13', '01'))).toEqual({ ok: false, error: `AI ${ai}: month 13 is not a month` });
      expect(bracket(d, withMonth('04', '31'))).toEqual({ ok: false, error: `AI ${ai}: day 31 is not a day of month 04` });
      expect(bracket(d, withMonth('00', '10'))).toEqual({ ok: false, error: `AI ${ai}: month 00 is not a month` });
      const dayZero = bracket(d, withMonth('06', '00'));
      if (dateAt.date === 'yymmd0') expect(dayZero.ok).toBe(true);
      else expect(dayZero).toEqual({ ok: false, error: `AI ${ai}: day 00 is not a day` });
    });
  }
});

describe('the AI table', () => {
  it('covers the dictionary, ranges expanded', () => {
    expect(ALL_AIS).toHaveLength(541);
    expect(ALL_AIS.filter((d) => /^31[0-6]\d$/.test(d.ai))).toHaveLength(7 * 6);
  });
});
