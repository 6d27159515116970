// The electronic batch record of a lot-tracked work order, with the content 21 CFR 211.188 asks for: the master record
// (BOM version), dates, line and equipment, each component lot and quantity with who and when, in-process and lab
// results, theoretical and actual yield, the label, who performed each step, and deviations with their investigation.
import type { Database as Db } from 'better-sqlite3';
import type { EbrContent, RecordDeviation } from '../../../common/api/records';
import type { LedgerEvent } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { fromMilli, toMilli } from '../../../common/quantity';
import { perConnection } from '../db/statements';
import { eventById, eventsOfUnit } from '../events/ledger';
import { itemByPart } from '../masterdata/items';
import { bomById, bomLines } from '../production/boms';
import { workOrderDetail } from '../production/work-orders';
import { withOffset } from '../time';
import { resolveRef, unitById, unitName, unitRef } from '../units/rows';
import { inspectionsOf, isDecision } from './inspections';
import { qualityDeviationsOf, resultsOf } from './quality-results';
import { isSignificantStep, stepName, stepVerification } from './steps';

const statements = perConnection((db: Db) => ({
  workOrder: db.prepare<[string], { id: number; bom_id: number; line: string | null; created_at: string }>('SELECT id, bom_id, line, created_at FROM work_orders WHERE number = ?'),
  workOrderNumber: db.prepare<[number], { number: string }>('SELECT number FROM work_orders WHERE id = ?'),
  events: db.prepare<[number], { id: number }>("SELECT id FROM events WHERE doc_type = 'work_order' AND doc_id = ? ORDER BY event_time, id"),
  reversals: db.prepare<[number], { id: number }>('SELECT id FROM events WHERE corrects_event_id = ?'),
  location: db.prepare<[string], { code: string; name: string }>('SELECT code, name FROM locations WHERE code = ?'),
  supplier: db.prepare<[number], { name: string }>('SELECT name FROM suppliers WHERE id = ?'),
  firstOffset: db.prepare<[number], { tz_offset: string }>("SELECT tz_offset FROM events WHERE doc_type = 'work_order' AND doc_id = ? ORDER BY id LIMIT 1"),
}));

/** The work order whose batch record `ref` names: the lot it produced, or its own number. */
export function ebrWorkOrderOf(db: Db, ref: string): string {
  if (statements(db).workOrder.get(ref)) return ref;
  const unit = resolveRef(db, ref);
  if (unit.work_order_id === null) throw new LotlineError('VALIDATION', `${unitName(unit)} was not produced by a work order, so it has no batch record (received lots have their supplier's records)`);
  if (unit.kind !== 'lot') throw new LotlineError('VALIDATION', `${unitName(unit)} is a serial: its record is the device history record (dhr), not a batch record`);
  return statements(db).workOrderNumber.get(unit.work_order_id)?.number ?? '';
}

