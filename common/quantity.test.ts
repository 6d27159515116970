import { describe, expect, it } from 'vitest';
import { fromMilli, positiveQuantity, toMilli } from './quantity';
import { gs1CheckDigit, gtinProblem, toGtin14 } from './gtin';
import { formatRef, parseRef } from './refs';

describe('quantities', () => {
  it('round-trips decimal text exactly', () => {
    for (const text of ['0', '1', '0.001', '12.5', '100.25', '999999999999.999']) expect(fromMilli(toMilli(text) ?? -1)).toBe(text);
    expect(fromMilli((toMilli('0.1') ?? 0) + (toMilli('0.2') ?? 0))).toBe('0.3');
  });
  it('rejects what is not a non-negative decimal with at most 3 places', () => {
    for (const bad of ['-1', '1.0001', '1e3', 'abc', '', '1,5']) expect(toMilli(bad)).toBeUndefined();
    expect(positiveQuantity.safeParse('0').success).toBe(false);
    expect(positiveQuantity.parse(2.5)).toBe(2500);
  });
});

describe('GTIN check digits', () => {
  it('computes the GS1 mod-10 check digit', () => {
    expect(gs1CheckDigit('0950600013435')).toBe(2);
    expect(gs1CheckDigit('400638133393')).toBe(1); // GTIN-13 4006381333931
  });
  it('says what is wrong with a GTIN', () => {
    expect(gtinProblem('09506000134352')).toBeUndefined();
    expect(gtinProblem('4006381333931')).toBeUndefined();
    expect(gtinProblem('09506000134353')).toBe('check digit should be 2');
    expect(gtinProblem('1234567')).toBe('must have 8, 12, 13 or 14 digits (has 7)');
    expect(gtinProblem('0950600013435X')).toBe('must contain digits only');
    expect(toGtin14('4006381333931')).toBe('04006381333931');
  });
});

describe('lot and serial references', () => {
  it('parses PART:LOT and PART#SERIAL and formats them back', () => {
    expect(parseRef('RES-PC:R26124-01')).toEqual({ kind: 'lot', part: 'RES-PC', code: 'R26124-01' });
    expect(parseRef(' PUMP-PX2#PX-000129 ')).toEqual({ kind: 'serial', part: 'PUMP-PX2', code: 'PX-000129' });
    expect(formatRef('serial', 'PUMP-PX2', 'PX-000129')).toBe('PUMP-PX2#PX-000129');
  });
  it('explains what is not a reference', () => {
    expect(parseRef('RES-PC')).toMatch(/is not a lot or serial reference/);
    expect(parseRef(':A')).toMatch(/is not a lot or serial reference/);
    expect(parseRef('RES PC:A')).toBe('"RES PC" is not a valid part number');
  });
});
