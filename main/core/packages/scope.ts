// What an audit package covers: the lots and serials of its scope with their backward and forward trace, and the
// documents, records and master data that hang off them. Pure reads on the connection given (the package's snapshot).
import type { Database as Db } from 'better-sqlite3';
import type { PackageScope } from '../../../common/api/packages';
import { LotlineError } from '../../../common/errors';
import { perConnection } from '../db/statements';
import { walk } from '../trace/walk';
import { resolveRef, unitName } from '../units/rows';
import { itemByPart } from '../masterdata/items';
import { campaignByNumber, seedIds } from '../recall/campaigns';

/** Trace depth: far enough for any real genealogy (as the EPCIS and FSMA exports). */
const TRACE_DEPTH = 1000;

export interface ResolvedScope {
  scope: PackageScope;
  title: string;
  /** The lots and serials the scope starts from (before the trace). */
  roots: string[];
  /** Every lot and serial in scope, by id. */
  unitIds: number[];
  /** JSON arrays of ids for the store's statements (json_each). */
  json: { units: string; recordUnits: string; items: string; workOrders: string; events: string; shipments: string; customers: string; specs: string; campaigns: string };
  counts: { units: number; items: number; workOrders: number; events: number; shipments: number; customers: number; specs: number; campaigns: number };
}

const ids = (rows: readonly { id: number }[]) => rows.map((r) => r.id);

const statements = perConnection((db: Db) => ({
  itemUnits: db.prepare<[{ item: number; from: string; to: string }], { id: number }>(
    // A lot or serial belongs to the range by the day it was made (received, for bought-in lots).
    `SELECT id FROM units WHERE item_id = @item AND substr(coalesce(produced_at, created_at), 1, 10) BETWEEN @from AND @to ORDER BY id`,
  ),
  workOrder: db.prepare<[string], { id: number; number: string; part: string }>(
    'SELECT w.id, w.number, i.part FROM work_orders w JOIN items i ON i.id = w.item_id WHERE w.number = ?',
  ),
  workOrderUnits: db.prepare<[number, number], { id: number }>(
    // What the work order made, and what it consumed (a work order that has produced nothing yet still has inputs).
    `SELECT id FROM units WHERE work_order_id = ?
     UNION SELECT eu.unit_id FROM events e JOIN event_units eu ON eu.event_id = e.id WHERE e.doc_type = 'work_order' AND e.doc_id = ?`,
  ),
  items: db.prepare<[string], { id: number }>('SELECT DISTINCT item_id AS id FROM units WHERE id IN (SELECT value FROM json_each(?)) ORDER BY 1'),
  // The work orders that made a lot or serial in scope.
  workOrders: db.prepare<[string], { id: number }>(
    'SELECT DISTINCT work_order_id AS id FROM units WHERE work_order_id IS NOT NULL AND id IN (SELECT value FROM json_each(?)) ORDER BY 1',
  ),
  // The events of the lots and serials in scope, but not a component lot's consumption into another product's work order.
  events: db.prepare<[string, string], { id: number }>(
    `SELECT DISTINCT eu.event_id AS id FROM event_units eu JOIN events e ON e.id = eu.event_id
      WHERE eu.unit_id IN (SELECT value FROM json_each(?)) AND (e.doc_type IS NOT 'work_order' OR e.doc_id IN (SELECT value FROM json_each(?))) ORDER BY 1`,
  ),
  shipments: db.prepare<[string], { id: number }>('SELECT DISTINCT shipment_id AS id FROM shipment_lines WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY 1'),
  customers: db.prepare<[string], { id: number }>('SELECT DISTINCT customer_id AS id FROM shipments WHERE id IN (SELECT value FROM json_each(?)) ORDER BY 1'),
  specs: db.prepare<[string], { id: number }>('SELECT id FROM specs WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY id'),
  // Recall and field-action campaigns that started from, or held, a lot or serial in scope.
  campaigns: db.prepare<[string, string], { id: number }>(
    `SELECT campaign_id AS id FROM recall_seeds WHERE unit_id IN (SELECT value FROM json_each(?))
     UNION SELECT campaign_id FROM recall_holds WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY 1`,
  ),
}));

