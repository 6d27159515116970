// The demo plant's signatures: QA's releases and rejections signed by Quinn Archer (qa1), so a CoA or DHR shows its
// releasing signature, and the steps of the housing lot awaiting review verified by them, so the review queue holds
// one record without exceptions beside ones with. Signed in-process by the demo loader (the local system identity):
// no password is proved, which would cost a second of scrypt per signature.
import type { Database as Db } from 'better-sqlite3';
import type { Core } from '../core/context';
import { perConnection } from '../core/db/statements';
import { STEP_RECORD } from '../core/records/steps';
import { reviewQueue } from '../core/review/queue';
import { signRecord } from '../core/signatures/signatures';
import { userByName } from '../core/users/accounts';
// Registers the lot-decision kind.
import '../core/units/signable';

const statements = perConnection((db: Db) => ({
  decisions: db.prepare<[], { id: number; status_to: 'released' | 'rejected' }>("SELECT id, status_to FROM events WHERE status_to IN ('released', 'rejected') ORDER BY id"),
}));

/** The part whose newest lot waits in the review queue with every step verified. */
export const DEMO_CLEAN_REVIEW_PART = 'HOUSING-PX';

export function seedDemoSignatures(core: Core): void {
  const qa = userByName(core.db, 'qa1');
  for (const decision of statements(core.db).decisions.all()) {
    signRecord(core, { kind: 'lot-decision', id: String(decision.id) }, decision.status_to, qa);
  }
  for (const entry of reviewQueue(core, { item: DEMO_CLEAN_REVIEW_PART })) {
    for (const step of entry.exceptions.filter((e) => e.kind === 'unverified-step')) {
      signRecord(core, { kind: STEP_RECORD, id: String(step.link.eventId) }, 'verified', qa);
    }
  }
}
