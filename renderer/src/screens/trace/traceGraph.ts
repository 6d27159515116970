// Turns a TraceResult into the graph the explorer draws. Edges point input → output (left → right), so a
// backward trace fans out to the left of its focal unit and a forward trace to the right, ending in
// shipments and customers. Large traces aggregate: serials or lots of one item at one level become one node.
import type { CustomerReach, ShipmentReach, TraceNode, TraceResult, UnitKind, UnitStatus } from '../../../../common/domain';

/** Above this many drawn nodes, the graph aggregates. */
export const AGGREGATE_ABOVE = 150;
/** The smallest set of look-alike nodes worth folding into one. */
export const MIN_GROUP = 3;

export interface UnitGraphNode {
  kind: 'unit';
  id: string;
  unit: TraceNode;
  focal: boolean;
}

export interface GroupGraphNode {
  kind: 'group';
  id: string;
  item: string;
  description: string;
  unitType: UnitKind;
  depth: number;
  units: TraceNode[];
  statusCounts: Partial<Record<UnitStatus, number>>;
}

export interface ShipmentGraphNode {
  kind: 'shipment';
  id: string;
  number: string;
  customer: string;
  customerName: string;
  shipToName: string;
  shipDate: string;
  /** The traced units this shipment carried. */
  lines: ShipmentReach[];
}

export interface ShipmentGroupGraphNode {
  kind: 'shipmentGroup';
  id: string;
  customer: string;
  customerName: string;
  shipments: ShipmentGraphNode[];
}

export interface CustomerGraphNode {
  kind: 'customer';
  id: string;
  customer: CustomerReach;
}

export type GraphNode = UnitGraphNode | GroupGraphNode | ShipmentGraphNode | ShipmentGroupGraphNode | CustomerGraphNode;

export interface GraphEdge {
  id: string;
  /** The input / upstream side: drawn on the left. */
  source: string;
  target: string;
  /** The documents behind the edge, e.g. `WO-1001`, `SH-0042 +3`. */
  label: string;
  /** How many trace edges this drawn edge stands for. */
  count: number;
}

export interface TraceGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  aggregated: boolean;
}

export const unitNodeId = (unitId: number) => `unit:${unitId}`;
const groupId = (depth: number, item: string, type: UnitKind) => `group:${depth}:${type}:${item}`;
const shipmentId = (number: string) => `shipment:${number}`;
const shipmentGroupId = (customer: string) => `shipments:${customer}`;
const customerId = (code: string) => `customer:${code}`;

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    const list = groups.get(k);
    if (list) list.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}

function shipmentNodes(shipments: readonly ShipmentReach[]): ShipmentGraphNode[] {
  return [...groupBy(shipments, (s) => s.number).values()].map((lines) => {
    const first = lines[0] as ShipmentReach;
    return {
      kind: 'shipment',
      id: shipmentId(first.number),
      number: first.number,
      customer: first.customer,
      customerName: first.customerName,
      shipToName: first.shipToName,
      shipDate: first.shipDate,
      lines,
    };
  });
}

function edgeLabel(documents: ReadonlySet<string>): string {
  const [first] = documents;
  if (first === undefined) return '';
  return documents.size === 1 ? first : `${first} +${documents.size - 1}`;
}

/** Collapses edges between the same two drawn nodes into one, keeping the documents behind them. */
class EdgeBundle {
  private readonly bundles = new Map<string, { source: string; target: string; documents: Set<string>; count: number }>();

  add(source: string, target: string, document: string | null): void {
    if (source === target) return;
    const key = `${source}→${target}`;
    let bundle = this.bundles.get(key);
    if (!bundle) {
      bundle = { source, target, documents: new Set(), count: 0 };
      this.bundles.set(key, bundle);
    }
    if (document) bundle.documents.add(document);
    bundle.count++;
  }

  edges(): GraphEdge[] {
    return [...this.bundles.entries()].map(([key, b]) => ({
      id: key,
      source: b.source,
      target: b.target,
      label: edgeLabel(b.documents),
      count: b.count,
    }));
  }
}

