// The review queue: finished lots and serialised devices awaiting QA's decision, each with its record and exceptions,
// and approving a record from the queue (only when it has none).
import type { Database as Db } from 'better-sqlite3';
import type { ExceptionKind, ReviewEntry, ReviewRecordKind } from '../../../common/api/review';
import { exceptionKindTitles } from '../../../common/api/review';
import type { SignatureMeaning, SignatureView } from '../../../common/api/signatures';
import { LotlineError } from '../../../common/errors';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { listSignatures, signRecord } from '../signatures/signatures';
import { resolveRef, unitById, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';
import type { UserRow } from '../users/store';
import { unitExceptions } from './exceptions';
// Registers the ebr and dhr kinds the queue signs.
import '../records/signable';

const AWAITING = ['quarantine', 'on_hold'];

const statements = perConnection((db: Db) => ({
  awaiting: db.prepare<{ kind: string | null; part: string | null; limit: number }, { id: number }>(
    `SELECT u.id FROM units u JOIN items i ON i.id = u.item_id
      WHERE u.status IN ('quarantine', 'on_hold') AND u.work_order_id IS NOT NULL
        AND (@kind IS NULL OR u.kind = @kind) AND (@part IS NULL OR i.part = @part)
      ORDER BY u.id LIMIT @limit`,
  ),
  workOrder: db.prepare<[number], { number: string; created_at: string }>('SELECT number, created_at FROM work_orders WHERE id = ?'),
  reviewSigned: db.prepare<[string, string], { n: number }>(
    "SELECT count(*) AS n FROM signatures WHERE record_kind = ? AND record_id = ? AND meaning IN ('reviewed', 'approved')",
  ),
}));

/** The record a reviewer signs for the unit: a lot's batch record (by work order), a serial's device history record. */
export function reviewRecordOf(db: Db, unit: UnitRow): { kind: ReviewRecordKind; id: string } {
  if (unit.work_order_id === null) throw new LotlineError('VALIDATION', `${unitName(unit)} was received, not made here: it has no batch or device history record to review`);
  if (unit.kind === 'serial') return { kind: 'dhr', id: unitRef(unit) };
  return { kind: 'ebr', id: statements(db).workOrder.get(unit.work_order_id)?.number ?? '' };
}

function currentReview(db: Db, record: { kind: string; id: string }): SignatureView | null {
  if ((statements(db).reviewSigned.get(record.kind, record.id)?.n ?? 0) === 0) return null;
  return (
    listSignatures(db, record)
      .signatures.filter((s) => (s.meaning === 'reviewed' || s.meaning === 'approved') && s.valid)
      .at(-1) ?? null
  );
}

export function reviewEntry(core: Core, unit: UnitRow): ReviewEntry {
  const record = reviewRecordOf(core.db, unit);
  const exceptions = unitExceptions(core, unit);
  const counts: Partial<Record<ExceptionKind, number>> = {};
  for (const e of exceptions) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  return {
    ref: unitRef(unit),
    kind: unit.kind,
    part: unit.part,
    description: unit.description,
    status: unit.status,
    workOrder: unit.work_order_id === null ? null : (statements(core.db).workOrder.get(unit.work_order_id)?.number ?? null),
    producedAt: unit.produced_at,
    record,
    exceptions,
    counts,
    review: currentReview(core.db, record),
  };
}

export function reviewQueue(core: Core, filter: { item?: string | undefined; kind?: 'lot' | 'serial' | undefined; limit?: number | undefined }): ReviewEntry[] {
  return statements(core.db)
    .awaiting.all({ kind: filter.kind ?? null, part: filter.item ?? null, limit: filter.limit ?? 200 })
    .map(({ id }) => reviewEntry(core, unitById(core.db, id)));
}

export function reviewExceptions(core: Core, ref: string): ReviewEntry {
  return reviewEntry(core, resolveRef(core.db, ref));
}

/** "3 exceptions (2 Step not verified, 1 Late entry)" */
export function exceptionCountText(counts: Partial<Record<ExceptionKind, number>>): string {
  const parts = Object.entries(counts).map(([kind, n]) => `${n} ${exceptionKindTitles[kind as ExceptionKind]}`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${total} exception${total === 1 ? '' : 's'} (${parts.join(', ')})`;
}

/** Signs the unit's record as reviewed or approved, refused while the record has exceptions or the unit is decided. */
export function approveFromQueue(core: Core, ref: string, meaning: Extract<SignatureMeaning, 'reviewed' | 'approved'>, signer: () => UserRow): SignatureView {
  const unit = resolveRef(core.db, ref);
  // The password first: a wrong one is refused (and counted) whatever the record holds.
  const proven = signer();
  if (!AWAITING.includes(unit.status)) {
    throw new LotlineError('CONFLICT', `${unitName(unit)} is ${unit.status.replace('_', ' ')}, not awaiting a decision: there is nothing to approve from the review queue`);
  }
  const entry = reviewEntry(core, unit);
  if (entry.exceptions.length > 0) {
    throw new LotlineError(
      'CONFLICT',
      `${unitName(unit)} has ${exceptionCountText(entry.counts)}: it cannot be approved from the queue. Open its record, look at each exception, and sign the record there`,
      { counts: entry.counts },
    );
  }
  return signRecord(core, entry.record, meaning, proven);
}
