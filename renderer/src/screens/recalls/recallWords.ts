// How campaign states and figures read on screen.
import type { CampaignStatus, ScopeRule } from '../../../../common/api/recall';
import type { SignatureView } from '../../../../common/api/signatures';

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

export const ruleKindWords: Record<ScopeRule['kind'], string> = {
  product: 'Products (parts)',
  dateRange: 'Built or received between dates',
  serialRange: 'Serial range of a part',
  customer: 'Customers',
  location: 'Ship-to locations',
};

/** "Quinn Archer (approved) 2026-11-26 09:12" per signature, with a word when one is no longer valid; "unsigned" when none. */
export function signedBy(signatures: readonly SignatureView[], time: (iso: string) => string): string {
  if (signatures.length === 0) return 'unsigned';
  return signatures.map((g) => `${g.printedName} (${g.meaning}) ${time(g.signedAt)}${g.valid ? '' : ' — no longer valid'}`).join('; ');
}
