// Scanned GS1 data in a text field: the GS separator is invisible, so fields show it as "↔" and hand GS back.
import { GS } from '../../../common/gs1';

/**
 * U+2194 "↔": what a Windows keyboard wedge types for Alt+29 anyway, so GS1 already reads it as a separator; it is
 * in no GS1 character set (no ambiguity) and, unlike U+241D "␝", in the fonts every desk has.
 */
export const GS_GLYPH = '\u2194';

/** The text a field shows for scanned data. */
export function showScan(value: string): string {
  return value.includes(GS) ? value.replaceAll(GS, GS_GLYPH) : value;
}

/** The data behind what a field shows. */
export function readScan(shown: string): string {
  return shown.includes(GS_GLYPH) ? shown.replaceAll(GS_GLYPH, GS) : shown;
}

/** Whether text looks like GS1 barcode data rather than a typed reference or word. */
export function looksLikeGs1(text: string): boolean {
  const t = text.trim();
  return t.startsWith(GS) || t.startsWith(GS_GLYPH) || /^[(\]]/.test(t) || /^(urn:epc:|https?:\/\/)/i.test(t) || /^(0[0-3]\d{14}|00\d{18})/.test(t);
}
