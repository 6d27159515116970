import { z } from 'zod';
import { command } from './contract';
import { reasonField } from './fields';

/** Site settings the stations need. */
export interface Settings {
  /** GS1 company prefix the site's SSCCs are numbered under; null until set. */
  gs1CompanyPrefix: string | null;
  /** SSCC extension digit (0–9) used for cases opened at packing. */
  ssccExtension: string;
  /** Minutes between when something happened and when it was recorded beyond which the review queue calls it late. */
  lateEntryMinutes: number;
}

export const settingsCommands = {
  'settings.get': command<Settings>()({ input: z.object({}), writes: false, summary: 'Site settings (GS1 company prefix, SSCC extension digit, late-entry threshold)' }),
  'settings.set': command<Settings>()({
    input: z
      .object({
        gs1CompanyPrefix: z.string().trim().regex(/^\d{6,12}$/, 'must be a GS1 company prefix: 6 to 12 digits').optional(),
        ssccExtension: z.string().trim().regex(/^\d$/, 'must be one digit 0–9').optional(),
        lateEntryMinutes: z.number({ error: 'must be a number of minutes' }).int('must be whole minutes').min(1, 'must be at least 1 minute').max(525_600, 'must be at most a year').optional(),
        reason: reasonField,
      })
      .refine((v) => v.gs1CompanyPrefix !== undefined || v.ssccExtension !== undefined || v.lateEntryMinutes !== undefined, { message: 'give at least one setting to change' }),
    writes: true,
    summary: 'Change site settings, with the reason (audited)',
    roles: ['admin'],
    action: 'Changing site settings',
  }),
};