export interface TraceGraphOptions {
  /** Group ids the user opened: their members are drawn one by one. */
  expanded?: ReadonlySet<string>;
  aggregateAbove?: number;
}

export function buildTraceGraph(trace: TraceResult, options: TraceGraphOptions = {}): TraceGraph {
  const expanded = options.expanded ?? new Set<string>();
  const units = trace.nodes.some((n) => n.id === trace.root.id) ? trace.nodes : [trace.root, ...trace.nodes];
  const shipments = shipmentNodes(trace.shipments);
  const drawnCount = units.length + shipments.length + trace.customers.length;
  const aggregated = drawnCount > (options.aggregateAbove ?? AGGREGATE_ABOVE);

  // Where each unit is drawn: its own node, or the group it was folded into.
  const drawnAs = new Map<number, string>();
  const nodes: GraphNode[] = [];

  const unitGroups = aggregated
    ? groupBy(
        units.filter((u) => u.id !== trace.root.id),
        (u) => groupId(u.depth, u.item, u.type),
      )
    : new Map<string, TraceNode[]>();
  const folded = new Set<number>();
  for (const [id, members] of unitGroups) {
    if (members.length < MIN_GROUP || expanded.has(id)) continue;
    const first = members[0] as TraceNode;
    const statusCounts: Partial<Record<UnitStatus, number>> = {};
    for (const m of members) statusCounts[m.status] = (statusCounts[m.status] ?? 0) + 1;
    nodes.push({
      kind: 'group',
      id,
      item: first.item,
      description: first.description,
      unitType: first.type,
      depth: first.depth,
      units: members,
      statusCounts,
    });
    for (const m of members) {
      drawnAs.set(m.id, id);
      folded.add(m.id);
    }
  }
  for (const unit of units) {
    if (folded.has(unit.id)) continue;
    const id = unitNodeId(unit.id);
    nodes.push({ kind: 'unit', id, unit, focal: unit.id === trace.root.id });
    drawnAs.set(unit.id, id);
  }

  const bundle = new EdgeBundle();
  for (const edge of trace.edges) {
    const source = drawnAs.get(edge.from);
    const target = drawnAs.get(edge.to);
    if (source && target) bundle.add(source, target, edge.document);
  }

  // Shipments: one node each, or one per customer when aggregating.
  const shipmentDrawnAs = new Map<string, string>();
  const shipmentGroups = aggregated ? groupBy(shipments, (s) => s.customer) : new Map<string, ShipmentGraphNode[]>();
  for (const [customer, members] of shipmentGroups) {
    const id = shipmentGroupId(customer);
    if (members.length < MIN_GROUP || expanded.has(id)) continue;
    const first = members[0] as ShipmentGraphNode;
    nodes.push({ kind: 'shipmentGroup', id, customer, customerName: first.customerName, shipments: members });
    for (const s of members) shipmentDrawnAs.set(s.number, id);
  }
  for (const shipment of shipments) {
    if (shipmentDrawnAs.has(shipment.number)) continue;
    nodes.push(shipment);
    shipmentDrawnAs.set(shipment.number, shipment.id);
  }
  for (const line of trace.shipments) {
    const source = drawnAs.get(line.unitId);
    const target = shipmentDrawnAs.get(line.number);
    // A customer's folded shipments name themselves; labelling each edge into them only adds clutter.
    const folded = target !== undefined && target !== shipmentId(line.number);
    if (source && target) bundle.add(source, target, folded ? null : line.number);
  }

  for (const customer of trace.customers) {
    const id = customerId(customer.code);
    nodes.push({ kind: 'customer', id, customer });
  }
  for (const shipment of shipments) {
    const source = shipmentDrawnAs.get(shipment.number);
    if (source) bundle.add(source, customerId(shipment.customer), null);
  }

  return { nodes, edges: bundle.edges(), aggregated };
}

/** The drawn ids of a folded node's members once it is expanded. */
export function memberNodeIds(node: GroupGraphNode | ShipmentGroupGraphNode): string[] {
  return node.kind === 'group' ? node.units.map((u) => unitNodeId(u.id)) : node.shipments.map((s) => s.id);
}
