// A text field that takes scans: GS1 separators typed by a keyboard wedge (Ctrl+] or a GS key) land as GS, and the
// invisible GS shows as "↔". The value handed to the caller is the data as scanned.
import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { TextInput } from '@mantine/core';
import type { TextInputProps } from '@mantine/core';
import { GS } from '../../../common/gs1';
import { AltCodeTyping, isGsKeystroke } from '../frame/keyboardWedge';
import { readScan, showScan } from '../format/scanText';

/**
 * Handles a wedge's GS keystroke in a field: browsers type nothing for Ctrl+], so the separator is put in here.
 * Returns true when it did.
 */
export function insertGsOnKeystroke(event: KeyboardEvent<HTMLInputElement>, setValue: (value: string) => void): boolean {
  if (!isGsKeystroke(event)) return false;
  event.preventDefault();
  insertAtCaret(event.currentTarget, GS, setValue);
  return true;
}

function insertAtCaret(input: HTMLInputElement, data: string, setValue: (value: string) => void): void {
  const shown = input.value;
  const start = input.selectionStart ?? shown.length;
  const end = input.selectionEnd ?? start;
  const next = readScan(shown.slice(0, start)) + data + readScan(shown.slice(end));
  setValue(next);
  // At the end (a scan in progress) the caret stays at the end by itself; moving it later would misplace keys typed
  // meanwhile. In the middle, put it after the separator once the field shows the new value, unless typing went on.
  if (end === shown.length) return;
  requestAnimationFrame(() => {
    if (readScan(input.value) === next) input.setSelectionRange(start + 1, start + 1);
  });
}

/** Key handlers that let a field take a wedge's separators: Ctrl+], a GS key, and Alt+029 on the keypad. */
export function useScanKeys(setValue: (value: string) => void) {
  const altCode = useRef<AltCodeTyping>(null);
  altCode.current ??= new AltCodeTyping();
  return {
    /** True when the key was a separator (or part of one) and has been handled. */
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>): boolean => {
      if (insertGsOnKeystroke(event, setValue)) return true;
      if (altCode.current?.down(event)) {
        event.preventDefault();
        return true;
      }
      return false;
    },
    onKeyUp: (event: KeyboardEvent<HTMLInputElement>): void => {
      const char = altCode.current?.up(event.key);
      if (char) insertAtCaret(event.currentTarget, char, setValue);
    },
    onBeforeInput: (event: { data?: string | null; preventDefault: () => void }): void => {
      if (altCode.current?.isDuplicate(event.data ?? null)) event.preventDefault();
    },
  };
}

export interface ScanInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
}

export function ScanInput({ value, onChange, onKeyDown, ...props }: ScanInputProps) {
  const keys = useScanKeys(onChange);
  return (
    <TextInput
      {...props}
      value={showScan(value)}
      spellCheck={false}
      autoComplete="off"
      onChange={(event) => onChange(readScan(event.currentTarget.value))}
      onKeyDown={(event) => {
        if (keys.onKeyDown(event)) return;
        onKeyDown?.(event);
      }}
      onKeyUp={keys.onKeyUp}
      onBeforeInput={(event) => keys.onBeforeInput(event.nativeEvent)}
    />
  );
}
