// Every affected consignee of a campaign for a regulator: one row per shipment line in scope (customer with contact,
// ship-to with address, shipment and date, item, lot or serial, quantity), as CSV or xlsx through the sheet sinks.
import type { CustomerImpact } from '../../../common/api/recall';
import { toMilli } from '../../../common/quantity';
import type { Cell, SheetColumn, SheetSink } from '../fsma/sink';

export const CONSIGNEE_COLUMNS: readonly SheetColumn[] = [
  { key: 'campaign', header: 'Campaign', type: 'text', width: 14 },
  { key: 'customer', header: 'Customer', type: 'text', width: 12 },
  { key: 'customerName', header: 'Customer name', type: 'text', width: 28 },
  { key: 'contact', header: 'Contact', type: 'text', width: 20 },
  { key: 'email', header: 'Email', type: 'text', width: 26 },
  { key: 'shipTo', header: 'Ship-to', type: 'text', width: 12 },
  { key: 'shipToName', header: 'Ship-to name', type: 'text', width: 24 },
  { key: 'address', header: 'Ship-to address', type: 'text', width: 36 },
  { key: 'shipment', header: 'Shipment', type: 'text', width: 12 },
  { key: 'shipDate', header: 'Ship date', type: 'date', width: 12 },
  { key: 'item', header: 'Item', type: 'text', width: 14 },
  { key: 'description', header: 'Description', type: 'text', width: 28 },
  { key: 'ref', header: 'Lot or serial', type: 'text', width: 24 },
  { key: 'quantity', header: 'Quantity', type: 'number', width: 10 },
  { key: 'unit', header: 'Unit', type: 'text', width: 6 },
];

export function* consigneeRows(number: string, customers: readonly CustomerImpact[]): Generator<Cell[]> {
  for (const c of customers) {
    const places = new Map(c.locations.map((l) => [l.code, l]));
    for (const s of c.shipments) {
      const place = places.get(s.shipTo);
      for (const l of s.lines) {
        yield [number, c.code, c.name, c.contact, c.email, s.shipTo, place?.name ?? s.shipTo, place?.address ?? null, s.number, s.shipDate.slice(0, 10), l.item, l.description, l.ref, (toMilli(l.quantity) ?? 0) / 1000, l.unit];
      }
    }
  }
}

/** Writes the rows to the sink; returns how many. */
export async function writeConsignees(sink: SheetSink, number: string, customers: readonly CustomerImpact[]): Promise<number> {
  let rows = 0;
  await sink.begin(CONSIGNEE_COLUMNS);
  try {
    for (const cells of consigneeRows(number, customers)) {
      await sink.row(cells);
      rows++;
    }
    await sink.end();
  } catch (error) {
    sink.abort();
    throw error;
  }
  return rows;
}
