import { describe, expect, it } from 'vitest';
import { describeCriterion, judge } from './judge';

describe('judge', () => {
  const ph = { kind: 'numeric', unit: 'pH', lower: 6.5, upper: 7.5 } as const;
  it('passes values on either limit and fails the smallest step outside', () => {
    expect([6.5, 7.5, 7, 6.499999, 7.500001, -7].map((v) => judge('pH', ph, v))).toEqual([
      { ok: true, value: 6.5, outcome: 'pass' },
      { ok: true, value: 7.5, outcome: 'pass' },
      { ok: true, value: 7, outcome: 'pass' },
      { ok: true, value: 6.499999, outcome: 'fail' },
      { ok: true, value: 7.500001, outcome: 'fail' },
      { ok: true, value: -7, outcome: 'fail' },
    ]);
  });
  it('reads numbers given as text and refuses text that is not one', () => {
    expect(judge('pH', ph, ' 7.50 ')).toEqual({ ok: true, value: 7.5, outcome: 'pass' });
    expect(judge('pH', ph, '65e-1')).toEqual({ ok: true, value: 6.5, outcome: 'pass' });
    expect(judge('pH', ph, '7,2')).toEqual({ ok: false, problem: 'pH is measured in pH: give a number, not “7,2”' });
    expect(judge('pH', ph, '')).toMatchObject({ ok: false });
  });
  it('judges one-sided limits and expected text', () => {
    expect(judge('Moisture', { kind: 'numeric', unit: '%', lower: null, upper: 0.02 }, 0.02)).toMatchObject({ outcome: 'pass' });
    expect(judge('Force', { kind: 'numeric', unit: 'N', lower: 50, upper: null }, 49.9)).toMatchObject({ outcome: 'fail' });
    expect(judge('Leak', { kind: 'text', expected: 'No leak' }, ' no   LEAK ')).toEqual({ ok: true, value: 'no   LEAK', outcome: 'pass' });
    expect(judge('Leak', { kind: 'text', expected: 'No leak' }, 'Leak at clamp')).toMatchObject({ outcome: 'fail' });
    expect(judge('Leak', { kind: 'text', expected: 'No leak' }, 1)).toMatchObject({ ok: false });
  });
  it('describes the specification as people read it', () => {
    expect(describeCriterion(ph)).toBe('6.5 – 7.5 pH');
    expect(describeCriterion({ kind: 'numeric', unit: '%', lower: null, upper: 0.02 })).toBe('≤ 0.02 %');
    expect(describeCriterion({ kind: 'numeric', unit: 'N', lower: 50, upper: null })).toBe('≥ 50 N');
    expect(describeCriterion({ kind: 'text', expected: 'Pass' })).toBe('“Pass”');
  });
});
