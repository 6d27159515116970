import { describe, expect, it } from 'vitest';
import { specStateWord, specificationText, valueText } from './qualityWords';

describe('quality words', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  it('names each state of a spec version', () => {
    expect(specStateWord({ status: 'draft', inForce: false, effectiveFrom: null }, now)).toBe('Draft');
    expect(specStateWord({ status: 'approved', inForce: true, effectiveFrom: '2026-05-01T00:00:00Z' }, now)).toBe('In force');
    expect(specStateWord({ status: 'approved', inForce: false, effectiveFrom: '2026-05-01T00:00:00Z' }, now)).toBe('Superseded');
    expect(specStateWord({ status: 'approved', inForce: false, effectiveFrom: '2026-07-01T00:00:00Z' }, now)).toBe('Approved');
  });
  it('writes specifications and values with their units', () => {
    const ph = { kind: 'numeric', unit: 'pH', lower: 6.5, upper: 7.5 } as const;
    expect(specificationText(ph, 2)).toBe('6.5 – 7.5 pH (v2)');
    expect(valueText(7.1, ph)).toBe('7.1 pH');
    expect(valueText('No leak', { kind: 'text', expected: 'No leak' })).toBe('No leak');
  });
});
