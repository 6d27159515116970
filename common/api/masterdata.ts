import { z } from 'zod';
import { command } from './contract';
import { codeField, nameField, partField } from './fields';
import { itemCategories, locationKinds, trackings } from '../domain';
import type { Item, Location, Party } from '../domain';
import { gtinProblem } from '../gtin';

const pattern = z
  .string()
  .trim()
  .max(60)
  .regex(/\{SEQ(:\d)?\}/, 'must contain {SEQ} or {SEQ:n} so that each code is unique');

export const itemInput = z.object({
  part: partField,
  description: nameField,
  gtin: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = gtinProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `GTIN ${problem}` });
    })
    .optional(),
  tracking: z.enum(trackings),
  category: z.enum(itemCategories),
  unit: z.string().trim().regex(/^[A-Za-z]{1,8}$/, 'must be a unit of measure such as ea, kg, g, L, m'),
  shelfLifeDays: z.number().int().positive().max(36500).optional(),
  warrantyDays: z.number().int().positive().max(36500).optional(),
  lotPattern: pattern.optional(),
  serialPattern: pattern.optional(),
});

const partyInput = z.object({
  code: codeField,
  name: nameField,
  contact: z.string().trim().max(200).optional(),
  email: z.email('must be an e-mail address').optional(),
});

export const masterdataCommands = {
  'items.create': command<Item>()({ input: itemInput, writes: true, summary: 'Create an item (part)', roles: ['admin', 'qa'], action: 'Creating an item' }),
  'items.list': command<Item[]>()({ input: z.object({}), writes: false, summary: 'List items' }),
  'items.get': command<Item>()({ input: z.object({ part: partField }), writes: false, summary: 'One item by part number' }),
  'suppliers.create': command<Party>()({ input: partyInput, writes: true, summary: 'Create a supplier', roles: ['admin', 'qa'], action: 'Adding a supplier' }),
  'suppliers.list': command<Party[]>()({ input: z.object({}), writes: false, summary: 'List suppliers' }),
  'customers.create': command<Party>()({ input: partyInput, writes: true, summary: 'Create a customer', roles: ['admin', 'qa'], action: 'Adding a customer' }),
  'customers.list': command<Party[]>()({ input: z.object({}), writes: false, summary: 'List customers' }),
  'locations.create': command<Location>()({
    input: z.object({
      code: codeField,
      name: nameField,
      kind: z.enum(locationKinds),
      customer: codeField.optional(),
      address: z.string().trim().max(500).optional(),
    }),
    writes: true,
    summary: 'Create a location (site, warehouse, line or a customer ship-to)',
    roles: ['admin', 'qa'],
    action: 'Adding a location',
  }),
  'locations.list': command<Location[]>()({ input: z.object({}), writes: false, summary: 'List locations' }),
};
