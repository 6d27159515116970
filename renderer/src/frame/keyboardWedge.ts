// Recognises a keyboard-wedge scanner: a fast burst of characters ending in Enter, typed while no field has focus.
// People type far slower than scanners, so a gap between keys ends a burst.
//
// GS1 barcodes carry FNC1 separators, and wedges type them in several ways; each becomes GS (0x1D) in the scan:
//  - Ctrl+] (how a wedge "types" ASCII 29 as a control key), or a key event whose key is GS itself;
//  - Alt held with 0029 / 029 / 29 on the numeric keypad (the Windows Alt-code), however the browser reports the
//    digits; the "↔" that Windows may compose from Alt+29 right after it is then dropped, not counted twice.
// A "↔" arriving on its own is kept: the GS1 parser reads it as a separator.
import { GS } from '../../../common/gs1';

export interface KeyboardWedgeOptions {
  /** The longest pause between two keys of one scan. */
  maxGapMs: number;
  /** Shorter bursts are keystrokes, not scans. */
  minLength: number;
  /** The key the wedge sends after each barcode (default Enter). */
  suffixKey?: 'Enter' | 'Tab';
  /** A printable character the wedge is set to send for GS (FNC1); inside a burst it becomes GS. */
  gsSubstitute?: string;
}

/** What the wedge needs from a `KeyboardEvent`. */
export interface WedgeKey {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

const ignoredKeys = new Set(['Shift', 'CapsLock', 'Alt', 'AltGraph', 'Control', 'NumLock']);

/** Whether this keystroke is a wedge's FNC1 separator sent as the GS control character (Ctrl+]). */
export function isGsKeystroke(event: WedgeKey): boolean {
  if (event.key === GS) return true;
  return event.ctrlKey === true && !event.altKey && !event.metaKey && (event.key === ']' || event.code === 'BracketRight');
}

/** An Alt+numpad digit: part of a Windows Alt-code, not text. */
function altCodeDigit(event: WedgeKey): string | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const match = /^Numpad(\d)$/.exec(event.code ?? '');
  if (match) return match[1] ?? null;
  return null;
}

/** The character an Alt-code stands for, as far as scans are concerned: 29 is GS, printable ASCII is itself. */
function altCodeChar(digits: string): string | null {
  const code = Number(digits);
  if (code === 29) return GS;
  if (code >= 32 && code <= 126) return String.fromCharCode(code);
  return null;
}

export class KeyboardWedge {
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;
  private altDigits = '';
  /** Set right after an Alt-code became GS, so the "↔" the OS may compose from it is not a second separator. */
  private composedGs = false;

  constructor(private readonly options: KeyboardWedgeOptions = { maxGapMs: 100, minLength: 4 }) {}

  /**
   * Feeds one key press (a `KeyboardEvent.key`, or the event itself for modifiers and codes); returns the scanned
   * text when Enter completes a fast burst, else null.
   */
  key(input: string | WedgeKey, at: number): string | null {
    const event: WedgeKey = typeof input === 'string' ? { key: input } : input;
    if (event.metaKey) return null;
    if (at - this.lastAt > this.options.maxGapMs) this.reset();
    const digit = altCodeDigit(event);
    if (digit !== null) {
      this.lastAt = at;
      this.altDigits += digit;
      return null;
    }
    if (ignoredKeys.has(event.key)) return null;
    this.lastAt = at;
    this.flushAltCode();
    const composed = this.composedGs;
    this.composedGs = false;
    if (isGsKeystroke(event)) {
      if (!composed) this.buffer += GS;
      return null;
    }
    if (event.ctrlKey) {
      this.buffer = '';
      return null;
    }
    if (this.options.gsSubstitute && event.key === this.options.gsSubstitute) {
      this.buffer += GS;
      return null;
    }
    if (event.key === (this.options.suffixKey ?? 'Enter')) {
      const text = this.buffer;
      this.buffer = '';
      return text.length >= this.options.minLength ? text : null;
    }
    if (event.key === '\u2194' && composed) return null;
    if (event.key.length === 1) this.buffer += event.key;
    else this.buffer = '';
    return null;
  }

  /** Feeds a key release: releasing Alt ends an Alt-code. */
  keyUp(key: string, at: number): void {
    if (key !== 'Alt' || this.altDigits === '') return;
    if (at - this.lastAt > this.options.maxGapMs) {
      this.reset();
      return;
    }
    this.lastAt = at;
    this.flushAltCode();
  }

  private flushAltCode(): void {
    if (this.altDigits === '') return;
    const char = altCodeChar(this.altDigits);
    this.altDigits = '';
    if (char === null) return;
    this.buffer += char;
    this.composedGs = char === GS;
  }

  private reset(): void {
    this.buffer = '';
    this.altDigits = '';
    this.composedGs = false;
  }
}

/**
 * Alt-codes typed into a field. Where the OS composes them (Windows) the character arrives by itself, but where it
 * does not (Linux, macOS, NumLock off) the digits would be typed as text and GS lost: so the field takes the digits,
 * puts in the character when Alt is released, and drops the OS's own copy of it if one follows.
 */
export class AltCodeTyping {
  private digits = '';
  private composed: string | null = null;

  /** On keydown: true when the key is part of an Alt-code (the field prevents its default). */
  down(event: WedgeKey): boolean {
    const digit = altCodeDigit(event);
    if (digit === null) {
      if (event.key !== 'Alt') this.composed = null;
      return false;
    }
    this.digits += digit;
    return true;
  }

  /** On keyup: the character a finished Alt-code stands for (GS for 29), or null. */
  up(key: string): string | null {
    if (key !== 'Alt' || this.digits === '') return null;
    const char = altCodeChar(this.digits);
    this.digits = '';
    this.composed = char;
    return char;
  }

  /** On beforeinput: true when this text is the OS composing the Alt-code the field has already put in. */
  isDuplicate(data: string | null): boolean {
    const composed = this.composed;
    this.composed = null;
    return composed !== null && (data === composed || (composed === GS && data === '\u2194'));
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
