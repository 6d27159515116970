// Inspections recorded as ledger events on a unit (incoming and release inspections, the serialise station's PASS or
// FAIL), and the unit's status changes, as the record PDFs print them.
import type { Database as Db } from 'better-sqlite3';
import type { LedgerEvent } from '../../../common/domain';
import type { RecordInspection, RecordStatusChange } from '../../../common/api/records';
import { isSignificantStep, stepVerification } from './steps';

export function inspectionsOf(db: Db, events: readonly LedgerEvent[]): RecordInspection[] {
  return events
    .filter((e) => e.bizStep === 'inspecting')
    .map((e) => ({
      eventId: e.id,
      at: e.eventTime,
      by: e.actor,
      result: e.disposition === 'non_conformant' ? 'fail' : 'pass',
      note: e.reason,
      statusTo: e.statusTo,
      verified: isSignificantStep(e) ? stepVerification(db, e.id) : null,
    }));
}

/** A release or a rejection: a decision with its own signed record (lot-decision), not a step of the record. */
export function isDecision(e: LedgerEvent): boolean {
  return e.statusTo === 'released' || e.statusTo === 'rejected';
}

export function statusChangesOf(events: readonly LedgerEvent[], ref: string): RecordStatusChange[] {
  return events
    .filter((e) => e.statusTo !== null && e.units.some((u) => u.ref === ref && (u.role === 'object' || u.role === 'output')))
    .map((e) => ({ eventId: e.id, at: e.eventTime, status: e.statusTo ?? '', reason: e.reason, by: e.actor }));
}

/** The last status change to released, when the unit's latest decision is a release. */
export function releaseOf(changes: readonly RecordStatusChange[]): RecordStatusChange | null {
  const decisions = changes.filter((c) => c.status === 'released' || c.status === 'rejected' || c.status === 'on_hold' || c.status === 'recalled');
  const last = decisions.at(-1);
  return last?.status === 'released' ? last : null;
}
