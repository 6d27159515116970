// A campaign's scope as the trace explorer's input, so the campaign page draws it with the same graph: the seeds at
// the left, what is in scope to the right, ending in the shipments and customers still in scope.
import type { CampaignScope } from '../../../../common/api/recall';
import type { CustomerReach, ShipmentReach, TraceResult } from '../../../../common/domain';

export function scopeAsTrace(scope: CampaignScope): TraceResult | null {
  const root = scope.seeds[0];
  if (root === undefined) return null;
  const units = scope.units.filter((u) => u.inScope);
  const kept = new Set(units.map((u) => u.id));
  const idOf = new Map(units.map((u) => [u.ref, u.id]));
  const shipments: ShipmentReach[] = scope.shipments
    .filter((l) => l.inScope && idOf.has(l.ref))
    .map((l) => ({ number: l.shipment, customer: l.customer, customerName: l.customerName, shipTo: l.shipTo, shipToName: l.shipToName, shipDate: l.shipDate, unitId: idOf.get(l.ref) ?? 0, ref: l.ref, quantity: l.quantity }));
  const customers = new Map<string, CustomerReach & { numbers: Set<string> }>();
  for (const s of shipments) {
    const c = customers.get(s.customer) ?? { code: s.customer, name: s.customerName, shipments: 0, locations: [], numbers: new Set<string>() };
    c.numbers.add(s.number);
    if (!c.locations.includes(s.shipTo)) c.locations.push(s.shipTo);
    c.shipments = c.numbers.size;
    customers.set(s.customer, c);
  }
  const edges = scope.edges.filter((e) => kept.has(e.from) && kept.has(e.to));
  return {
    direction: 'forward',
    root,
    nodes: units,
    edges,
    truncated: scope.truncated,
    depthLimit: 0,
    shipments,
    customers: [...customers.values()].map(({ numbers: _numbers, ...c }) => c),
    total: { nodes: units.length, edges: edges.length, shipments: new Set(shipments.map((s) => s.number)).size, shipmentLines: shipments.length },
    levels: [],
    items: [],
    window: { offset: 0, limit: units.length },
  };
}
