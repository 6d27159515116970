// Station scanning: one command takes whatever an operator scanned at a receiving, work-order, serialisation,
// packing or shipping station and either applies it (one transaction, one audited event when data changes) or
// refuses it with a reason in plain words. The screen keeps the station's context and sends it with each scan.
import { z } from 'zod';
import { command } from './contract';
import { codeField, dateField, partField, reasonField, timeField } from './fields';
import type { ReceiptResult } from './inventory';
import type { WorkOrderProgress } from './production';
import type { Shipment } from './shipping';
import type { ErrorCode } from '../errors';
import type { UnitSummary } from '../domain';
import { positiveQuantity } from '../quantity';

export const stationNames = ['receiving', 'workOrder', 'serialise', 'pack', 'ship'] as const;
export type StationName = (typeof stationNames)[number];

/**
 * Control barcodes printed on station sheets (and sent by the screens' buttons). Internal document barcodes
 * are `WO:<work order>` and `SH:<shipment>`; the part numbers WO, SH and CMD are therefore reserved at stations.
 */
export const stationControls = {
  confirm: 'CMD:CONFIRM',
  cancel: 'CMD:CANCEL',
  nextSerial: 'CMD:NEXT-SERIAL',
  pass: 'CMD:PASS',
  fail: 'CMD:FAIL',
  newCase: 'CMD:NEW-CASE',
  closeCase: 'CMD:CLOSE-CASE',
  newShipment: 'CMD:NEW-SHIPMENT',
} as const;
export type StationControl = keyof typeof stationControls;

export const workOrderBarcode = (number: string): string => `WO:${number}`;
export const shipmentBarcode = (number: string): string => `SH:${number}`;

const decimalText = z.string().regex(/^\d{1,12}(\.\d{1,3})?$/, 'must be a decimal quantity');

const receivingLine = z.object({
  part: partField,
  gtin: z.string().regex(/^\d{14}$/).nullable(),
  supplierLot: z.string().min(1).max(40),
  quantity: decimalText,
  unit: z.string().max(20),
  expiry: dateField.nullable(),
});

export const stationContexts = {
  receiving: z.object({ supplier: codeField.optional(), location: codeField.optional(), lines: z.array(receivingLine).max(500).default([]) }),
  workOrder: z.object({ workOrder: codeField.optional() }),
  serialise: z.object({ workOrder: codeField.optional(), serial: z.string().trim().min(1).max(100).optional() }),
  pack: z.object({ case: z.string().regex(/^\d{18}$/, 'must be an 18-digit SSCC').optional() }),
  ship: z.object({ shipment: codeField.optional(), customer: codeField.optional(), shipTo: codeField.optional() }),
};

export type ReceivingDraftLine = z.output<typeof receivingLine>;
export type StationContext<S extends StationName = StationName> = z.output<(typeof stationContexts)[S]>;

const scanFields = {
  /** The decoded scan text as the scanner sent it (GS1 in any form, PART:LOT, PART#SERIAL, WO:…, SH:…, CMD:…). */
  code: z.string().min(1, 'the scan is empty').max(2000),
  /** A quantity the operator entered, for a lot whose label carries none. */
  quantity: positiveQuantity.optional(),
  /** Why a component off the BOM or beyond what is required is consumed; why a test failed. */
  reason: reasonField.optional(),
  at: timeField.optional(),
};

const scanInput = z.discriminatedUnion('station', [
  z.object({ station: z.literal('receiving'), context: stationContexts.receiving.default({ lines: [] }), ...scanFields }),
  z.object({ station: z.literal('workOrder'), context: stationContexts.workOrder.default({}), ...scanFields }),
  z.object({ station: z.literal('serialise'), context: stationContexts.serialise.default({}), ...scanFields }),
  z.object({ station: z.literal('pack'), context: stationContexts.pack.default({}), ...scanFields }),
  z.object({ station: z.literal('ship'), context: stationContexts.ship.default({}), ...scanFields }),
]);
export type StationScanInput = z.output<typeof scanInput>;

export interface PackedCase {
  sscc: string;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  /** The shipment the case went out on, once shipped. */
  shippedOn: string | null;
  contents: { ref: string; type: 'lot' | 'serial'; item: string; description: string; quantity: string; unit: string }[];
}

export interface TestRecord {
  eventId: number;
  result: 'pass' | 'fail';
  at: string;
  note: string | null;
}

/** What the screen shows after the scan. */
export type StationView =
  | { station: 'receiving'; lines: ReceivingDraftLine[]; receipt: ReceiptResult | null }
  | { station: 'workOrder'; workOrder: WorkOrderProgress | null }
  | { station: 'serialise'; workOrder: Omit<WorkOrderProgress, 'requirements'> | null; serial: UnitSummary | null; tests: TestRecord[] }
  | { station: 'pack'; case: PackedCase | null }
  | { station: 'ship'; shipment: Shipment | null };

export type StationScanResult =
  | {
      outcome: 'applied';
      station: StationName;
      /** What happened, in words for the result banner. */
      message: string;
      /** Whether data changed (selecting a work order or filling a receipt draft changes nothing). */
      changed: boolean;
      /** The audited ledger event the scan wrote, when it wrote one. */
      eventId: number | null;
      /** The station's context to send with the next scan. */
      context: StationContext;
      view: StationView;
    }
  | {
      outcome: 'refused';
      station: StationName;
      /** Why, naming the thing scanned, with the next step where there is one. */
      reason: string;
      code: ErrorCode;
      /** The context as it was: a refusal changes nothing. */
      context: StationContext;
    };

export const stationCommands = {
  'stations.scan': command<StationScanResult>()({
    input: scanInput,
    writes: true,
    summary: 'Apply a scan at a receiving, work-order, serialisation, packing or shipping station, or refuse it with the reason',
  }),
};
