// Lot, serial and document numbers from configurable patterns such as `{YY}-{SEQ:4}` or `PX-{SEQ:6}`.
// Tokens: {YYYY} {YY} {MM} {DD} {JJJ} (day of year) {PART} {SEQ:n}. The sequence counts per
// rendered prefix, so a pattern with {YY} starts again each year.
import type { Database as Db } from 'better-sqlite3';
import { perConnection } from '../db/statements';

export const DEFAULT_LOT_PATTERN = '{YY}-{SEQ:4}';
export const DEFAULT_SERIAL_PATTERN = '{YY}{SEQ:6}';

const statements = perConnection((db: Db) => ({
  next: db.prepare<[string], { value: number }>(
    `INSERT INTO counters (key, value) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value`,
  ),
}));

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 0)) / 86_400_000);
}

/** Renders everything but the sequence. */
export function renderPattern(pattern: string, date: Date, part: string): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return pattern
    .replaceAll('{YYYY}', String(date.getUTCFullYear()))
    .replaceAll('{YY}', pad(date.getUTCFullYear() % 100, 2))
    .replaceAll('{MM}', pad(date.getUTCMonth() + 1, 2))
    .replaceAll('{DD}', pad(date.getUTCDate(), 2))
    .replaceAll('{JJJ}', pad(dayOfYear(date), 3))
    .replaceAll('{PART}', part);
}

/**
 * The next code from a pattern that is not yet taken. `taken` checks uniqueness (codes typed by
 * hand may already use a number the counter has not reached).
 */
export function nextCode(db: Db, scope: string, pattern: string, date: Date, part: string, taken: (code: string) => boolean): string {
  const rendered = renderPattern(pattern, date, part);
  for (;;) {
    const seq = statements(db).next.get(`${scope}|${rendered}`)?.value ?? 1;
    const code = rendered.replace(/\{SEQ(?::(\d))?\}/g, (_m, width: string | undefined) => String(seq).padStart(Number(width ?? 1), '0'));
    if (!taken(code)) return code;
  }
}

const documentPatterns = { receipt: 'RC-{SEQ:6}', work_order: 'WO-{SEQ:6}', shipment: 'SH-{SEQ:6}', service: 'SV-{SEQ:6}' } as const;

/** The next receipt, work order, shipment or service number. */
export function nextDocumentNumber(db: Db, kind: keyof typeof documentPatterns, date: Date, taken: (n: string) => boolean): string {
  return nextCode(db, kind, documentPatterns[kind], date, '', taken);
}
