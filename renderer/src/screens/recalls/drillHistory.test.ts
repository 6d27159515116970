import { describe, expect, it } from 'vitest';
import type { CampaignHeader } from '../../../../common/api/recall';
import { drillHistory, drillVerdict } from './drillHistory';

const campaign = (number: string, over: Partial<CampaignHeader>): CampaignHeader => ({
  number,
  kind: 'recall',
  drill: true,
  title: number,
  reason: 'Annual traceability test',
  classification: 'Mock recall',
  owner: 'qa1',
  containAs: 'none',
  status: 'open',
  createdAt: '2026-01-01T08:00:00Z',
  createdBy: 'qa1',
  openedAt: null,
  reportedAt: null,
  closedAt: null,
  elapsedMinutes: null,
  ...over,
});

describe('drill history', () => {
  it('groups drills by the year they were opened, newest first, with MET against the target and not the real recalls', () => {
    const years = drillHistory([
      campaign('RC-2025-001', { openedAt: '2025-03-02T09:00:00Z', elapsedMinutes: 240 }),
      campaign('RC-2026-002', { openedAt: '2026-02-01T09:00:00Z', elapsedMinutes: 241.5 }),
      campaign('RC-2026-001', { drill: false, openedAt: '2026-01-10T09:00:00Z', elapsedMinutes: null }),
      campaign('RC-2026-004', { openedAt: '2026-06-01T09:00:00Z', elapsedMinutes: 12.25 }),
      campaign('RC-2026-005', { openedAt: '2026-07-01T09:00:00Z' }),
      campaign('RC-2027-001', { status: 'draft', createdAt: '2027-01-03T09:00:00Z' }),
    ]);
    expect(years.map((y) => [y.year, y.met, y.drills.map((d) => `${d.campaign.number} ${d.verdict}`)])).toEqual([
      [2027, 0, ['RC-2027-001 not-opened']],
      [2026, 1, ['RC-2026-005 no-report', 'RC-2026-004 met', 'RC-2026-002 not-met']],
      [2025, 1, ['RC-2025-001 met']],
    ]);
  });

  it('judges exactly at the target as met and one second over as not met', () => {
    expect(drillVerdict(campaign('RC-2026-001', { openedAt: '2026-01-01T00:00:00Z', elapsedMinutes: 240 }))).toBe('met');
    expect(drillVerdict(campaign('RC-2026-001', { openedAt: '2026-01-01T00:00:00Z', elapsedMinutes: 240 + 1 / 60 }))).toBe('not-met');
    expect(drillVerdict(campaign('RC-2026-001', { openedAt: '2026-01-01T00:00:00Z', elapsedMinutes: 30 }), 20)).toBe('not-met');
  });
});
