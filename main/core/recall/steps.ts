// A campaign's status steps: draft → open → monitoring → closed (a drill may close straight from open). Each step is a
// fixed row with the figures it was taken on, signed by QA; opening contains what is in house, and closing is refused
// while a lot in scope has an unexplained mass-balance difference unless an explanation is given (and signed with it).
import type { Database as Db } from 'better-sqlite3';
import type { CampaignStatus } from '../../../common/api/recall';
import { LotlineError } from '../../../common/errors';
import { canonicalJson } from '../audit/canonical';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import type { CampaignRow } from './campaigns';
import { campaignStatements } from './campaigns';
import { contain } from './containment';
import { massBalance } from './mass-balance';
import { campaignScope } from './scope';
import { stepRecordId } from './signable';
import { campaignTracking } from './tracking';

const statements = perConnection((db: Db) => ({
  insert: db.prepare<[number, string, string, string | null, string, string, string]>(
    'INSERT INTO recall_steps (campaign_id, from_status, to_status, note, figures, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
}));

const next: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['open'],
  open: ['monitoring'],
  monitoring: ['closed'],
  closed: [],
};

function assertStep(campaign: CampaignRow, to: CampaignStatus): void {
  const allowed = campaign.drill === 1 && campaign.status === 'open' ? ['monitoring', 'closed'] : next[campaign.status];
  if (!allowed.includes(to)) {
    const then = allowed.length > 0 ? ` (next: ${allowed.join(' or ')})` : '';
    throw new LotlineError('STATUS', `${campaign.number} is ${campaign.status} and cannot go to ${to}${then}`);
  }
}

/** Writes the step and moves the campaign; returns the step's record id, which the caller signs. */
function takeStep(core: Core, campaign: CampaignRow, to: CampaignStatus, note: string | null, figures: Record<string, unknown>): string {
  const now = core.now().toISOString();
  const id = Number(statements(core.db).insert.run(campaign.id, campaign.status, to, note, canonicalJson(figures), now, core.actor).lastInsertRowid);
  auditCreate(core, 'recall_steps', id, `${campaign.number}: ${campaign.status} → ${to}`);
  auditUpdate(core, 'recall_campaigns', campaign.id, `${campaign.number} ${to}`, () =>
    campaignStatements(core.db).setStatus.run(to, now, to === 'closed' ? now : null, campaign.id),
  );
  return stepRecordId(campaign.number, id);
}

/**
 * Opens the campaign and holds what is in house and in scope. An opening that holds nothing (a drill, unless asked to
 * hold) has no use for the scope and does not walk it: the report, timed from this moment, reads it once.
 */
export function openCampaign(core: Core, campaign: CampaignRow, note: string | null): string {
  assertStep(campaign, 'open');
  if (campaign.contain_as === 'none') return takeStep(core, campaign, 'open', note, { held: 0, containAs: 'none' });
  const scope = campaignScope(core.db, campaign);
  const held = contain(core, campaign, scope);
  return takeStep(core, campaign, 'open', note, { ...scope.totals, held, containAs: campaign.contain_as, truncated: scope.truncated });
}

export function monitorCampaign(core: Core, campaign: CampaignRow, note: string | null): string {
  assertStep(campaign, 'monitoring');
  const tracking = campaignTracking(core.db, campaign, campaignScope(core.db, campaign));
  return takeStep(core, campaign, 'monitoring', note, { ...tracking.overall, customers: tracking.customers.length });
}

export function closeCampaign(core: Core, campaign: CampaignRow, note: string | null, explanation: string | null): string {
  assertStep(campaign, 'closed');
  const scope = campaignScope(core.db, campaign);
  const balance = massBalance(core.db, scope);
  if (balance.unexplained > 0 && explanation === null) {
    const shown = balance.lots
      .filter((l) => l.unexplained !== '0')
      .slice(0, 3)
      .map((l) => `${l.ref}: ${l.unexplained} ${l.unit}`)
      .join('; ');
    throw new LotlineError(
      'STATUS',
      `${campaign.number} cannot close: ${balance.unexplained} ${balance.unexplained === 1 ? 'lot has' : 'lots have'} an unexplained mass-balance difference (${shown}${balance.unexplained > 3 ? '; …' : ''}). Correct the records, or give an explanation that QA signs with the closing.`,
    );
  }
  const tracking = campaignTracking(core.db, campaign, scope);
  return takeStep(core, campaign, 'closed', note, {
    ...tracking.overall,
    lots: balance.lots.length,
    unexplainedLots: balance.unexplained,
    explanation: balance.unexplained > 0 ? explanation : null,
  });
}

/** Stops a drill's timer at its first complete report (later reports leave the time alone). */
export function markReported(core: Core, campaign: CampaignRow, at: Date): void {
  if (campaign.reported_at !== null) return;
  if (campaign.opened_at === null) throw new LotlineError('STATUS', `${campaign.number} is a draft: open it first, then its report is timed from the opening`);
  auditUpdate(core, 'recall_campaigns', campaign.id, `${campaign.number}: impact and mass-balance report complete`, () =>
    campaignStatements(core.db).setReported.run(at.toISOString(), campaign.id),
  );
}
