// The FSMA 204 sortable spreadsheet's columns: one row per Critical Tracking Event (CTE) and traceability
// lot, the Key Data Elements of 21 CFR 1.1340 (shipping), 1.1345 (receiving) and 1.1350 (transformation)
// in the order and wording of the rule, then the Lotline columns that tie each row back to the ledger.
// A transformation of one new lot from several input lots is one row per input lot (same Event ID), so
// that filtering the input column finds every use of an input lot.

export type Cte = 'Receiving' | 'Transformation' | 'Shipping';

/** text and number cells as they are; date as YYYY-MM-DD, datetime as the local wall clock YYYY-MM-DDTHH:MM:SS. */
export type ColumnType = 'text' | 'number' | 'date' | 'datetime';

export interface FsmaRow {
  cte: Cte;
  eventDate: string;
  tlc: string;
  product: string;
  quantity: number;
  uom: string;
  tlcSource: string | null;
  shipFrom: string | null;
  shipTo: string | null;
  receivingLocation: string | null;
  transformationLocation: string | null;
  inputTlc: string | null;
  inputProduct: string | null;
  inputQuantity: number | null;
  inputUom: string | null;
  referenceType: string | null;
  referenceNumber: string | null;
  lotlineRef: string;
  inputLotlineRef: string | null;
  eventTime: string;
  utcOffset: string;
  eventId: number;
  supplierReference: string | null;
}

export interface Column {
  key: keyof FsmaRow;
  header: string;
  type: ColumnType;
  /** Characters, for the xlsx column width. */
  width: number;
  /** Where the rule asks for it, and what Lotline puts there. */
  note: string;
}

export const FSMA_COLUMNS: readonly Column[] = [
  { key: 'cte', header: 'Critical Tracking Event', type: 'text', width: 16, note: 'Receiving (1.1345), Transformation (1.1350) or Shipping (1.1340)' },
  { key: 'eventDate', header: 'Event Date', type: 'date', width: 12, note: 'Date received / date transformation completed / date shipped, in the zone where it happened' },
  { key: 'tlc', header: 'Traceability Lot Code', type: 'text', width: 22, note: 'Received lots keep the supplier’s lot code; lots made here carry their Lotline lot code; serials their serial number' },
  { key: 'product', header: 'Product Description', type: 'text', width: 34, note: 'The item’s description' },
  { key: 'quantity', header: 'Quantity', type: 'number', width: 11, note: 'Quantity received / produced / shipped' },
  { key: 'uom', header: 'Unit of Measure', type: 'text', width: 9, note: 'The item’s unit' },
  { key: 'tlcSource', header: 'Traceability Lot Code Source Location Description', type: 'text', width: 40, note: 'Supplier for received lots (name, contact, e-mail: no supplier address is recorded); our site for lots made here' },
  { key: 'shipFrom', header: 'Ship-From Location Description', type: 'text', width: 36, note: 'Shipping: our site. Receiving: the immediate previous source (the supplier)' },
  { key: 'shipTo', header: 'Ship-To Location Description', type: 'text', width: 36, note: 'Shipping: the immediate subsequent recipient (customer and ship-to address)' },
  { key: 'receivingLocation', header: 'Receiving Location Description', type: 'text', width: 36, note: 'Receiving: the receipt’s location, else our site' },
  { key: 'transformationLocation', header: 'Transformation Location Description', type: 'text', width: 36, note: 'Transformation: our site (and the work order’s line)' },
  { key: 'inputTlc', header: 'Input Traceability Lot Code', type: 'text', width: 22, note: 'Transformation: a lot used (one row per input lot)' },
  { key: 'inputProduct', header: 'Input Product Description', type: 'text', width: 30, note: 'Transformation: the input’s product description' },
  { key: 'inputQuantity', header: 'Input Quantity', type: 'number', width: 11, note: 'Transformation: quantity of the input used by the work order' },
  { key: 'inputUom', header: 'Input Unit of Measure', type: 'text', width: 9, note: 'Transformation: the input’s unit' },
  { key: 'referenceType', header: 'Reference Document Type', type: 'text', width: 14, note: 'Receipt, Work order or Shipment' },
  { key: 'referenceNumber', header: 'Reference Document Number', type: 'text', width: 18, note: 'The Lotline document number' },
  { key: 'lotlineRef', header: 'Lotline Lot or Serial', type: 'text', width: 24, note: 'PART:LOT or PART#SERIAL as Lotline knows it (received lots have an internal lot code)' },
  { key: 'inputLotlineRef', header: 'Input Lotline Lot or Serial', type: 'text', width: 24, note: 'The input as Lotline knows it' },
  { key: 'eventTime', header: 'Event Time (local)', type: 'datetime', width: 19, note: 'Wall-clock time where it happened' },
  { key: 'utcOffset', header: 'UTC Offset', type: 'text', width: 8, note: 'The zone of Event Time' },
  { key: 'eventId', header: 'Lotline Event ID', type: 'number', width: 10, note: 'Rows of one transformation share it' },
  { key: 'supplierReference', header: 'Supplier Document Reference', type: 'text', width: 20, note: 'Receiving: the reference given at receipt (e.g. the supplier’s BOL or invoice number)' },
];

/** The cells of a row in column order: text, number, or null for an empty cell. */
export function rowCells(row: FsmaRow): (string | number | null)[] {
  return FSMA_COLUMNS.map((c) => row[c.key]);
}
