// Domain vocabulary and the shapes that cross the api. Quantities are decimal strings (exact).

export const trackings = ['none', 'lot', 'serial'] as const;
export type Tracking = (typeof trackings)[number];

export const itemCategories = ['raw', 'component', 'subassembly', 'finished', 'consumable'] as const;
export type ItemCategory = (typeof itemCategories)[number];

export const unitStatuses = ['quarantine', 'released', 'on_hold', 'rejected', 'consumed', 'shipped', 'recalled'] as const;
export type UnitStatus = (typeof unitStatuses)[number];

/** Statuses a person may set by hand (the others follow from consumption, shipping and recalls). */
export const manualStatuses = ['quarantine', 'released', 'on_hold', 'rejected'] as const;
export type ManualStatus = (typeof manualStatuses)[number];

export const locationKinds = ['site', 'warehouse', 'line', 'ship_to'] as const;
export type LocationKind = (typeof locationKinds)[number];

export const serviceKinds = ['repair', 'part_replaced', 'return', 'field_action', 'inspection'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export type UnitKind = 'lot' | 'serial';

export interface Item {
  part: string;
  description: string;
  gtin: string | null;
  tracking: Tracking;
  category: ItemCategory;
  unit: string;
  shelfLifeDays: number | null;
  warrantyDays: number | null;
  lotPattern: string | null;
  serialPattern: string | null;
}

export interface Party {
  code: string;
  name: string;
  contact: string | null;
  email: string | null;
}

export interface Location {
  code: string;
  name: string;
  kind: LocationKind;
  customer: string | null;
  address: string | null;
}

/** A lot or a serial, as lists and trace results show it. */
export interface UnitSummary {
  id: number;
  type: UnitKind;
  ref: string;
  item: string;
  description: string;
  gtin: string | null;
  lot?: string;
  serial?: string;
  status: UnitStatus;
  statusReason: string | null;
  quantity: string;
  onHand: string;
  unit: string;
  expiresAt: string | null;
  producedAt: string | null;
}

export interface EventUnit {
  ref: string;
  role: 'input' | 'output' | 'object' | 'parent' | 'child';
  quantity: string;
}

export interface LedgerEvent {
  id: number;
  kind: 'object' | 'aggregation' | 'transformation';
  action: 'ADD' | 'OBSERVE' | 'DELETE';
  bizStep: string;
  disposition: string | null;
  eventTime: string;
  tzOffset: string;
  location: string | null;
  actor: string;
  document: { type: string; number: string } | null;
  reason: string | null;
  statusTo: UnitStatus | null;
  corrects: number | null;
  units: EventUnit[];
}

export interface UnitDetail {
  unit: UnitSummary;
  item: Item;
  supplier: { code: string; name: string; supplierLot: string | null } | null;
  receipt: string | null;
  workOrder: string | null;
  quantities: { received: string; produced: string; consumed: string; shipped: string; sampled: string; onHand: string };
  statusHistory: { at: string; status: UnitStatus; reason: string | null; actor: string }[];
  events: LedgerEvent[];
  shipments: { number: string; customer: string; shipTo: string; shipDate: string; quantity: string }[];
  service: ServiceRecord[];
  warrantyEnds: string | null;
}

export interface ServiceRecord {
  id: number;
  number: string;
  serial: string;
  kind: ServiceKind;
  performedAt: string;
  description: string;
  removed: string | null;
  installed: string | null;
  actor: string;
}

export interface TraceNode extends UnitSummary {
  depth: number;
}

export interface TraceEdge {
  from: number;
  to: number;
  eventId: number;
  bizStep: string;
  document: string | null;
  eventTime: string;
  quantity: string | null;
}

export interface ShipmentReach {
  number: string;
  customer: string;
  customerName: string;
  shipTo: string;
  shipToName: string;
  shipDate: string;
  unitId: number;
  ref: string;
  quantity: string;
}

export interface CustomerReach {
  code: string;
  name: string;
  shipments: number;
  locations: string[];
}

/** Units of one item at one level of a trace: the summary a person reads first. */
export interface TraceItemCount {
  depth: number;
  item: string;
  description: string;
  units: number;
}

/**
 * A trace, summary first. `total`, `levels`, `items` and `customers` cover the whole trace; `nodes` are the
 * window of units asked for (by level, then by id), with the edges that reach them and their shipment lines.
 * A wide trace is read window by window (`offset`, `limit`): the table and the CSV get every row that way.
 */
export interface TraceResult {
  direction: 'forward' | 'backward';
  root: TraceNode;
  nodes: TraceNode[];
  edges: TraceEdge[];
  truncated: boolean;
  depthLimit: number;
  shipments: ShipmentReach[];
  customers: CustomerReach[];
  total: { nodes: number; edges: number; shipments: number; shipmentLines: number };
  /** Units per level: levels[d] at depth d. */
  levels: number[];
  items: TraceItemCount[];
  window: { offset: number; limit: number };
}

export interface RecallImpact {
  suspects: UnitSummary[];
  affected: TraceNode[];
  finished: UnitSummary[];
  inHouse: UnitSummary[];
  shipments: ShipmentReach[];
  customers: CustomerReach[];
  locations: { code: string; name: string; customer: string }[];
  truncated: boolean;
}