function roots(db: Db, scope: PackageScope): { title: string; roots: number[]; names: string[]; workOrder?: number } {
  const s = statements(db);
  switch (scope.by) {
    case 'lot':
    case 'serial': {
      const unit = resolveRef(db, scope.ref);
      if (unit.kind !== scope.by) throw new LotlineError('VALIDATION', `scope.ref: ${unitName(unit)} is a ${unit.kind}; choose the ${unit.kind} scope for it`);
      return { title: `${unitName(unit)} with its backward and forward trace`, roots: [unit.id], names: [scope.ref] };
    }
    case 'item': {
      const item = itemByPart(db, scope.part);
      const found = ids(s.itemUnits.all({ item: item.id, from: scope.from, to: scope.to }));
      if (found.length === 0) {
        throw new LotlineError('NOT_FOUND', `No lot or serial of ${item.part} was made or received from ${scope.from} to ${scope.to}; widen the date range or choose another item`);
      }
      return { title: `${item.part} (${item.description}) made or received ${scope.from} to ${scope.to}, ${found.length} lot(s) and serial(s), with their backward and forward trace`, roots: found, names: [item.part] };
    }
    case 'workOrder': {
      const wo = s.workOrder.get(scope.number);
      if (!wo) throw new LotlineError('NOT_FOUND', `There is no work order ${scope.number}`);
      const found = ids(s.workOrderUnits.all(wo.id, wo.id));
      if (found.length === 0) throw new LotlineError('NOT_FOUND', `Work order ${wo.number} (${wo.part}) has consumed and produced nothing yet, so there is nothing to package`);
      return { title: `Work order ${wo.number} (${wo.part}): what it consumed and produced, with their backward and forward trace`, roots: found, names: [wo.number], workOrder: wo.id };
    }
    case 'campaign': {
      const campaign = campaignByNumber(db, scope.id);
      const seeds = seedIds(db, campaign.id);
      return { title: `${campaign.kind === 'recall' ? 'Recall' : 'Field action'}${campaign.drill ? ' drill' : ''} ${campaign.number} (${campaign.title}): its ${seeds.length} seed lot(s) and serial(s) with their backward and forward trace`, roots: seeds, names: [campaign.number] };
    }
  }
}

export function resolveScope(db: Db, scope: PackageScope): ResolvedScope {
  const start = roots(db, scope);
  const all = new Set<number>(start.roots);
  for (const direction of ['backward', 'forward'] as const) for (const id of walk(db, start.roots, direction, TRACE_DEPTH).depths.keys()) all.add(id);
  const unitIds = [...all].sort((a, b) => a - b);
  const s = statements(db);
  const units = JSON.stringify(unitIds);
  const items = ids(s.items.all(units));
  const workOrders = [...new Set([...ids(s.workOrders.all(units)), ...(start.workOrder === undefined ? [] : [start.workOrder])])].sort((a, b) => a - b);
  const workOrdersJson = JSON.stringify(workOrders);
  const events = ids(s.events.all(units, workOrdersJson));
  const eventsJson = JSON.stringify(events);
  // A product over a date range or a campaign: the records of its own lots and serials (their components' records are
  // in the packages of those lots); one lot, serial or work order: the records of its whole trace.
  const recordUnits = scope.by === 'item' || scope.by === 'campaign' ? JSON.stringify(start.roots) : units;
  const shipments = ids(s.shipments.all(units));
  const shipmentsJson = JSON.stringify(shipments);
  const customers = ids(s.customers.all(shipmentsJson));
  const itemsJson = JSON.stringify(items);
  const specs = ids(s.specs.all(itemsJson));
  const campaigns = ids(s.campaigns.all(units, units));
  return {
    scope,
    title: start.title,
    roots: start.names,
    unitIds,
    json: {
      units,
      items: itemsJson,
      workOrders: workOrdersJson,
      recordUnits,
      events: eventsJson,
      shipments: shipmentsJson,
      customers: JSON.stringify(customers),
      specs: JSON.stringify(specs),
      campaigns: JSON.stringify(campaigns),
    },
    counts: { units: unitIds.length, items: items.length, workOrders: workOrders.length, events: events.length, shipments: shipments.length, customers: customers.length, specs: specs.length, campaigns: campaigns.length },
  };
}
