// Significant steps of a batch or device record (a component consumed, output produced, a test or inspection) as
// signable records of kind `step`: a second person signs one "verified". The two-person rule always applies: the
// person who performed a step cannot also verify it.
import type { Database as Db } from 'better-sqlite3';
import type { LedgerEvent } from '../../../common/domain';
import { eventById } from '../events/ledger';
import { registerSignableRecord, signableKinds } from '../signatures/registry';
import { listSignatures } from '../signatures/signatures';
import { unlessMissing } from './missing';

export const STEP_RECORD = 'step';

export const STEP_NAMES: Record<string, string> = {
  assembling: 'Component consumed',
  commissioning: 'Serials produced',
  creating_class_instance: 'Lot produced',
  inspecting: 'Inspection',
  other: 'Correction',
};

/** Consumption, production and tests are significant; a release or rejection is signed as a decision instead. */
export function isSignificantStep(e: LedgerEvent): boolean {
  if (e.corrects !== null) return false;
  if (e.bizStep === 'inspecting') return e.statusTo !== 'released' && e.statusTo !== 'rejected';
  return e.units.some((u) => u.role === 'input' || u.role === 'output');
}

export function stepName(e: LedgerEvent): string {
  return e.corrects !== null ? 'Consumption reversed' : (STEP_NAMES[e.bizStep] ?? e.bizStep);
}

function significantEvent(db: Db, id: string): LedgerEvent | undefined {
  if (!/^\d{1,15}$/.test(id)) return undefined;
  const e = eventById(db, Number(id));
  return e && isSignificantStep(e) ? e : undefined;
}

if (!signableKinds().includes(STEP_RECORD)) {
  registerSignableRecord(STEP_RECORD, {
    title: (db, id) => {
      const e = significantEvent(db, id);
      return e && `Step ${e.id} (${stepName(e)}, performed by ${e.actor})`;
    },
    content: (db, id) => {
      const e = significantEvent(db, id);
      return e && { event: e.id, step: e.bizStep, at: e.eventTime, performedBy: e.actor, location: e.location, reason: e.reason, units: e.units };
    },
    authors: (db, id) => {
      const e = significantEvent(db, id);
      return e ? [e.actor] : [];
    },
    alwaysTwoPerson: true,
  });
}

export interface StepVerification {
  by: string;
  at: string;
}

/** The newest "verified" signature of step `eventId` that still holds for the step as it is; null when none. */
export function stepVerification(db: Db, eventId: number): StepVerification | null {
  const signatures = unlessMissing(() => listSignatures(db, { kind: STEP_RECORD, id: String(eventId) }).signatures) ?? [];
  const last = signatures.filter((s) => s.meaning === 'verified' && s.valid).at(-1);
  return last ? { by: last.username, at: last.signedAt } : null;
}