/** The batch record of work order `number`; undefined when there is no such work order (for the signature registry). */
export function ebrContent(db: Db, number: string): EbrContent | undefined {
  const s = statements(db);
  const wo = s.workOrder.get(number);
  if (!wo) return undefined;
  const detail = workOrderDetail(db, number);
  const item = itemByPart(db, detail.part);
  if (item.tracking !== 'lot') throw new LotlineError('VALIDATION', `Work order ${number} makes ${detail.part}, which is tracked by serial: its records are device history records (dhr)`);
  const bom = bomById(db, wo.bom_id);
  const offset = s.firstOffset.get(wo.id)?.tz_offset ?? '+00:00';
  const local = (utc: string | null): string | null => (utc === null ? null : withOffset(utc, offset));
  const events = s.events.all(wo.id).map((e) => eventById(db, e.id) as LedgerEvent);
  const reversal = (eventId: number): LedgerEvent | undefined => {
    const r = s.reversals.get(eventId);
    return r ? eventById(db, r.id) : undefined;
  };

  const components = events
    .filter((e) => e.units.some((u) => u.role === 'input'))
    .flatMap((e) =>
      e.units
        .filter((u) => u.role === 'input')
        .map((u) => {
          const unit = resolveRef(db, u.ref);
          const reversed = reversal(e.id);
          return {
            eventId: e.id,
            at: e.eventTime,
            by: e.actor,
            ref: u.ref,
            part: unit.part,
            description: unit.description,
            quantity: u.quantity,
            unit: unit.uom,
            supplier: unit.supplier_id === null ? null : (s.supplier.get(unit.supplier_id)?.name ?? null),
            supplierLot: unit.supplier_lot,
            substitutionReason: e.reason,
            reversedBy: reversed ? { eventId: reversed.id, at: reversed.eventTime, by: reversed.actor, reason: reversed.reason } : null,
          };
        }),
    );

  const lots = detail.outputs.map((o) => ({
    ref: o.ref,
    code: o.lot ?? '',
    quantity: o.quantity,
    producedAt: local(o.producedAt),
    expiresAt: o.expiresAt,
  }));
  const outputUnits = detail.outputs.map((o) => unitById(db, o.id));
  const unitEvents = new Map(outputUnits.map((u) => [unitRef(u), eventsOfUnit(db, u.id)]));
  // Release and rejection are decisions with their own signed record, not steps of the batch.
  const inspections = [...unitEvents].flatMap(([ref, evs]) => inspectionsOf(db, evs.filter((e) => !isDecision(e))).map((i) => ({ ...i, ref })));
  const results = [...unitEvents.keys()].flatMap((ref) => resultsOf(db, ref).map((r) => ({ ...r, ref })));

  const steps = [...events, ...events.map((e) => reversal(e.id)).filter((e): e is LedgerEvent => e !== undefined), ...[...unitEvents.values()].flat().filter((e) => e.bizStep === 'inspecting' && !isDecision(e))]
    .sort((a, b) => a.eventTime.localeCompare(b.eventTime) || a.id - b.id)
    .map((e) => ({
      eventId: e.id,
      at: e.eventTime,
      by: e.actor,
      step: stepName(e),
      detail: [e.units.map((u) => `${u.role} ${u.ref} ${u.quantity}`).join(', '), e.reason].filter(Boolean).join(' — '),
      significant: isSignificantStep(e),
      verified: isSignificantStep(e) ? stepVerification(db, e.id) : null,
    }));

  const deviations: RecordDeviation[] = [
    ...components
      .filter((c) => c.substitutionReason !== null)
      .map<RecordDeviation>((c) => ({ kind: 'substitution', eventId: c.eventId, at: c.at, by: c.by, description: `${c.ref} used off the BOM`, investigation: c.substitutionReason })),
    ...components
      .filter((c) => c.reversedBy !== null)
      .map<RecordDeviation>((c) => ({
        kind: 'reversal',
        eventId: c.reversedBy?.eventId ?? null,
        at: c.reversedBy?.at ?? c.at,
        by: c.reversedBy?.by ?? c.by,
        description: `Consumption of ${c.quantity} ${c.unit} ${c.ref} (event ${c.eventId}) reversed`,
        investigation: c.reversedBy?.reason ?? null,
      })),
    ...inspections
      .filter((i) => i.result === 'fail')
      .map<RecordDeviation>((i) => ({ kind: 'failed-test', eventId: i.eventId, at: i.at, by: i.by, description: `${i.ref}: inspection failed`, investigation: i.note })),
    ...[...unitEvents.keys()].flatMap((ref) => qualityDeviationsOf(db, ref, results.filter((r) => r.ref === ref))),
  ];
  const produced = toMilli(detail.produced) ?? 0;
  const planned = toMilli(detail.quantity) ?? 0;
  if (produced > planned) {
    const last = events.filter((e) => e.units.some((u) => u.role === 'output')).at(-1);
    deviations.push({
      kind: 'over-production',
      eventId: last?.id ?? null,
      at: last?.eventTime ?? '',
      by: last?.actor ?? '',
      description: `${fromMilli(produced)} ${detail.unit} produced against ${detail.quantity} planned`,
      investigation: last?.reason ?? null,
    });
  }

  const line = wo.line === null ? undefined : s.location.get(wo.line);
  const times = events.map((e) => e.eventTime);
  return {
    workOrder: {
      number,
      status: detail.status,
      line: wo.line,
      createdAt: withOffset(wo.created_at, offset),
      closedAt: local(detail.closedAt),
      plannedQuantity: detail.quantity,
      unit: detail.unit,
    },
    product: { part: item.part, description: item.description, gtin: item.gtin },
    lots,
    masterRecord: {
      bomVersion: bom.version,
      note: bom.note,
      approvedAt: withOffset(bom.created_at, offset),
      lines: bomLines(db, bom.id).map((l) => ({ line: l.line_no, part: l.part, description: l.description, quantityPer: fromMilli(l.qty_per), unit: l.unit })),
    },
    dates: { started: times[0] ?? null, finished: local(detail.closedAt) ?? times.at(-1) ?? null },
    equipment: {
      line: line ? `${line.code} — ${line.name}` : wo.line,
      locations: [...new Set(events.map((e) => e.location).filter((l): l is string => l !== null))].sort(),
    },
    components,
    requirements: detail.requirements.map((r) => ({ line: r.line, part: r.part, required: r.required, consumed: r.consumed, unit: r.unit })),
    yield: { theoretical: detail.quantity, actual: detail.produced, unit: detail.unit, percent: detail.yieldPercent },
    results,
    inspections,
    label: lots[0] ? { template: 'fg-lot', ref: lots[0].ref } : null,
    steps,
    deviations,
  };
}
