// Where each unit's quantity went, from the records that moved it (thousandths): made or received, shipped, consumed
// into other units (reversed consumptions left out), still in house, scrapped (rejected and still here), and what came
// back (a returned serial, a part removed in service), and what was taken out as samples (`units.sample`: Lotline's own
// sampling events; an imported EPCIS sampling event moved no stock here and is left out).
import type { Database as Db } from 'better-sqlite3';
import type { CampaignScope } from '../../../common/api/recall';
import type { UnitSummary } from '../../../common/domain';
import { QTY_SCALE, toMilli } from '../../../common/quantity';
import { perConnection } from '../db/statements';
import { SAMPLING_BIZ_STEP } from '../units/sample';

export interface UnitQuantities {
  produced: number;
  returned: number;
  shipped: number;
  consumed: number;
  inHouse: number;
  scrapped: number;
  sampled: number;
}

const statements = perConnection((db: Db) => ({
  consumed: db.prepare<[string], { unit_id: number; qty: number }>(
    `SELECT eu.unit_id, sum(eu.qty) AS qty FROM event_units eu
      WHERE eu.unit_id IN (SELECT value FROM json_each(?)) AND eu.role = 'input'
        AND NOT EXISTS (SELECT 1 FROM events r WHERE r.corrects_event_id = eu.event_id)
      GROUP BY eu.unit_id`,
  ),
  // From the few sampling events (their partial index, migration 13) to their units, then whether each is one of
  // these (CROSS JOIN keeps that order; the unary + keeps the list from being probed per event).
  sampled: db.prepare<[string], { unit_id: number; qty: number }>(
    `SELECT eu.unit_id, sum(eu.qty) AS qty FROM events e INDEXED BY events_sampling CROSS JOIN event_units eu ON eu.event_id = e.id AND eu.role = 'object'
      WHERE e.biz_step = '${SAMPLING_BIZ_STEP}' AND +eu.unit_id IN (SELECT value FROM json_each(?))
        AND NOT EXISTS (SELECT 1 FROM epcis_events x WHERE x.event_id = e.id)
      GROUP BY eu.unit_id`,
  ),
  returned: db.prepare<[string], { unit_id: number; n: number }>(
    `SELECT unit_id, count(*) AS n FROM (
       SELECT serial_id AS unit_id FROM service_events WHERE kind = 'return'
       UNION ALL SELECT removed_unit_id FROM service_events WHERE removed_unit_id IS NOT NULL)
      WHERE unit_id IN (SELECT value FROM json_each(?)) GROUP BY unit_id`,
  ),
}));

// A scope is kept while nothing changes (scope.ts), and with it the quantities of what is in it: the impact, the mass
// balance and the report read them once.
const ofScope = new WeakMap<CampaignScope, ReadonlyMap<number, UnitQuantities>>();

/** The quantities of the lots and serials in the scope (those its rules keep). */
export function scopeQuantities(db: Db, scope: CampaignScope): ReadonlyMap<number, UnitQuantities> {
  let quantities = ofScope.get(scope);
  if (quantities === undefined) ofScope.set(scope, (quantities = unitQuantities(db, scope.units.filter((u) => u.inScope), shippedByRef(scope))));
  return quantities;
}

/** What each unit shipped, from the scope's shipment lines: every line of every unit it reached, whatever its rules. */
function shippedByRef(scope: CampaignScope): Map<string, number> {
  const shipped = new Map<string, number>();
  for (const line of scope.shipments) shipped.set(line.ref, (shipped.get(line.ref) ?? 0) + milli(line.quantity));
  return shipped;
}

/** The quantities of these units; their own (made, on hand, status) as read with them, the moves from the records. */
function unitQuantities(db: Db, units: readonly Pick<UnitSummary, 'id' | 'ref' | 'quantity' | 'onHand' | 'status'>[], shipped: ReadonlyMap<string, number>): Map<number, UnitQuantities> {
  const list = JSON.stringify(units.map((u) => u.id));
  const s = statements(db);
  const consumed = new Map(s.consumed.all(list).map((r) => [r.unit_id, r.qty]));
  const returned = new Map(s.returned.all(list).map((r) => [r.unit_id, r.n * QTY_SCALE]));
  const sampled = new Map(s.sampled.all(list).map((r) => [r.unit_id, r.qty]));
  const out = new Map<number, UnitQuantities>();
  for (const u of units) {
    const rejected = u.status === 'rejected';
    const onHand = milli(u.onHand);
    out.set(u.id, {
      produced: milli(u.quantity),
      returned: returned.get(u.id) ?? 0,
      shipped: shipped.get(u.ref) ?? 0,
      consumed: consumed.get(u.id) ?? 0,
      inHouse: rejected ? 0 : onHand,
      scrapped: rejected ? onHand : 0,
      sampled: sampled.get(u.id) ?? 0,
    });
  }
  return out;
}

function milli(quantity: string): number {
  const value = toMilli(quantity);
  if (value === undefined) throw new Error(`quantities: ${quantity} is not a quantity`);
  return value;
}

/** produced + returned − (shipped + consumed + in house + scrapped + sampled): zero when every quantity is accounted for. */
export function unexplained(q: UnitQuantities): number {
  return q.produced + q.returned - (q.shipped + q.consumed + q.inHouse + q.scrapped + q.sampled);
}
