// Creating lots and serials and changing their state; every change is audited with its reason.
import type { Database as Db } from 'better-sqlite3';
import type { ManualStatus, UnitKind, UnitStatus } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { auditCreate, unitMove } from '../audit/trail';
import type { UnitMove } from '../audit/trail';
import type { Core } from '../context';
import { hasExactlyColumns, perConnection } from '../db/statements';
import { inKeyOrder } from '../audit/canonical';
import { appendEvent } from '../events/ledger';
import { eventTime } from '../time';
import { toSummary, unitById } from './rows';
import type { UnitRow } from './rows';
import { transitionProblem } from './status';
import { openNonconformanceProblem } from '../quality/nonconformances';
import { campaignHoldProblem } from '../recall/active-holds';

export interface NewUnit {
  itemId: number;
  kind: UnitKind;
  code: string;
  status: UnitStatus;
  qty: number;
  supplierId?: number | null;
  supplierLot?: string | null;
  receiptId?: number | null;
  workOrderId?: number | null;
  producedAt?: string | null;
  expiresAt?: string | null;
}

const UNIT_INSERT = `INSERT INTO units (item_id, kind, code, status, status_reason, qty_initial, qty_on_hand, supplier_id, supplier_lot, receipt_id, work_order_id, produced_at, expires_at, created_at)
     VALUES (@item_id, @kind, @code, @status, @status_reason, @qty_initial, @qty_on_hand, @supplier_id, @supplier_lot, @receipt_id, @work_order_id, @produced_at, @expires_at, @created_at)`;
export const UNIT_COLUMNS = ['id', 'item_id', 'kind', 'code', 'status', 'status_reason', 'qty_initial', 'qty_on_hand', 'supplier_id', 'supplier_lot', 'receipt_id', 'work_order_id', 'produced_at', 'expires_at', 'created_at'];
/** The keys of a unit's audit snapshot, in canonical order, while the table has only UNIT_COLUMNS. */
export const UNIT_SNAPSHOT_KEYS = [...UNIT_COLUMNS].sort();

const statements = perConnection((db: Db) => ({
  // RETURNING hands back the row as stored: the unit's audit snapshot, without reading it again.
  insert: db.prepare<[Record<string, unknown>], Record<string, unknown> & { id: number }>(`${UNIT_INSERT} RETURNING *`),
  // While the table has only the columns written here, the row as stored is the values bound and the rowid.
  insertPlain: hasExactlyColumns(db, 'units', UNIT_COLUMNS) ? db.prepare<[Record<string, unknown>]>(UNIT_INSERT) : undefined,
  // Each update applies only while the columns it changes still hold what the caller read (the WHERE after id):
  // then the row after the change is the row read with the new values, and the trail needs no read of its own. A
  // move that leaves the status alone does not write the status columns, so the status index is not rewritten on
  // every scan.
  setQuantities: db.prepare<[number, number, string, string | null, number, number, number, string, string | null]>(
    `UPDATE units SET qty_initial = ?, qty_on_hand = ?, status = ?, status_reason = ?
      WHERE id = ? AND qty_initial = ? AND qty_on_hand = ? AND status = ? AND status_reason IS ?`,
  ),
  setOnlyQuantities: db.prepare<[number, number, number, number, number]>('UPDATE units SET qty_initial = ?, qty_on_hand = ? WHERE id = ? AND qty_initial = ? AND qty_on_hand = ?'),
  // While the table has only the columns a UnitRow reads, the row after is built from it; otherwise read back.
  plainRows: hasExactlyColumns(db, 'units', UNIT_COLUMNS),
  row: db.prepare<[number], Record<string, unknown>>('SELECT * FROM units WHERE id = ?'),
}));

export function createUnit(core: Core, u: NewUnit, reason: string | null = null): number {
  const row = insertUnit(core, u);
  auditCreate(core, 'units', row.id, reason, row);
  return row.id;
}

/** The row a unit is stored as (all its columns but `id`); `at` is when it is recorded (now, unless a caller recording many at one moment gives it). */
export function unitValues(core: Core, u: NewUnit, at = core.now().toISOString()) {
  return {
    item_id: u.itemId,
    kind: u.kind,
    code: u.code,
    status: u.status,
    status_reason: null,
    qty_initial: u.qty,
    qty_on_hand: u.qty,
    supplier_id: u.supplierId ?? null,
    supplier_lot: u.supplierLot ?? null,
    receipt_id: u.receiptId ?? null,
    work_order_id: u.workOrderId ?? null,
    produced_at: u.producedAt ?? null,
    expires_at: u.expiresAt ?? null,
    created_at: at,
  };
}

/** Writes the unit and hands back the row as stored (its audit snapshot), for a caller that audits many at once (an import). */
export function insertUnit(core: Core, u: NewUnit): Record<string, unknown> & { id: number } {
  const s = statements(core.db);
  const values = unitValues(core, u);
  const row = s.insertPlain ? { id: Number(s.insertPlain.run(values).lastInsertRowid), ...values } : s.insert.get(values);
  if (row === undefined) throw new Error('units: the insert returned no row');
  return row;
}

