// The device history record of a serial or a device lot (21 CFR 820.184, ISO 13485 §7.5): dates of manufacture,
// quantity made and released, acceptance records, the primary identification label and UDI, the component lots and
// serials (the backward trace) and the service history.
import type { Database as Db } from 'better-sqlite3';
import type { DhrContent, DhrDisposition } from '../../../common/api/records';
import { toBracketed } from '../../../common/gs1';
import { LotlineError } from '../../../common/errors';
import type { LabelData } from '../../../common/labels/data';
import { unitLabelData } from '../labels/label-data';
import { bomById } from '../production/boms';
import { perConnection } from '../db/statements';
import { trace } from '../trace/trace';
import { unitDetail } from '../units/detail';
import { resolveRef, unitName } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { unlessMissing } from './missing';
import { inspectionsOf, isDecision, releaseOf, statusChangesOf } from './inspections';
import { resultsOf } from './quality-results';

const statements = perConnection((db: Db) => ({
  workOrder: db.prepare<[number], { number: string; bom_id: number; line: string | null }>('SELECT number, bom_id, line FROM work_orders WHERE id = ?'),
}));

/** A trace this deep covers any real device; the record says so if it were cut. */
const TRACE_DEPTH = 50;
const TRACE_ROWS = 100_000;

const yymmdd = (date: string): string => `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;

/** The UDI in bracketed GS1 form: (01) GTIN, (11) production date, (17) expiry, (10) lot, (21) serial. */
export function udiOf(label: LabelData): string | null {
  const gtin = label.item?.gtin;
  if (gtin === undefined) return null;
  const unit = label.serial ?? label.lot;
  const elements = [
    { ai: '01', value: gtin },
    ...(unit?.produced ? [{ ai: '11', value: yymmdd(unit.produced) }] : []),
    ...(unit?.expiry ? [{ ai: '17', value: yymmdd(unit.expiry) }] : []),
    ...(label.serial ? (label.serial.lot ? [{ ai: '10', value: label.serial.lot }] : []) : label.lot ? [{ ai: '10', value: label.lot.code }] : []),
    ...(label.serial ? [{ ai: '21', value: label.serial.code }] : []),
  ];
  return toBracketed(elements);
}

/** The device a DHR is about: a serial, or a lot produced by a work order. */
export function dhrUnit(db: Db, ref: string): UnitRow {
  const unit = resolveRef(db, ref);
  if (unit.work_order_id === null) throw new LotlineError('VALIDATION', `${unitName(unit)} was received, not manufactured here, so it has no device history record`);
  return unit;
}

export function dhrContent(db: Db, ref: string): DhrContent | undefined {
  const unit = unlessMissing(() => dhrUnit(db, ref));
  if (unit === undefined) return undefined;
  const detail = unitDetail(db, ref);
  const name = detail.unit.ref;
  const label = unitLabelData(db, unit);
  const wo = unit.work_order_id === null ? undefined : statements(db).workOrder.get(unit.work_order_id);
  const made = detail.events.find((e) => e.units.some((u) => u.ref === name && u.role === 'output'));
  const backward = trace(db, name, 'backward', TRACE_DEPTH, { offset: 0, limit: TRACE_ROWS });
  return {
    device: {
      ref: name,
      kind: unit.kind,
      code: unit.code,
      part: unit.part,
      description: unit.description,
      gtin: unit.gtin,
      udi: udiOf(label),
    },
    workOrder: wo ? { number: wo.number, bomVersion: bomById(db, wo.bom_id).version, line: wo.line } : null,
    dates: { manufactured: made?.eventTime ?? null, expires: unit.expires_at },
    quantity: { made: detail.quantities.produced, unit: unit.uom },
    acceptance: inspectionsOf(db, detail.events.filter((e) => !isDecision(e))),
    results: resultsOf(db, name),
    label: { template: unit.kind === 'serial' ? 'udi' : 'fg-lot', ref: name },
    components: backward.nodes
      .filter((n) => n.depth > 0)
      .map((n) => ({ depth: n.depth, ref: n.ref, kind: n.type, part: n.item, description: n.description, code: n.lot ?? n.serial ?? '', quantity: n.quantity, unit: n.unit })),
    service: detail.service.map((s) => ({ number: s.number, kind: s.kind, at: s.performedAt, by: s.actor, description: s.description, removed: s.removed, installed: s.installed })),
  };
}

/** The device's status and the decisions behind it, read when its record is printed. */
export function dhrDisposition(db: Db, ref: string): DhrDisposition {
  dhrUnit(db, ref);
  const detail = unitDetail(db, ref);
  const statusHistory = statusChangesOf(detail.events, detail.unit.ref);
  const release = releaseOf(statusHistory);
  return { status: detail.unit.status, released: release?.at ?? null, quantityReleased: release ? detail.unit.quantity : '0', statusHistory };
}
