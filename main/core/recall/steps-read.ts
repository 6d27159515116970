// A campaign's status steps as they read back, each with its signatures.
import type { Database as Db } from 'better-sqlite3';
import type { CampaignStatus, CampaignStep } from '../../../common/api/recall';
import { perConnection } from '../db/statements';
import { listSignatures } from '../signatures/signatures';
import type { CampaignRow } from './campaigns';
import { STEP_RECORD, stepRecordId } from './signable';

const statements = perConnection((db: Db) => ({
  ofCampaign: db.prepare<[number], { id: number; from_status: CampaignStatus; to_status: CampaignStatus; note: string | null; figures: string; at: string; actor: string }>(
    'SELECT id, from_status, to_status, note, figures, at, actor FROM recall_steps WHERE campaign_id = ? ORDER BY id',
  ),
}));

export function stepsOf(db: Db, campaign: Pick<CampaignRow, 'id' | 'number'>): CampaignStep[] {
  return statements(db)
    .ofCampaign.all(campaign.id)
    .map((r) => ({
      from: r.from_status,
      to: r.to_status,
      note: r.note,
      figures: JSON.parse(r.figures) as Record<string, unknown>,
      at: r.at,
      by: r.actor,
      signatures: listSignatures(db, { kind: STEP_RECORD, id: stepRecordId(campaign.number, r.id) }).signatures,
    }));
}
