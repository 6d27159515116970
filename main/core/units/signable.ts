// Lots and serials as signable records: the lot record itself (kind `lot`, id its ref) and each status decision
// (kind `lot-decision`, id the status event), which a QA release or rejection signs.
import type { Database as Db } from 'better-sqlite3';
import { LotlineError } from '../../../common/errors';
import { fromMilli } from '../../../common/quantity';
import { perConnection } from '../db/statements';
import { registerSignableRecord } from '../signatures/registry';
import { withOffset } from '../time';
import { resolveRef, unitById, unitName, unitRef } from './rows';
import type { UnitRow } from './rows';

interface DecisionRow {
  id: number;
  event_time: string;
  tz_offset: string;
  biz_step: string;
  disposition: string | null;
  reason: string | null;
  status_to: string;
  actor: string;
  unit_id: number;
  qty: number;
}

const statements = perConnection((db: Db) => ({
  creator: db.prepare<[number], { actor: string }>(`SELECT actor FROM audit_trail WHERE entity = 'units' AND entity_id = ? AND action = 'create' ORDER BY seq LIMIT 1`),
  decision: db.prepare<[number], DecisionRow>(
    `SELECT e.id, e.event_time, e.tz_offset, e.biz_step, e.disposition, e.reason, e.status_to, e.actor, u.unit_id, u.qty
       FROM events e JOIN event_units u ON u.event_id = e.id AND u.role = 'object'
      WHERE e.id = ? AND e.status_to IS NOT NULL`,
  ),
  latestDecision: db.prepare<[number], { id: number | null }>(
    `SELECT max(e.id) AS id FROM event_units u JOIN events e ON e.id = u.event_id WHERE u.unit_id = ? AND e.status_to IS NOT NULL`,
  ),
}));

function unitOrUndefined(db: Db, ref: string): UnitRow | undefined {
  try {
    return resolveRef(db, ref);
  } catch (error) {
    if (error instanceof LotlineError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION')) return undefined;
    throw error;
  }
}

/** What a lot's record says: identity, status with its reason, quantities and dates. */
function lotContent(unit: UnitRow) {
  return {
    ref: unitRef(unit),
    item: unit.part,
    description: unit.description,
    gtin: unit.gtin,
    kind: unit.kind,
    code: unit.code,
    status: unit.status,
    statusReason: unit.status_reason,
    quantity: fromMilli(unit.qty_initial),
    onHand: fromMilli(unit.qty_on_hand),
    unit: unit.uom,
    supplierLot: unit.supplier_lot,
    producedAt: unit.produced_at,
    expiresAt: unit.expires_at,
  };
}

/** Who received or made the lot (the audit trail's creator): its author for the two-person rule. */
function lotAuthors(db: Db, unit: UnitRow | undefined): string[] {
  const creator = unit === undefined ? undefined : statements(db).creator.get(unit.id)?.actor;
  return creator === undefined ? [] : [creator];
}

function decision(db: Db, id: string): DecisionRow | undefined {
  return /^\d{1,15}$/.test(id) ? statements(db).decision.get(Number(id)) : undefined;
}

/** The status event a person's decision on `unitId` wrote last (the one a release or rejection signs). */
export function latestDecisionId(db: Db, unitId: number): number {
  const id = statements(db).latestDecision.get(unitId)?.id;
  if (id === null || id === undefined) throw new LotlineError('NOT_FOUND', `There is no status decision for ${unitName(unitById(db, unitId))}`);
  return id;
}

registerSignableRecord('lot', {
  title: (db, id) => {
    const unit = unitOrUndefined(db, id);
    return unit && unitName(unit);
  },
  content: (db, id) => {
    const unit = unitOrUndefined(db, id);
    return unit && lotContent(unit);
  },
  authors: (db, id) => lotAuthors(db, unitOrUndefined(db, id)),
});

registerSignableRecord('lot-decision', {
  title: (db, id) => {
    const row = decision(db, id);
    return row && `Status decision ${row.id}: ${unitName(unitById(db, row.unit_id))} ${row.status_to.replace('_', ' ')}`;
  },
  content: (db, id) => {
    const row = decision(db, id);
    if (row === undefined) return undefined;
    const unit = unitById(db, row.unit_id);
    return {
      event: row.id,
      ref: unitRef(unit),
      item: unit.part,
      code: unit.code,
      decision: row.status_to,
      reason: row.reason,
      quantity: fromMilli(row.qty),
      unit: unit.uom,
      at: withOffset(row.event_time, row.tz_offset),
      bizStep: row.biz_step,
      disposition: row.disposition,
      recordedBy: row.actor,
    };
  },
  authors: (db, id) => {
    const row = decision(db, id);
    return row === undefined ? [] : lotAuthors(db, unitById(db, row.unit_id));
  },
});
