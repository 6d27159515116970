// Exact quantities: stored and computed as integers in thousandths of the unit, shown as decimal strings.
import { z } from 'zod';

export const QTY_SCALE = 1000;
const decimal = /^(\d{1,12})(?:\.(\d{1,3}))?$/;

/** "12.5" → 12500. Returns undefined when the text is not a non-negative decimal with at most 3 places. */
export function toMilli(text: string): number | undefined {
  const m = decimal.exec(text.trim());
  if (!m) return undefined;
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(3, '0'));
  return whole * QTY_SCALE + frac;
}

/** 12500 → "12.5" */
export function fromMilli(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / QTY_SCALE);
  const frac = abs % QTY_SCALE;
  return frac === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

/** A positive quantity given as a decimal string or number, parsed to thousandths. */
export const positiveQuantity = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const milli = toMilli(typeof v === 'number' ? String(v) : v);
    if (milli === undefined || milli <= 0) {
      ctx.addIssue({ code: 'custom', message: `must be a positive number with at most 3 decimals (got ${JSON.stringify(v)})` });
      return z.NEVER;
    }
    return milli;
  });
