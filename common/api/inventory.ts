import { z } from 'zod';
import { command } from './contract';
import { codeField, dateField, limitField, lotCodeField, partField, reasonField, timeField, unitRefField } from './fields';
import { manualStatuses, unitStatuses } from '../domain';
import type { LedgerEvent, UnitDetail, UnitSummary } from '../domain';
import { positiveQuantity } from '../quantity';
import { signingFields } from './signatures';

export interface ReceiptResult {
  receipt: string;
  supplier: string;
  receivedAt: string;
  lots: UnitSummary[];
}

export const receiveInput = z.object({
  supplier: codeField,
  location: codeField.optional(),
  receivedAt: timeField.optional(),
  reference: z.string().trim().max(60).optional(),
  lines: z
    .array(
      z.object({
        part: partField,
        supplierLot: lotCodeField,
        quantity: positiveQuantity,
        expiry: dateField.optional(),
        lot: lotCodeField.optional(),
      }),
    )
    .min(1, 'a receipt needs at least one line')
    .max(500),
});

export const inventoryCommands = {
  'receiving.receive': command<ReceiptResult>()({
    input: receiveInput,
    writes: true,
    summary: 'Receive raw-material lots from a supplier; each gets an internal lot number and starts in quarantine',
  }),
  'lots.list': command<UnitSummary[]>()({
    input: z.object({ item: partField.optional(), status: z.enum(unitStatuses).optional(), limit: limitField.optional() }),
    writes: false,
    summary: 'List lots',
  }),
  'serials.list': command<UnitSummary[]>()({
    input: z.object({ item: partField.optional(), status: z.enum(unitStatuses).optional(), limit: limitField.optional() }),
    writes: false,
    summary: 'List serials',
  }),
  'units.get': command<UnitDetail>()({
    input: z.object({ ref: unitRefField }),
    writes: false,
    summary: 'A lot or serial with its history, quantities, events and documents',
  }),
  'units.setStatus': command<UnitSummary>()({
    input: z.object({
      ref: unitRefField,
      status: z.enum(manualStatuses),
      reason: reasonField,
      /** Releasing or rejecting is a QA signature (meaning released or rejected) of the status decision. */
      signature: z.object(signingFields).optional(),
    }),
    writes: true,
    summary: 'Release, hold, reject or quarantine a lot or serial, with the reason (a release or rejection is signed by QA)',
  }),
  'units.sample': command<UnitSummary>()({
    input: z.strictObject({ ref: unitRefField, quantity: positiveQuantity, reason: reasonField }),
    writes: true,
    summary: 'Take a sample out of a lot or serial (QC retain, destructive test): it leaves stock as sampled, with the reason',
    action: 'Taking a sample',
  }),
  'events.reverse': command<LedgerEvent>()({
    input: z.object({ eventId: z.number().int().positive(), reason: reasonField }),
    writes: true,
    summary: 'Reverse a consumption recorded by mistake (a new reversing event; nothing is edited)',
  }),
};
