// What each component item has given a work order (consumptions not reversed), kept in `work_order_consumed`
// (migration 12) by every event that consumes into a work order or reverses such a consumption, in the same
// transaction; `consumedByItemFromLedger` is the same answer read from the ledger itself, which tests hold it to.
import type { Database as Db } from 'better-sqlite3';
import { perConnection } from '../db/statements';

const statements = perConnection((db: Db) => ({
  add: db.prepare<[number, number, number]>(
    'INSERT INTO work_order_consumed (work_order_id, item_id, qty) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty',
  ),
  of: db.prepare<[number], { item_id: number; qty: number }>('SELECT item_id, qty FROM work_order_consumed WHERE work_order_id = ? AND qty <> 0'),
  fromLedger: db.prepare<[number], { item_id: number; qty: number }>(
    `SELECT u.item_id, sum(eu.qty) AS qty
       FROM events e JOIN event_units eu ON eu.event_id = e.id AND eu.role = 'input' JOIN units u ON u.id = eu.unit_id
      WHERE e.doc_type = 'work_order' AND e.doc_id = ? AND NOT EXISTS (SELECT 1 FROM events r WHERE r.corrects_event_id = e.id)
      GROUP BY u.item_id HAVING sum(eu.qty) <> 0`,
  ),
}));

/** Books `qty` (negative for a reversal) of `itemId` into the work order's total. */
export function addConsumed(db: Db, workOrderId: number, itemId: number, qty: number): void {
  statements(db).add.run(workOrderId, itemId, qty);
}

/** Item id → quantity consumed into the work order so far. */
export function consumedByItem(db: Db, workOrderId: number): Map<number, number> {
  return new Map(statements(db).of.all(workOrderId).map((c) => [c.item_id, c.qty]));
}

/** The same, summed from the work order's events: what `work_order_consumed` must always equal. */
export function consumedByItemFromLedger(db: Db, workOrderId: number): Map<number, number> {
  return new Map(statements(db).fromLedger.all(workOrderId).map((c) => [c.item_id, c.qty]));
}
