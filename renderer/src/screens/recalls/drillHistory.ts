// Mock recalls per year: each drill's time from opening to its complete report against the target (BRCGS: 4 hours).
import { DRILL_TARGET_MINUTES } from '../../../../common/api/recall';
import type { CampaignHeader } from '../../../../common/api/recall';

export type DrillVerdict = 'met' | 'not-met' | 'no-report' | 'not-opened';

export interface DrillLine {
  campaign: CampaignHeader;
  minutes: number | null;
  verdict: DrillVerdict;
}

export interface DrillYear {
  year: number;
  drills: DrillLine[];
  met: number;
}

export const drillVerdictWords: Record<DrillVerdict, string> = {
  met: 'MET',
  'not-met': 'NOT MET',
  'no-report': 'No report yet (timer running)',
  'not-opened': 'Not opened (draft)',
};

export function drillVerdict(c: CampaignHeader, target: number = DRILL_TARGET_MINUTES): DrillVerdict {
  if (c.openedAt === null) return 'not-opened';
  if (c.elapsedMinutes === null) return 'no-report';
  return c.elapsedMinutes <= target ? 'met' : 'not-met';
}

/** Drills grouped by the year they were opened (a draft by the year it was created), newest year and drill first. */
export function drillHistory(campaigns: readonly CampaignHeader[], target: number = DRILL_TARGET_MINUTES): DrillYear[] {
  const years = new Map<number, DrillLine[]>();
  for (const c of campaigns) {
    if (!c.drill) continue;
    const year = Number((c.openedAt ?? c.createdAt).slice(0, 4));
    const line: DrillLine = { campaign: c, minutes: c.elapsedMinutes, verdict: drillVerdict(c, target) };
    years.set(year, [...(years.get(year) ?? []), line]);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, drills]) => ({
      year,
      drills: drills.sort((a, b) => (b.campaign.openedAt ?? b.campaign.createdAt).localeCompare(a.campaign.openedAt ?? a.campaign.createdAt)),
      met: drills.filter((d) => d.verdict === 'met').length,
    }));
}
