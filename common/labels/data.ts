// The data a label binds to, by name: {{item.gtin}}, {{lot.code}}, {{serial.produced}}, {{sscc.code}}, ...
// Lotline fills it from the trace database; a caller may also give it whole (labels.render with `data`).
import { z } from 'zod';

const value = z.string().trim().min(1).max(200);
const date = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const labelDataSchema = z.strictObject({
  item: z
    .strictObject({ part: value, description: value, gtin: z.string().regex(/^\d{14}$/, 'must be a GTIN-14').optional(), unit: value.optional() })
    .optional(),
  lot: z
    .strictObject({
      code: value,
      ref: value,
      supplierLot: value.optional(),
      received: date.optional(),
      quantity: value.optional(),
      unit: value.optional(),
      produced: date.optional(),
      expiry: date.optional(),
    })
    .optional(),
  serial: z
    .strictObject({ code: value, ref: value, lot: value.optional(), produced: date.optional(), expiry: date.optional() })
    .optional(),
  supplier: z.strictObject({ code: value, name: value }).optional(),
  sscc: z.strictObject({ code: z.string().regex(/^\d{18}$/, 'must be the 18 digits of an SSCC') }).optional(),
  shipment: z.strictObject({ number: value, date: date.optional(), carrier: value.optional(), customer: value.optional() }).optional(),
  shipFrom: z.strictObject({ name: value, address: value.optional() }).optional(),
  shipTo: z.strictObject({ name: value, address: value.optional() }).optional(),
});
export type LabelData = z.infer<typeof labelDataSchema>;

type Owner = keyof LabelData;

/** How a missing value is named in an error: "item ACME-100 has no GTIN". */
const fieldWords: Record<string, string> = {
  'item.gtin': 'GTIN',
  'item.unit': 'unit of measure',
  'lot.supplierLot': 'supplier lot',
  'lot.received': 'receipt date',
  'lot.quantity': 'quantity',
  'lot.produced': 'production date',
  'lot.expiry': 'expiry date',
  'serial.lot': 'lot or work order',
  'serial.produced': 'production date',
  'serial.expiry': 'expiry date',
  'shipment.date': 'ship date',
  'shipment.carrier': 'carrier',
  'shipFrom.address': 'address',
  'shipTo.address': 'address',
};

function ownerName(data: LabelData, owner: Owner): string {
  switch (owner) {
    case 'item':
      return data.item ? `item ${data.item.part}` : 'the item';
    case 'lot':
      return data.lot ? `lot ${data.lot.ref}` : 'the lot';
    case 'serial':
      return data.serial ? `serial ${data.serial.ref}` : 'the serial';
    case 'supplier':
      return data.lot ? `lot ${data.lot.ref}` : 'the label';
    case 'shipment':
      return 'the label';
    case 'shipFrom':
      return 'the ship-from party';
    case 'shipTo':
      return 'the ship-to party';
    case 'sscc':
      return 'the label';
  }
}

/** The reason a field has no value, for the person printing: "item ACME-100 has no GTIN", "lot RES-PC:R1 has no supplier". */
export function missingFieldMessage(data: LabelData, field: string): string {
  const [owner = '', key = ''] = field.split('.', 2);
  if (!(owner in labelDataSchema.shape)) return `there is no data named "${field}"`;
  const o = owner as Owner;
  if (data[o] === undefined) {
    if (o === 'supplier') return `${ownerName(data, o)} has no supplier`;
    if (o === 'shipTo') return 'there is no ship-to party (give the shipment or the ship-to)';
    if (o === 'shipFrom') return 'there is no ship-from party (add a location of kind "site")';
    if (o === 'shipment') return 'there is no shipment';
    if (o === 'sscc') return 'there is no SSCC';
    return `there is no ${o}`;
  }
  return `${ownerName(data, o)} has no ${fieldWords[field] ?? key}`;
}
