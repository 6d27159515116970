import { z } from 'zod';
import { command } from './contract';
import { codeField, limitField, timeField, unitRefField } from './fields';
import { positiveQuantity } from '../quantity';

export interface ShipmentLine {
  ref: string;
  part: string;
  description: string;
  type: 'lot' | 'serial';
  quantity: string;
  unit: string;
}

export interface Shipment {
  number: string;
  customer: string;
  customerName: string;
  shipTo: string;
  shipToName: string;
  shipDate: string;
  carrier: string | null;
  lines: ShipmentLine[];
}

export const shippingCommands = {
  'shipments.ship': command<Shipment>()({
    input: z.object({
      number: codeField.optional(),
      customer: codeField,
      shipTo: codeField,
      shipDate: timeField.optional(),
      carrier: z.string().trim().max(60).optional(),
      lines: z
        .array(z.object({ ref: unitRefField, quantity: positiveQuantity.optional() }))
        .min(1, 'a shipment needs at least one line')
        .max(2000),
    }),
    writes: true,
    summary: 'Ship lots (with quantities) and serials to a customer ship-to location',
  }),
  'shipments.get': command<Shipment>()({ input: z.object({ number: codeField }), writes: false, summary: 'One shipment' }),
  'shipments.list': command<Omit<Shipment, 'lines'>[]>()({
    input: z.object({ customer: codeField.optional(), limit: limitField.optional() }),
    writes: false,
    summary: 'List shipments',
  }),
};
