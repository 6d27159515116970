import { describe, expect, it } from 'vitest';
import { KeyboardWedge } from './keyboardWedge';

function feed(wedge: KeyboardWedge, text: string, start: number, gap: number): (string | null)[] {
  const keys = [...text];
  keys.push('Enter');
  return keys.map((key, i) => wedge.key(key, start + i * gap));
}

describe('KeyboardWedge', () => {
  it('returns a fast burst ending in Enter as one scan', () => {
    const results = feed(new KeyboardWedge(), 'PX-000129', 0, 8);
    expect(results.at(-1)).toBe('PX-000129');
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
  });

  it('ignores typing at human speed', () => {
    expect(feed(new KeyboardWedge(), 'PX-000129', 0, 180).at(-1)).toBeNull();
  });

  it('ignores short bursts and Shift, and starts over after a pause', () => {
    const wedge = new KeyboardWedge();
    expect(feed(wedge, 'ab', 0, 5).at(-1)).toBeNull();
    expect(wedge.key('Shift', 1000)).toBeNull();
    expect(feed(wedge, 'LOT-1', 1001, 5).at(-1)).toBe('LOT-1');
    wedge.key('x', 2000);
    expect(feed(wedge, 'ABCD', 3000, 5).at(-1)).toBe('ABCD');
  });
});
