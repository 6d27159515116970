import { describe, expect, it } from 'vitest';
import { AltCodeTyping, KeyboardWedge } from './keyboardWedge';

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

describe('KeyboardWedge with configured settings', () => {
  it('ends a scan at the configured suffix key and reads the configured GS substitute as GS', () => {
    const wedge = new KeyboardWedge({ maxGapMs: 40, minLength: 4, suffixKey: 'Tab', gsSubstitute: '~' });
    const keys = [...'0109501101530003~10A1', 'Tab', ...'WO-26101', 'Enter'];
    const results = keys.map((key, i) => wedge.key(key, i * 10));
    expect(results.filter((r) => r !== null)).toEqual(['0109501101530003\x1D10A1']);
    expect(feed(new KeyboardWedge({ maxGapMs: 40, minLength: 4 }), 'AB~CD', 0, 10).at(-1)).toBe('AB~CD');
  });

  it('takes the configured burst threshold: keys 60 ms apart are a scan at 100 ms and typing at 50 ms', () => {
    expect(feed(new KeyboardWedge({ maxGapMs: 100, minLength: 4 }), 'WO-1', 0, 60).at(-1)).toBe('WO-1');
    expect(feed(new KeyboardWedge({ maxGapMs: 50, minLength: 4 }), 'WO-1', 0, 60).at(-1)).toBeNull();
  });
});

describe('KeyboardWedge with GS1 separators', () => {
  const GS = '\x1D';
  type Key = Parameters<KeyboardWedge['key']>[0];
  function run(wedge: KeyboardWedge, keys: readonly (Key | { up: string })[]): string | null {
    let result: string | null = null;
    keys.forEach((key, i) => {
      if (typeof key === 'object' && 'up' in key) wedge.keyUp(key.up, i * 5);
      else result = wedge.key(key, i * 5);
    });
    return result;
  }
  const chars = (text: string) => [...text];
  const altCode = (digits: string) => [
    { key: 'Alt', altKey: true },
    ...[...digits].map((d) => ({ key: d, code: `Numpad${d}`, altKey: true })),
    { up: 'Alt' },
  ];

  it('reads Ctrl+] as GS', () => {
    const keys = [...chars('0109506000134352'), ...chars('10A1'), { key: ']', code: 'BracketRight', ctrlKey: true }, ...chars('21X9'), 'Enter'];
    expect(run(new KeyboardWedge(), keys)).toBe(`0109506000134352` + `10A1${GS}21X9`);
  });

  it('reads a GS key as GS', () => {
    expect(run(new KeyboardWedge(), [...chars('10A1'), GS, ...chars('21X9'), 'Enter'])).toBe(`10A1${GS}21X9`);
  });

  it.each(['0029', '029', '29'])('reads the Alt+%s keypad code as GS, and drops the ↔ the OS composes from it', (digits) => {
    const plain = [...chars('10A1'), ...altCode(digits), ...chars('21X9'), 'Enter'];
    expect(run(new KeyboardWedge(), plain)).toBe(`10A1${GS}21X9`);
    const composed = [...chars('10A1'), ...altCode(digits), '\u2194', ...chars('21X9'), 'Enter'];
    expect(run(new KeyboardWedge(), composed)).toBe(`10A1${GS}21X9`);
  });

  it('keeps a ↔ that arrives on its own (the parser reads it as a separator)', () => {
    expect(run(new KeyboardWedge(), [...chars('10A1'), '\u2194', ...chars('21X9'), 'Enter'])).toBe('10A1\u219421X9');
  });

  it('ends an Alt-code at the next key even without a key release', () => {
    const keys = [...chars('10A1'), { key: '0', code: 'Numpad0', altKey: true }, { key: '2', code: 'Numpad2', altKey: true }, { key: '9', code: 'Numpad9', altKey: true }, ...chars('21X9'), 'Enter'];
    expect(run(new KeyboardWedge(), keys)).toBe(`10A1${GS}21X9`);
  });

  it('treats other Ctrl shortcuts as the end of a burst, not as text', () => {
    expect(run(new KeyboardWedge(), [...chars('ABCD'), { key: 'c', ctrlKey: true }, 'Enter'])).toBeNull();
  });
});

describe('AltCodeTyping (Alt-codes typed into a field)', () => {
  const digit = (d: string) => ({ key: d, code: `Numpad${d}`, altKey: true });

  it('takes the keypad digits and gives GS when Alt is released, then drops the OS composing it again', () => {
    const typing = new AltCodeTyping();
    expect(typing.down({ key: 'Alt', altKey: true })).toBe(false);
    expect(['0', '2', '9'].map((d) => typing.down(digit(d)))).toEqual([true, true, true]);
    expect(typing.up('Alt')).toBe('\x1D');
    expect(typing.isDuplicate('\u2194')).toBe(true);
    expect(typing.isDuplicate('\u2194')).toBe(false);
  });

  it('leaves ordinary keys and Alt shortcuts alone', () => {
    const typing = new AltCodeTyping();
    expect(typing.down({ key: 'a' })).toBe(false);
    expect(typing.down({ key: 'f', code: 'KeyF', altKey: true })).toBe(false);
    expect(typing.up('Alt')).toBeNull();
    expect(typing.isDuplicate('a')).toBe(false);
  });
});
