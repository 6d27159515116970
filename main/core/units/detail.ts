// Lists of lots and serials, and one unit's whole story: status history, quantities, events, shipments, service.
import type { Database as Db } from 'better-sqlite3';
import type { UnitDetail, UnitKind, UnitStatus, UnitSummary } from '../../../common/domain';
import { fromMilli } from '../../../common/quantity';
import { perConnection } from '../db/statements';
import { eventsOfUnit } from '../events/ledger';
import { itemById, toItem } from '../masterdata/items';
import { serviceOf } from '../service/service-events';
import { addDays } from '../time';
import { resolveRef, toSummary, UNIT_SELECT } from './rows';
import type { UnitRow } from './rows';
import { SAMPLING_BIZ_STEP } from './sample';

const statements = perConnection((db: Db) => ({
  // One statement per filter shape, so that each is answered from an index (newest first).
  // `+u.kind`: walk ids newest first and stop at the limit, rather than sort every unit of the kind.
  listByKind: db.prepare<[{ kind: UnitKind; limit: number }], UnitRow>(`${UNIT_SELECT} WHERE +u.kind = @kind ORDER BY u.id DESC LIMIT @limit`),
  listByStatus: db.prepare<[{ kind: UnitKind; status: string; limit: number }], UnitRow>(
    `${UNIT_SELECT} WHERE u.kind = @kind AND u.status = @status ORDER BY u.id DESC LIMIT @limit`,
  ),
  listByItem: db.prepare<[{ kind: UnitKind; item: string; limit: number }], UnitRow>(
    `${UNIT_SELECT} WHERE u.kind = @kind AND i.part = @item ORDER BY u.id DESC LIMIT @limit`,
  ),
  listByItemStatus: db.prepare<[{ kind: UnitKind; item: string; status: string; limit: number }], UnitRow>(
    `${UNIT_SELECT} WHERE u.kind = @kind AND i.part = @item AND u.status = @status ORDER BY u.id DESC LIMIT @limit`,
  ),
  supplier: db.prepare<[number], { code: string; name: string }>('SELECT code, name FROM suppliers WHERE id = ?'),
  receipt: db.prepare<[number], { number: string }>('SELECT number FROM receipts WHERE id = ?'),
  workOrder: db.prepare<[number], { number: string }>('SELECT number FROM work_orders WHERE id = ?'),
  moved: db.prepare<[number], { role: string; biz_step: string; qty: number | null }>(
    `SELECT eu.role, e.biz_step, sum(eu.qty) AS qty FROM event_units eu JOIN events e ON e.id = eu.event_id
      WHERE eu.unit_id = ? AND NOT EXISTS (SELECT 1 FROM events r WHERE r.corrects_event_id = e.id)
      GROUP BY eu.role, e.biz_step`,
  ),
  shipments: db.prepare<[number], { number: string; customer: string; ship_to: string; ship_date: string; qty: number }>(
    `SELECT s.number, c.code AS customer, l.code AS ship_to, s.ship_date, sl.qty
       FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id JOIN customers c ON c.id = s.customer_id JOIN locations l ON l.id = s.ship_to_id
      WHERE sl.unit_id = ? ORDER BY s.ship_date`,
  ),
}));

export function listUnits(db: Db, kind: UnitKind, filter: { item?: string | undefined; status?: UnitStatus | undefined; limit?: number | undefined }): UnitSummary[] {
  const s = statements(db);
  const limit = filter.limit ?? 500;
  const { item, status } = filter;
  const rows =
    item !== undefined && status !== undefined
      ? s.listByItemStatus.all({ kind, item, status, limit })
      : item !== undefined
        ? s.listByItem.all({ kind, item, limit })
        : status !== undefined
          ? s.listByStatus.all({ kind, status, limit })
          : s.listByKind.all({ kind, limit });
  return rows.map(toSummary);
}

export function unitDetail(db: Db, refText: string): UnitDetail {
  const s = statements(db);
  const unit = resolveRef(db, refText);
  const ref = toSummary(unit).ref;
  const item = itemById(db, unit.item_id);
  const events = eventsOfUnit(db, unit.id);
  const totals = { received: 0, produced: 0, consumed: 0, shipped: 0, sampled: 0 };
  for (const m of s.moved.all(unit.id)) {
    const qty = m.qty ?? 0;
    if (m.role === 'output') totals.produced += qty;
    else if (m.role === 'input') totals.consumed += qty;
    else if (m.biz_step === 'receiving' && m.role === 'object') totals.received += qty;
    else if (m.biz_step === 'shipping') totals.shipped += qty;
    else if (m.biz_step === SAMPLING_BIZ_STEP && m.role === 'object') totals.sampled += qty;
  }
  const shipments = s.shipments.all(unit.id);
  const firstShip = shipments[0]?.ship_date;
  const supplier = unit.supplier_id === null ? undefined : s.supplier.get(unit.supplier_id);
  return {
    unit: toSummary(unit),
    item: toItem(item),
    supplier: supplier ? { ...supplier, supplierLot: unit.supplier_lot } : null,
    receipt: unit.receipt_id === null ? null : (s.receipt.get(unit.receipt_id)?.number ?? null),
    workOrder: unit.work_order_id === null ? null : (s.workOrder.get(unit.work_order_id)?.number ?? null),
    quantities: {
      received: fromMilli(totals.received),
      produced: fromMilli(totals.produced),
      consumed: fromMilli(totals.consumed),
      shipped: fromMilli(totals.shipped),
      sampled: fromMilli(totals.sampled),
      onHand: fromMilli(unit.qty_on_hand),
    },
    // Status changes of this unit itself (an event's status applies to what it received, held or produced).
    statusHistory: events
      .filter((e) => e.statusTo !== null && e.units.some((u) => u.ref === ref && (u.role === 'object' || u.role === 'output')))
      .map((e) => ({ at: e.eventTime, status: e.statusTo as UnitStatus, reason: e.reason, actor: e.actor })),
    events,
    shipments: shipments.map((x) => ({ number: x.number, customer: x.customer, shipTo: x.ship_to, shipDate: x.ship_date, quantity: fromMilli(x.qty) })),
    service: unit.kind === 'serial' ? serviceOf(db, unit.id) : [],
    warrantyEnds: firstShip !== undefined && item.warranty_days !== null ? addDays(firstShip, item.warranty_days) : null,
  };
}

