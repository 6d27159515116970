// The trace as flat rows: every unit, every shipment line and every customer reached. Feeds the table and the CSV.
import type { TraceResult, UnitKind, UnitStatus } from '../../../../common/domain';

export interface TraceRow {
  key: string;
  type: UnitKind | 'shipment' | 'customer';
  depth: number | null;
  part: string;
  description: string;
  /** Lot or serial code; for a shipment line, the shipped unit's reference. */
  code: string;
  ref: string;
  status: UnitStatus | null;
  quantity: string;
  unit: string;
  /** Work order or shipment that links the row to its neighbour towards the focal unit. */
  document: string;
  customer: string;
  date: string;
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function traceRows(trace: TraceResult): TraceRow[] {
  const units = trace.nodes.some((n) => n.id === trace.root.id) ? trace.nodes : [trace.root, ...trace.nodes];
  const byId = new Map(units.map((u) => [u.id, u]));
  // The document through which each unit was reached (the edge on its focal-unit side).
  const reachedVia = new Map<number, string>();
  for (const edge of trace.edges) {
    const far = trace.direction === 'forward' ? edge.to : edge.from;
    if (edge.document && !reachedVia.has(far)) reachedVia.set(far, edge.document);
  }

  const rows: TraceRow[] = [...units]
    // Ordinal, not locale, comparison: part numbers and codes are ASCII, and an export can hold 100,000s of rows.
    .sort((a, b) => a.depth - b.depth || ordinal(a.item, b.item) || ordinal(a.ref, b.ref))
    .map((u) => ({
      key: `unit:${u.id}`,
      type: u.type,
      depth: u.depth,
      part: u.item,
      description: u.description,
      code: (u.type === 'lot' ? u.lot : u.serial) ?? u.ref,
      ref: u.ref,
      status: u.status,
      quantity: u.quantity,
      unit: u.unit,
      document: reachedVia.get(u.id) ?? '',
      customer: '',
      date: u.producedAt ?? '',
    }));

  for (const line of trace.shipments) {
    const shipped = byId.get(line.unitId);
    rows.push({
      key: `shipment:${line.number}:${line.unitId}`,
      type: 'shipment',
      depth: shipped ? shipped.depth + 1 : null,
      part: shipped?.item ?? '',
      description: shipped?.description ?? '',
      code: shipped ? ((shipped.type === 'lot' ? shipped.lot : shipped.serial) ?? line.ref) : line.ref,
      ref: line.ref,
      status: null,
      quantity: line.quantity,
      unit: shipped?.unit ?? '',
      document: line.number,
      customer: `${line.customerName} (${line.customer}), ${line.shipToName}`,
      date: line.shipDate,
    });
  }

  for (const customer of trace.customers) {
    rows.push({
      key: `customer:${customer.code}`,
      type: 'customer',
      depth: null,
      part: '',
      description: '',
      code: customer.code,
      ref: '',
      status: null,
      quantity: '',
      unit: '',
      document: `${customer.shipments} shipment${customer.shipments === 1 ? '' : 's'}`,
      customer: `${customer.name} (${customer.code})${customer.locations.length ? `: ${customer.locations.join('; ')}` : ''}`,
      date: '',
    });
  }
  return rows;
}
