import { z } from 'zod';
import { command } from './contract';
import { codeField, limitField, lotCodeField, partField, reasonField, timeField, unitRefField } from './fields';
import type { LedgerEvent, UnitSummary } from '../domain';
import { positiveQuantity } from '../quantity';

export interface BomLine {
  line: number;
  part: string;
  description: string;
  quantityPer: string;
  unit: string;
}

export interface Bom {
  part: string;
  version: number;
  note: string | null;
  createdAt: string;
  lines: BomLine[];
}

export interface WorkOrderLine extends BomLine {
  required: string;
  consumed: string;
  remaining: string;
}

export interface WorkOrder {
  number: string;
  part: string;
  description: string;
  bomVersion: number;
  quantity: string;
  unit: string;
  line: string | null;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  produced: string;
  yieldPercent: number | null;
  requirements: WorkOrderLine[];
  consumed: { eventId: number; ref: string; part: string; quantity: string; at: string; substitutionReason: string | null; reversed: boolean }[];
  outputs: UnitSummary[];
}

/** A work order with what each BOM line still requires, without the lists that grow with it (stations answer with it). */
export type WorkOrderProgress = Omit<WorkOrder, 'consumed' | 'outputs'>;

const componentInput = z.object({ ref: unitRefField, quantity: positiveQuantity.optional() });

export const productionCommands = {
  'boms.create': command<Bom>()({
    input: z.object({
      part: partField,
      note: z.string().trim().max(500).optional(),
      lines: z
        .array(z.object({ part: partField, quantityPer: positiveQuantity }))
        .min(1, 'a BOM needs at least one line')
        .max(200),
    }),
    writes: true,
    summary: 'Create the next version of an item’s bill of materials',
    roles: ['admin', 'qa'],
    action: 'Creating a BOM',
  }),
  'boms.list': command<Bom[]>()({ input: z.object({ part: partField.optional() }), writes: false, summary: 'List BOM versions' }),
  'workOrders.create': command<WorkOrder>()({
    input: z.object({
      number: codeField.optional(),
      part: partField,
      bomVersion: z.number().int().positive().optional(),
      quantity: positiveQuantity,
      line: z.string().trim().max(60).optional(),
      at: timeField.optional(),
    }),
    writes: true,
    summary: 'Open a work order against one BOM version (the latest when none is given)',
  }),
  'workOrders.consume': command<LedgerEvent>()({
    input: z.object({
      workOrder: codeField,
      ref: unitRefField,
      quantity: positiveQuantity.optional(),
      substitutionReason: reasonField.optional(),
      at: timeField.optional(),
    }),
    writes: true,
    summary: 'Consume a component lot or serial into a work order (all its outputs contain it)',
  }),
  'workOrders.produce': command<{ event: LedgerEvent; outputs: UnitSummary[] }>()({
    input: z
      .object({
        workOrder: codeField,
        quantity: positiveQuantity.optional(),
        lot: lotCodeField.optional(),
        serials: z.union([z.number().int().min(1).max(1000), z.array(lotCodeField).min(1).max(1000)]).optional(),
        components: z.array(componentInput).max(200).optional(),
        substitutionReason: reasonField.optional(),
        at: timeField.optional(),
      })
      .refine((v) => !(v.serials !== undefined && v.quantity !== undefined), {
        message: 'give either serials (for a serialised item) or quantity (for a lot), not both',
        path: ['serials'],
      }),
    writes: true,
    summary:
      'Produce a finished lot (quantity, optional lot code; an existing lot code is a rework back into that lot) or serials (a count or the serial numbers), with per-unit components consumed into them',
  }),
  'workOrders.close': command<WorkOrder>()({ input: z.object({ workOrder: codeField }), writes: true, summary: 'Close a work order' }),
  'workOrders.get': command<WorkOrder>()({ input: z.object({ workOrder: codeField }), writes: false, summary: 'A work order with requirements, consumption, outputs and yield' }),
  'workOrders.list': command<Omit<WorkOrder, 'requirements' | 'consumed' | 'outputs'>[]>()({
    input: z.object({ status: z.enum(['open', 'closed']).optional(), limit: limitField.optional() }),
    writes: false,
    summary: 'List work orders',
  }),
};

export type ComponentInput = z.output<typeof componentInput>;
