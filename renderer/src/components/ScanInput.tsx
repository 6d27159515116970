// A text field that takes scans: GS1 separators typed by a keyboard wedge (Ctrl+] or a GS key) land as GS, and the
// invisible GS shows as "↔". The value handed to the caller is the data as scanned.
import type { KeyboardEvent } from 'react';
import { TextInput } from '@mantine/core';
import type { TextInputProps } from '@mantine/core';
import { GS } from '../../../common/gs1';
import { isGsKeystroke } from '../frame/keyboardWedge';
import { readScan, showScan } from '../format/scanText';

/**
 * Handles a wedge's GS keystroke in a field: browsers type nothing for Ctrl+], so the separator is put in here.
 * Returns true when it did.
 */
export function insertGsOnKeystroke(event: KeyboardEvent<HTMLInputElement>, setValue: (value: string) => void): boolean {
  if (!isGsKeystroke(event)) return false;
  event.preventDefault();
  const input = event.currentTarget;
  const shown = input.value;
  const start = input.selectionStart ?? shown.length;
  const end = input.selectionEnd ?? start;
  setValue(readScan(shown.slice(0, start)) + GS + readScan(shown.slice(end)));
  requestAnimationFrame(() => input.setSelectionRange(start + 1, start + 1));
  return true;
}

export interface ScanInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
}

export function ScanInput({ value, onChange, onKeyDown, ...props }: ScanInputProps) {
  return (
    <TextInput
      {...props}
      value={showScan(value)}
      spellCheck={false}
      autoComplete="off"
      onChange={(event) => onChange(readScan(event.currentTarget.value))}
      onKeyDown={(event) => {
        if (insertGsOnKeystroke(event, onChange)) return;
        onKeyDown?.(event);
      }}
    />
  );
}
