// Everything a campaign's report shows, read at one moment: scope totals, impact, effectiveness and mass balance.
import type { Database as Db } from 'better-sqlite3';
import { DRILL_TARGET_MINUTES } from '../../../common/api/recall';
import type { CampaignHeader, CampaignImpact, CampaignScope, CampaignTracking, MassBalance } from '../../../common/api/recall';
import { eventTime, withOffset } from '../time';
import type { CampaignRow } from './campaigns';
import { seedIds, toHeader } from './campaigns';
import { campaignImpact } from './impact';
import { massBalance } from './mass-balance';
import { campaignScope } from './scope';
import { campaignTracking } from './tracking';

export interface ReportData {
  campaign: CampaignHeader;
  seeds: string[];
  totals: CampaignScope['totals'];
  truncated: boolean;
  impact: CampaignImpact;
  tracking: CampaignTracking['overall'];
  balance: MassBalance;
  /** Minutes from opening to this report; the target it is measured against. */
  elapsedMinutes: number;
  targetMinutes: number;
  date: string;
}

/** The report's figures; the time it is complete (`readyAt`) is taken once they all are. */
export function reportData(db: Db, campaign: CampaignRow, now: () => Date): ReportData & { readyAt: Date } {
  // One walk of the scope and one read of its quantities (kept with it), shared by the impact and the mass balance.
  const scope = campaignScope(db, campaign);
  const seeds = new Set(seedIds(db, campaign.id));
  const impact = campaignImpact(db, scope, { lines: true });
  const tracking = campaignTracking(db, campaign, scope).overall;
  const balance = massBalance(db, scope);
  const readyAt = now();
  const time = eventTime(undefined, readyAt);
  const opened = campaign.opened_at === null ? readyAt.getTime() : Date.parse(campaign.opened_at);
  return {
    campaign: toHeader(campaign),
    seeds: scope.units.filter((u) => seeds.has(u.id)).map((u) => u.ref),
    totals: scope.totals,
    truncated: scope.truncated,
    impact,
    tracking,
    balance,
    elapsedMinutes: (readyAt.getTime() - opened) / 60_000,
    targetMinutes: DRILL_TARGET_MINUTES,
    date: withOffset(time.utc, time.offset),
    readyAt,
  };
}
