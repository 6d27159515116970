// The record kinds a person signs (reviewed, approved, released …): a signature binds the SHA-256 of exactly the
// record data the PDF carries, so a record changed after signing shows its signatures as no longer valid.
import type { Database as Db } from 'better-sqlite3';
import type { RecordKind } from '../../../common/api/records';
import { recordKindTitles, recordKinds } from '../../../common/api/records';
import type { SignatureView } from '../../../common/api/signatures';
import { registerSignableRecord, signableKinds } from '../signatures/registry';
import { listSignatures } from '../signatures/signatures';
import { recordContentById } from './record-data';
import { unlessMissing } from './missing';
// Registers the lot-decision kind (a signed release or rejection) read below.
import '../units/signable';

for (const kind of recordKinds) {
  if (signableKinds().includes(kind)) continue;
  registerSignableRecord(kind, {
    title: (db, id) => (recordContentById(db, kind, id) ? `${recordKindTitles[kind]} ${id}` : undefined),
    content: (db, id) => recordContentById(db, kind, id)?.content,
  });
}

/** The signatures of a status decision (a release or rejection signed with units.setStatus), by its event. */
export function decisionSignatures(db: Db, eventId: number): SignatureView[] {
  return unlessMissing(() => listSignatures(db, { kind: 'lot-decision', id: String(eventId) }).signatures) ?? [];
}

/** The record's signatures, each with whether it still holds for the record as it is now. */
export function recordSignatures(db: Db, kind: RecordKind, id: string): SignatureView[] {
  return listSignatures(db, { kind, id }).signatures;
}
