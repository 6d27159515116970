// Containment: opening a campaign puts every in-house lot and serial in scope on hold (or recalled), in the opening's
// transaction, with the campaign as reason; lifting a hold is a signed decision that gives each its earlier status back.
import type { Database as Db } from 'better-sqlite3';
import type { CampaignScope } from '../../../common/api/recall';
import type { ManualStatus, UnitSummary } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { resolveRef, toSummary, UNIT_SELECT, unitById, unitName } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { campaignHoldReason } from '../units/status';
import { writeStatus } from '../units/write';
import type { CampaignRow } from './campaigns';
import { liftRecordId } from './signable';

const HOLDABLE = new Set(['quarantine', 'released', 'on_hold']);

const statements = perConnection((db: Db) => ({
  insertHold: db.prepare<[number, number, string, string | null, string, number, string]>(
    'INSERT INTO recall_holds (campaign_id, unit_id, status_before, reason_before, status_to, event_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  activeHold: db.prepare<[number, number], { id: number; status_before: ManualStatus; reason_before: string | null }>(
    `SELECT h.id, h.status_before, h.reason_before FROM recall_holds h
      WHERE h.campaign_id = ? AND h.unit_id = ? AND NOT EXISTS (SELECT 1 FROM recall_lifts l WHERE l.hold_id = h.id)`,
  ),
  // Still on this campaign's hold: not lifted, the unit in the status the hold gave it, for this campaign, and in house.
  held: db.prepare<[number, string], UnitRow>(
    `${UNIT_SELECT} JOIN recall_holds h ON h.unit_id = u.id
      WHERE h.campaign_id = ? AND u.status = h.status_to AND u.qty_on_hand > 0 AND instr(u.status_reason, ?) > 0
        AND NOT EXISTS (SELECT 1 FROM recall_lifts l WHERE l.hold_id = h.id)
      ORDER BY i.part, u.code`,
  ),
  insertLift: db.prepare<[number, string, string, number, string, string]>(
    'INSERT INTO recall_lifts (hold_id, status_to, reason, event_id, at, actor) VALUES (?, ?, ?, ?, ?, ?)',
  ),
}));

/** Holds what is in house and in scope; returns how many lots and serials were held. */
export function contain(core: Core, campaign: CampaignRow, scope: CampaignScope): number {
  if (campaign.contain_as === 'none') return 0;
  const s = statements(core.db);
  const to = campaign.contain_as;
  const why = campaignHoldReason(campaign.kind, campaign.number, campaign.reason);
  let held = 0;
  for (const u of scope.units) {
    if (!u.inScope || !u.inHouse || !HOLDABLE.has(u.status)) continue;
    const unit = unitById(core.db, u.id);
    const eventId = writeStatus(core, unit, to, why);
    const id = Number(s.insertHold.run(campaign.id, unit.id, unit.status, unit.status_reason, to, eventId, core.now().toISOString()).lastInsertRowid);
    auditCreate(core, 'recall_holds', id, why);
    held++;
  }
  return held;
}

/** The lots and serials in house on the campaign's hold now (those a lift can give their earlier status back). */
export function heldBy(db: Db, campaign: CampaignRow): UnitSummary[] {
  return statements(db).held.all(campaign.id, campaign.number).map(toSummary);
}

/** Lifts the campaign's hold from each unit; returns the lift records to sign. */
export function liftHolds(core: Core, campaign: CampaignRow, refs: readonly string[], reason: string): string[] {
  const s = statements(core.db);
  return refs.map((ref, i) => {
    const unit = resolveRef(core.db, ref);
    const hold = s.activeHold.get(campaign.id, unit.id);
    if (hold === undefined) throw new LotlineError('STATUS', `refs.${i}: ${unitName(unit)} is not held by ${campaign.number}`);
    if (unit.status === 'rejected') throw new LotlineError('STATUS', `refs.${i}: ${unitName(unit)} has been rejected since it was held; there is nothing to lift`);
    const lifted = `hold of ${campaign.number} lifted: ${reason}`;
    const eventId = writeStatus(core, unit, hold.status_before, lifted, hold.reason_before ?? lifted);
    const id = Number(s.insertLift.run(hold.id, hold.status_before, reason, eventId, core.now().toISOString(), core.actor).lastInsertRowid);
    auditCreate(core, 'recall_lifts', id, lifted);
    return liftRecordId(campaign.number, id);
  });
}