/**
 * Changes what is on hand (and what the unit ever held, for produced additions). A unit whose last
 * piece is consumed or shipped takes that status; one that comes back from it is released again.
 * Hands back the move, which the event that makes it must record (`NewEvent.moves`): its trail row holds it.
 */
export function moveQuantity(
  core: Core,
  unit: UnitRow,
  change: { onHand: number; initial?: number; emptiedAs?: 'consumed' | 'shipped' },
  reason: string,
): UnitMove {
  const onHand = unit.qty_on_hand + change.onHand;
  if (onHand < 0) throw new LotlineError('QUANTITY', `Not enough on hand of ${unit.part} ${unit.code}`);
  let status = unit.status;
  let statusReason = unit.status_reason;
  if (onHand === 0 && change.emptiedAs) {
    status = change.emptiedAs;
    statusReason = reason;
  } else if (onHand > 0 && (unit.status === 'consumed' || unit.status === 'shipped')) {
    status = 'released';
    statusReason = reason;
  }
  return writeUnitState(core, unit, { initial: unit.qty_initial + (change.initial ?? 0), onHand, status, statusReason }, reason);
}

/**
 * Writes a unit's quantities and status while its row still holds what the caller read, and hands back the change
 * for the trail row of the event that makes it (`NewEvent.moves`): every change to a lot or serial after it was
 * created is made by an event and recorded in that event's row.
 */
export function writeUnitState(
  core: Core,
  unit: UnitRow,
  next: { initial: number; onHand: number; status: UnitStatus; statusReason: string | null },
  reason: string,
): UnitMove {
  const s = statements(core.db);
  const was = { qty_initial: unit.qty_initial, qty_on_hand: unit.qty_on_hand, status: unit.status, status_reason: unit.status_reason };
  const changed =
    next.status === unit.status && next.statusReason === unit.status_reason
      ? s.setOnlyQuantities.run(next.initial, next.onHand, unit.id, was.qty_initial, was.qty_on_hand).changes
      : s.setQuantities.run(next.initial, next.onHand, next.status, next.statusReason, unit.id, was.qty_initial, was.qty_on_hand, was.status, was.status_reason).changes;
  // The row no longer holds what the caller read: nothing was written; the unit has changed since it was read.
  if (changed !== 1) throw new LotlineError('CONFLICT', `${unit.part} ${unit.code} changed while this was being recorded; scan it again`);
  // The row read with the new values, keys in canonical order (the joined item columns fall away): every other column
  // is fixed when the unit is created, these two updates being the only writes to a unit.
  const after = s.plainRows
    ? inKeyOrder({ ...unit, qty_initial: next.initial, qty_on_hand: next.onHand, status: next.status, status_reason: next.statusReason }, UNIT_SNAPSHOT_KEYS)
    : s.row.get(unit.id);
  if (after === undefined) throw new Error(`units: ${unit.id} is gone after its update`);
  return unitMove(unit.id, was, after, reason);
}

const statusEvent: Record<ManualStatus | 'recalled', { bizStep: string; disposition: string }> = {
  released: { bizStep: 'inspecting', disposition: 'conformant' },
  rejected: { bizStep: 'inspecting', disposition: 'non_conformant' },
  on_hold: { bizStep: 'holding', disposition: 'non_sellable_other' },
  quarantine: { bizStep: 'holding', disposition: 'non_sellable_other' },
  recalled: { bizStep: 'holding', disposition: 'recalled' },
};

/** A person's status decision: validated against the rules, recorded as an event and in the trail. */
export function changeStatus(core: Core, unit: UnitRow, to: ManualStatus, reason: string) {
  const problem =
    transitionProblem(unit, to) ?? (to === 'released' ? openNonconformanceProblem(core.db, unit) : undefined) ?? (to === 'rejected' ? undefined : campaignHoldProblem(core.db, unit));
  if (problem) throw new LotlineError('STATUS', problem);
  writeStatus(core, unit, to, reason);
  return toSummary(unitById(core.db, unit.id));
}

/**
 * Sets the status without the rules for people (a recall's containment and its signed lifting decide for
 * themselves): recorded by its status event, whose trail row holds the change; returns the event's id.
 */
export function writeStatus(core: Core, unit: UnitRow, to: ManualStatus | 'recalled', reason: string, statusReason: string = reason): number {
  const move = writeUnitState(core, unit, { initial: unit.qty_initial, onHand: unit.qty_on_hand, status: to, statusReason }, reason);
  return appendEvent(core, {
    kind: 'object',
    action: 'OBSERVE',
    ...statusEvent[to],
    time: eventTime(undefined, core.now()),
    document: null,
    reason,
    statusTo: to,
    units: [{ unitId: unit.id, role: 'object', qty: unit.qty_on_hand }],
    moves: [move],
  });
}
