import { z } from 'zod';
import { command } from './contract';
import { timeField, unitRefField } from './fields';
import { serviceKinds } from '../domain';
import type { ServiceRecord } from '../domain';

export const serviceCommands = {
  'service.record': command<ServiceRecord>()({
    input: z
      .object({
        serial: unitRefField,
        kind: z.enum(serviceKinds),
        description: z.string().trim().min(3, 'must say what was done').max(2000),
        removed: unitRefField.optional(),
        installed: unitRefField.optional(),
        at: timeField.optional(),
      })
      .refine((v) => v.kind !== 'part_replaced' || (v.removed !== undefined && v.installed !== undefined), {
        message: 'a part replacement records both the removed (faulty) and the installed (replacement) serial',
        path: ['installed'],
      }),
    writes: true,
    summary: 'Record a service or warranty event on a serial',
  }),
  'service.list': command<ServiceRecord[]>()({ input: z.object({ serial: unitRefField.optional() }), writes: false, summary: 'Service events' }),
};
