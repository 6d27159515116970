// Event times shown back in the zone they happened in.
import { describe, expect, it } from 'vitest';
import { eventTime, withOffset } from './time';

describe('withOffset', () => {
  it('shows a stored UTC time in its zone, the UTC shortcut included', () => {
    expect(withOffset('2026-03-01T08:30:00.123Z', '+00:00')).toBe('2026-03-01T08:30:00+00:00');
    expect(withOffset('2026-03-01T08:30:00Z', '+00:00')).toBe('2026-03-01T08:30:00+00:00');
    expect(withOffset('2026-03-01T08:30:00.000Z', '+01:00')).toBe('2026-03-01T09:30:00+01:00');
    expect(withOffset('2026-03-01T00:30:00.000Z', '-05:30')).toBe('2026-02-28T19:00:00-05:30');
  });

  it('round-trips a time given with a zone', () => {
    for (const at of ['2026-03-01T09:30:00+01:00', '2026-03-01T08:30:00Z', '2026-02-28T19:00:00-0530']) {
      const t = eventTime(at, new Date());
      expect(Date.parse(withOffset(t.utc, t.offset))).toBe(Date.parse(at.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
    }
  });
});
