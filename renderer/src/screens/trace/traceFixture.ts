// Small hand-made traces for the trace explorer's tests.
import type { TraceNode, TraceResult, UnitStatus } from '../../../../common/domain';

export function traceNode(
  id: number,
  item: string,
  code: string,
  depth: number,
  type: 'lot' | 'serial' = 'lot',
  status: UnitStatus = 'released',
): TraceNode {
  return {
    id,
    type,
    ref: `${item}${type === 'lot' ? ':' : '#'}${code}`,
    item,
    description: `${item} description`,
    gtin: null,
    ...(type === 'lot' ? { lot: code } : { serial: code }),
    status,
    statusReason: null,
    quantity: '1',
    onHand: '1',
    unit: 'ea',
    expiresAt: null,
    producedAt: null,
    depth,
  };
}

/** A resin lot moulded into housings, built into `serials` pumps, each shipped to one of two customers. */
export function forwardTrace(serials: number): TraceResult {
  const root = traceNode(1, 'RES-PC', 'R1', 0);
  const housing = traceNode(2, 'HOUSING-PX', 'H1', 1);
  const pumps = Array.from({ length: serials }, (_, i) => traceNode(100 + i, 'PUMP-PX2', `PX-${i}`, 2, 'serial', 'shipped'));
  const customers = ['ACME', 'BETA'];
  return {
    direction: 'forward',
    root,
    nodes: [root, housing, ...pumps],
    edges: [
      { from: 1, to: 2, eventId: 1, bizStep: 'commissioning', document: 'WO-1', eventTime: '2026-01-01T00:00:00Z', quantity: '10' },
      ...pumps.map((p, i) => ({
        from: 2,
        to: p.id,
        eventId: 10 + i,
        bizStep: 'commissioning',
        document: `WO-${2 + (i % 2)}`,
        eventTime: '2026-01-02T00:00:00Z',
        quantity: '1',
      })),
    ],
    truncated: false,
    depthLimit: 50,
    shipments: pumps.map((p, i) => ({
      number: `SH-${i % 6}`,
      customer: customers[i % 6 < 3 ? 0 : 1]!,
      customerName: `${customers[i % 6 < 3 ? 0 : 1]} Ltd`,
      shipTo: 'DC1',
      shipToName: 'DC 1',
      shipDate: '2026-02-01T10:00:00Z',
      unitId: p.id,
      ref: p.ref,
      quantity: '1',
    })),
    customers: customers.map((code) => ({ code, name: `${code} Ltd`, shipments: 3, locations: ['DC1'] })),
    total: { nodes: serials + 2, edges: serials + 1, shipments: Math.min(serials, 6), shipmentLines: serials },
    levels: [1, 1, serials],
    items: [
      { depth: 0, item: 'RES-PC', description: root.description, units: 1 },
      { depth: 1, item: 'HOUSING-PX', description: housing.description, units: 1 },
      { depth: 2, item: 'PUMP-PX2', description: pumps[0]?.description ?? '', units: serials },
    ],
    window: { offset: 0, limit: 5000 },
  };
}
