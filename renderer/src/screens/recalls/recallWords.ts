// How campaign states and figures read on screen.
import type { CampaignStatus } from '../../../../common/api/recall';

export const campaignStatusWords: Record<CampaignStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  monitoring: 'Monitoring',
  closed: 'Closed',
};

/** 0.5556 → "55.6 %"; null (nothing shipped) → "—". */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}
