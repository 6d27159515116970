// Recognises a keyboard-wedge scanner: a fast burst of characters ending in Enter, typed while no field has focus.
// People type far slower than scanners, so a gap between keys ends a burst.

export interface KeyboardWedgeOptions {
  /** The longest pause between two keys of one scan. */
  maxGapMs: number;
  /** Shorter bursts are keystrokes, not scans. */
  minLength: number;
}

const ignoredKeys = new Set(['Shift', 'CapsLock', 'Alt', 'AltGraph']);

export class KeyboardWedge {
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: KeyboardWedgeOptions = { maxGapMs: 100, minLength: 4 }) {}

  /** Feeds one `KeyboardEvent.key`; returns the scanned text when Enter completes a fast burst, else null. */
  key(key: string, at: number): string | null {
    if (ignoredKeys.has(key)) return null;
    if (at - this.lastAt > this.options.maxGapMs) this.buffer = '';
    this.lastAt = at;
    if (key === 'Enter') {
      const text = this.buffer;
      this.buffer = '';
      return text.length >= this.options.minLength ? text : null;
    }
    if (key.length === 1) this.buffer += key;
    else this.buffer = '';
    return null;
  }
}

/** Whether keys typed at this element belong to it (fields keep their own scans). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}
