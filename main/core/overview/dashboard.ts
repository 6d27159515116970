// The dashboard: what needs attention today.
import type { Database as Db } from 'better-sqlite3';
import type { Dashboard } from '../../../common/api/system';
import { perConnection } from '../db/statements';
import { listWorkOrders } from '../production/work-orders';
import { addDays } from '../time';
import { listUnits } from '../units/detail';
import { toSummary, UNIT_SELECT } from '../units/rows';
import type { UnitRow } from '../units/rows';

const statements = perConnection((db: Db) => ({
  counts: db.prepare<[], Dashboard['counts']>(
    `SELECT (SELECT count(*) FROM units WHERE kind = 'lot') AS lots,
            (SELECT count(*) FROM units WHERE kind = 'serial') AS serials,
            (SELECT count(*) FROM units WHERE status = 'quarantine') AS quarantine,
            (SELECT count(*) FROM units WHERE status = 'on_hold') AS onHold,
            (SELECT count(*) FROM work_orders WHERE status = 'open') AS openWorkOrders,
            (SELECT count(*) FROM shipments) AS shipments`,
  ),
  expiring: db.prepare<[string, string], UnitRow>(
    // `+u.status` keeps the planner on the (partial) expiry index rather than walking every released unit.
    `${UNIT_SELECT} WHERE u.expires_at IS NOT NULL AND u.expires_at >= ? AND u.expires_at < ? AND u.qty_on_hand > 0
       AND +u.status IN ('quarantine','released','on_hold') ORDER BY u.expires_at LIMIT 200`,
  ),
}));

export function dashboard(db: Db, today: string): Dashboard {
  const s = statements(db);
  const expiring = (from: number, to: number) => s.expiring.all(addDays(today, from), addDays(today, to)).map(toSummary);
  return {
    counts: s.counts.get() as Dashboard['counts'],
    quarantine: [...listUnits(db, 'lot', { status: 'quarantine', limit: 50 }), ...listUnits(db, 'serial', { status: 'quarantine', limit: 50 })],
    onHold: [...listUnits(db, 'lot', { status: 'on_hold', limit: 50 }), ...listUnits(db, 'serial', { status: 'on_hold', limit: 50 })],
    expiring: { within30: expiring(0, 30), within60: expiring(30, 60), within90: expiring(60, 90) },
    openWorkOrders: listWorkOrders(db, 'open', 50),
  };
}
