// What a reviewer must look at in a lot's batch record or a device's history record, and nothing else: out-of-spec
// results, results the spec in force asks for that are missing, failed inspections, substitutions and overrides,
// reversals, label reprints, entries recorded long after they happened, open nonconformances and significant steps
// no second person has verified. Each names the entry behind it.
import type { Database as Db } from 'better-sqlite3';
import type { ReviewException } from '../../../common/api/review';
import type { LedgerEvent } from '../../../common/domain';
import { describeCriterion } from '../../../common/quality/judge';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { eventById, eventsOfUnit } from '../events/ledger';
import { bomLines } from '../production/boms';
import { listNonconformances } from '../quality/nonconformances';
import { unitTests } from '../quality/results';
import { isSignificantStep, stepName, stepVerification } from '../records/steps';
import { readSettings } from '../settings/settings';
import { unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';

const statements = perConnection((db: Db) => ({
  workOrder: db.prepare<[number], { bom_id: number }>('SELECT bom_id FROM work_orders WHERE id = ?'),
  workOrderEvents: db.prepare<[number], { id: number }>("SELECT id FROM events WHERE doc_type = 'work_order' AND doc_id = ? ORDER BY id"),
  reversalOf: db.prepare<[number], { id: number }>('SELECT id FROM events WHERE corrects_event_id = ?'),
  recordedAt: db.prepare<[number], { event_time: string; recorded_at: string }>('SELECT event_time, recorded_at FROM events WHERE id = ?'),
  reprints: db.prepare<[string], { id: number; reprint_reason: string; created_at: string; created_by: string; template: string | null }>(
    'SELECT id, reprint_reason, created_at, created_by, template FROM print_jobs WHERE ref = ? AND reprint_reason IS NOT NULL ORDER BY id',
  ),
}));

/** The events of the unit's record: the whole work order for a lot (its batch record), the unit's own for a serial. */
function recordEvents(db: Db, unit: UnitRow): LedgerEvent[] {
  const s = statements(db);
  const ids = new Set<number>();
  if (unit.kind === 'lot' && unit.work_order_id !== null) {
    for (const { id } of s.workOrderEvents.all(unit.work_order_id)) {
      ids.add(id);
      const reversal = s.reversalOf.get(id);
      if (reversal) ids.add(reversal.id);
    }
  }
  const own = eventsOfUnit(db, unit.id);
  const events = new Map(own.map((e) => [e.id, e]));
  for (const id of ids) if (!events.has(id)) events.set(id, eventById(db, id) as LedgerEvent);
  return [...events.values()].sort((a, b) => a.id - b.id);
}

const minutesBetween = (earlier: string, later: string): number => (Date.parse(later) - Date.parse(earlier)) / 60_000;

function hoursText(minutes: number): string {
  return minutes >= 2880 ? `${Math.round(minutes / 1440)} days` : minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${Math.round(minutes)} minutes`;
}

function eventExceptions(core: Core, unit: UnitRow, lateAfter: number): ReviewException[] {
  const { db } = core;
  const s = statements(db);
  const bomParts = new Set(unit.work_order_id === null ? [] : bomLines(db, s.workOrder.get(unit.work_order_id)?.bom_id ?? 0).map((l) => l.part));
  const found: ReviewException[] = [];
  for (const e of recordEvents(db, unit)) {
    const base = { link: { eventId: e.id }, at: e.eventTime, by: e.actor };
    const inputs = e.units.filter((u) => u.role === 'input');
    if (e.corrects !== null) {
      found.push({ kind: 'reversal', summary: `Event ${e.corrects} reversed${e.reason ? `: ${e.reason}` : ''}`, ...base });
    } else if (e.reason !== null && e.bizStep !== 'inspecting' && e.statusTo === null) {
      const offBom = inputs.filter((u) => !bomParts.has(u.ref.split(/[:#]/)[0] ?? ''));
      if (offBom.length > 0) found.push({ kind: 'substitution', summary: `${offBom.map((u) => u.ref).join(', ')} used off the BOM: ${e.reason}`, ...base });
      else if (inputs.length > 0 || e.units.some((u) => u.role === 'output')) found.push({ kind: 'override', summary: `${stepName(e)} with an override: ${e.reason}`, ...base });
    }
    if (e.bizStep === 'inspecting' && e.disposition === 'non_conformant' && e.statusTo !== 'rejected') {
      found.push({ kind: 'failed-inspection', summary: `Inspection failed${e.reason ? `: ${e.reason}` : ''}`, ...base });
    }
    const times = s.recordedAt.get(e.id);
    if (times) {
      const late = minutesBetween(times.event_time, times.recorded_at);
      if (late > lateAfter) found.push({ kind: 'late-entry', summary: `${stepName(e)} recorded ${hoursText(late)} after it happened (${times.recorded_at})`, ...base });
    }
    if (isSignificantStep(e) && stepVerification(db, e.id) === null) {
      found.push({ kind: 'unverified-step', summary: `${stepName(e)} (by ${e.actor}): not yet verified by a second person`, ...base });
    }
  }
  return found;
}

function qualityExceptions(core: Core, unit: UnitRow, lateAfter: number): ReviewException[] {
  const ref = unitRef(unit);
  const tests = unitTests(core, ref);
  const standing = tests.results.filter((r) => r.supersededBy === null);
  const found: ReviewException[] = [];
  for (const r of standing) {
    const base = { at: r.testedAt, by: r.testedBy };
    if (r.outcome === 'fail') {
      const nc = r.nonconformance ? `${r.nonconformance.number} ${r.nonconformance.status}` : 'no nonconformance';
      found.push({
        kind: 'out-of-spec',
        summary: `${r.characteristic} ${String(r.value)}${r.criterion.kind === 'numeric' ? ` ${r.criterion.unit}` : ''} outside ${describeCriterion(r.criterion)} (${nc})`,
        link: { resultId: r.id, ...(r.nonconformance ? { nc: r.nonconformance.number } : {}) },
        ...base,
      });
    }
    const late = minutesBetween(r.testedAt, r.recordedAt);
    if (late > lateAfter) found.push({ kind: 'late-entry', summary: `Result ${r.characteristic} recorded ${hoursText(late)} after the test`, link: { resultId: r.id }, ...base });
  }
  const tested = new Set(standing.map((r) => r.characteristic.toLowerCase()));
  for (const c of tests.spec?.characteristics ?? []) {
    if (!tested.has(c.name.toLowerCase())) {
      found.push({
        kind: 'missing-result',
        summary: `No result for ${c.name} (${c.method}), required by ${tests.part} spec version ${tests.spec?.version ?? ''}`,
        link: { characteristic: c.name },
        at: null,
        by: null,
      });
    }
  }
  const namedByResult = new Set(found.map((f) => f.link.nc).filter(Boolean));
  for (const nc of listNonconformances(core.db, { ref, status: 'open' })) {
    if (namedByResult.has(nc.number)) continue;
    found.push({ kind: 'open-nc', summary: `${nc.number} open: ${nc.title}`, link: { nc: nc.number }, at: nc.openedAt, by: nc.openedBy });
  }
  return found;
}

function reprintExceptions(db: Db, unit: UnitRow): ReviewException[] {
  return statements(db)
    .reprints.all(unitRef(unit))
    .map((j) => ({
      kind: 'reprint' as const,
      summary: `Label ${j.template ?? ''} reprinted (job ${j.id}): ${j.reprint_reason}`.replace('  ', ' '),
      link: { printJobId: j.id },
      at: j.created_at,
      by: j.created_by,
    }));
}

/** Every exception of the unit's record, in the order a reviewer reads them: quality first, then the steps. */
export function unitExceptions(core: Core, unit: UnitRow): ReviewException[] {
  // A site setting (settings.set lateEntryMinutes): how long after the fact an entry may be made and not be late.
  const lateAfter = readSettings(core.db).lateEntryMinutes;
  return [...qualityExceptions(core, unit, lateAfter), ...eventExceptions(core, unit, lateAfter), ...reprintExceptions(core.db, unit)];
}
