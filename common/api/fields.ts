// Input fields shared by several command groups.
import { z } from 'zod';
import { parseUnitIdentity, partPattern, codePattern } from '../refs';

export const partField = z
  .string()
  .trim()
  .regex(partPattern, 'must be a part number: letters, digits and . _ / - (up to 40)');

export const codeField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/, 'must be a code: letters, digits and . _ - (up to 30)');

export const lotCodeField = z.string().trim().regex(codePattern, 'must be printable characters without spaces (up to 40)');

export const nameField = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const reasonField = z.string().trim().min(3, 'must say why (at least 3 characters)').max(500);

/** A lot or serial reference (PART:LOT, PART#SERIAL or GS1 barcode data); the core resolves it against the database. */
export const unitRefField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .superRefine((v, ctx) => {
    const parsed = parseUnitIdentity(v);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  });

/** An ISO 8601 time with its zone (`2026-03-01T08:30:00+01:00` or `...Z`). */
export const timeField = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with zone, e.g. 2026-03-01T08:30:00+01:00' });

export const dateField = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const limitField = z.number().int().min(1).max(100_000);
