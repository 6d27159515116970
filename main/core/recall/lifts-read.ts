// The holds a campaign lifted, as they read back: which lot or serial, the status it went back to, why, who and when,
// each with its signatures.
import type { Database as Db } from 'better-sqlite3';
import type { CampaignLift } from '../../../common/api/recall';
import type { UnitStatus } from '../../../common/domain';
import { formatRef } from '../../../common/refs';
import { perConnection } from '../db/statements';
import { listSignatures } from '../signatures/signatures';
import type { CampaignRow } from './campaigns';
import { LIFT_RECORD, liftRecordId } from './signable';

const statements = perConnection((db: Db) => ({
  ofCampaign: db.prepare<
    [number],
    { id: number; kind: 'lot' | 'serial'; part: string; code: string; held_at: string; status_to: UnitStatus; reason: string; at: string; actor: string }
  >(
    `SELECT l.id, u.kind, i.part, u.code, h.at AS held_at, l.status_to, l.reason, l.at, l.actor
       FROM recall_lifts l JOIN recall_holds h ON h.id = l.hold_id JOIN units u ON u.id = h.unit_id JOIN items i ON i.id = u.item_id
      WHERE h.campaign_id = ? ORDER BY l.id`,
  ),
}));

export function liftsOf(db: Db, campaign: Pick<CampaignRow, 'id' | 'number'>): CampaignLift[] {
  return statements(db)
    .ofCampaign.all(campaign.id)
    .map((r) => ({
      ref: formatRef(r.kind, r.part, r.code),
      heldAt: r.held_at,
      statusTo: r.status_to,
      reason: r.reason,
      at: r.at,
      by: r.actor,
      signatures: listSignatures(db, { kind: LIFT_RECORD, id: liftRecordId(campaign.number, r.id) }).signatures,
    }));
}
