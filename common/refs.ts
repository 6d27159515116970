// How people write a lot or a serial: `PART:LOT` or `PART#SERIAL`.
import type { UnitKind } from './domain';

export interface UnitRef {
  kind: UnitKind;
  part: string;
  code: string;
}

export const partPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
export const codePattern = /^[!-~]{1,40}$/; // printable ASCII without spaces, as on a label

/** Parses `PART:LOT` or `PART#SERIAL`; returns the reason when the text is neither. */
export function parseRef(text: string): UnitRef | string {
  const t = text.trim();
  const at = t.search(/[:#]/);
  if (at <= 0 || at === t.length - 1) {
    return `"${t}" is not a lot or serial reference: write PART:LOT for a lot or PART#SERIAL for a serial`;
  }
  const part = t.slice(0, at);
  const code = t.slice(at + 1);
  if (!partPattern.test(part)) return `"${part}" is not a valid part number`;
  if (!codePattern.test(code)) return `"${code}" is not a valid ${t[at] === ':' ? 'lot' : 'serial'} code`;
  return { kind: t[at] === ':' ? 'lot' : 'serial', part, code };
}

export function formatRef(kind: UnitKind, part: string, code: string): string {
  return `${part}${kind === 'lot' ? ':' : '#'}${code}`;
}
