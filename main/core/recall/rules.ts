// Targeted scope rules. Product, date and serial rules judge the finished lots and serials of the trace; customer and
// location rules judge its shipment lines. 'exclude' takes out what matches, 'only' what does not; each rule is
// added to a draft with a rationale that QA signs.
import type { Database as Db } from 'better-sqlite3';
import type { CampaignRule, RuleMode, ScopeRule } from '../../../common/api/recall';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { itemByPart } from '../masterdata/items';
import { locationByCode } from '../masterdata/locations';
import { partyByCode } from '../masterdata/parties';
import { listSignatures } from '../signatures/signatures';
import type { CampaignRow } from './campaigns';
import { RULE_RECORD, ruleRecordId } from './signable';

interface RuleRow {
  id: number;
  seq: number;
  mode: RuleMode;
  rule: string;
  rationale: string;
  created_at: string;
  created_by: string;
}

const statements = perConnection((db: Db) => ({
  ofCampaign: db.prepare<[number], RuleRow>('SELECT * FROM recall_rules WHERE campaign_id = ? ORDER BY seq'),
  nextSeq: db.prepare<[number], { seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM recall_rules WHERE campaign_id = ?'),
  insert: db.prepare<[number, number, RuleMode, string, string, string, string]>(
    'INSERT INTO recall_rules (campaign_id, seq, mode, rule, rationale, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
}));

export interface AppliedRule {
  seq: number;
  mode: RuleMode;
  rule: ScopeRule;
}

/** What a rule says, in words: "Only serials P-0001 to P-0050 of PUMP". */
export function ruleText(mode: RuleMode, rule: ScopeRule): string {
  const what = (() => {
    switch (rule.kind) {
      case 'product':
        return `products ${rule.parts.join(', ')}`;
      case 'dateRange':
        return `lots and serials made from ${rule.from} to ${rule.to}`;
      case 'serialRange':
        return `serials ${rule.from} to ${rule.to} of ${rule.part}`;
      case 'customer':
        return `shipments to ${rule.customers.length === 1 ? 'customer' : 'customers'} ${rule.customers.join(', ')}`;
      case 'location':
        return `shipments to ship-to ${rule.locations.length === 1 ? 'location' : 'locations'} ${rule.locations.join(', ')}`;
    }
  })();
  return `${mode === 'exclude' ? 'Exclude' : 'Only'} ${what}`;
}

/** Serial numbers in order: a shorter code first (P-99 before P-100), then character by character. */
export function compareCodes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Whether a finished lot or serial matches the rule; undefined when the rule judges shipments instead. */
export function ruleMatchesUnit(rule: ScopeRule, u: { item: string; type: 'lot' | 'serial'; code: string; producedAt: string | null }): boolean | undefined {
  switch (rule.kind) {
    case 'product':
      return rule.parts.some((p) => p.toLowerCase() === u.item.toLowerCase());
    case 'dateRange': {
      const day = u.producedAt?.slice(0, 10);
      return day !== undefined && day >= rule.from && day <= rule.to;
    }
    case 'serialRange':
      return u.type === 'serial' && u.item.toLowerCase() === rule.part.toLowerCase() && compareCodes(u.code, rule.from) >= 0 && compareCodes(u.code, rule.to) <= 0;
    default:
      return undefined;
  }
}

/** Whether a shipment line matches the rule; undefined when the rule judges lots and serials instead. */
export function ruleMatchesLine(rule: ScopeRule, line: { customer: string; shipTo: string }): boolean | undefined {
  switch (rule.kind) {
    case 'customer':
      return rule.customers.some((c) => c.toLowerCase() === line.customer.toLowerCase());
    case 'location':
      return rule.locations.some((l) => l.toLowerCase() === line.shipTo.toLowerCase());
    default:
      return undefined;
  }
}

/** The first rule that takes the thing out (its seq), or null when every rule keeps it. */
export function excludingRule(rules: readonly AppliedRule[], judge: (rule: ScopeRule) => boolean | undefined): number | null {
  for (const r of rules) {
    const matches = judge(r.rule);
    if (matches === undefined) continue;
    if (matches === (r.mode === 'exclude')) return r.seq;
  }
  return null;
}

export function appliedRules(db: Db, campaignId: number): AppliedRule[] {
  return statements(db)
    .ofCampaign.all(campaignId)
    .map((r) => ({ seq: r.seq, mode: r.mode, rule: JSON.parse(r.rule) as ScopeRule }));
}

export function rulesOf(db: Db, campaign: CampaignRow): CampaignRule[] {
  return statements(db)
    .ofCampaign.all(campaign.id)
    .map((r) => {
      const rule = JSON.parse(r.rule) as ScopeRule;
      return {
        seq: r.seq,
        mode: r.mode,
        rule,
        text: ruleText(r.mode, rule),
        rationale: r.rationale,
        createdAt: r.created_at,
        createdBy: r.created_by,
        signatures: listSignatures(db, { kind: RULE_RECORD, id: ruleRecordId(campaign.number, r.seq) }).signatures,
      };
    });
}

/** Names in a rule must exist: a misspelt customer would silently exclude nothing. */
function checkNames(db: Db, rule: ScopeRule): void {
  if (rule.kind === 'product') for (const p of rule.parts) itemByPart(db, p);
  if (rule.kind === 'serialRange') itemByPart(db, rule.part);
  if (rule.kind === 'customer') for (const c of rule.customers) partyByCode(db, 'customers', c);
  if (rule.kind === 'location') {
    for (const code of rule.locations) {
      if (locationByCode(db, code).kind !== 'ship_to') throw new LotlineError('VALIDATION', `rule.locations: ${code} is not a ship-to location`);
    }
  }
  if (rule.kind === 'serialRange' && compareCodes(rule.from, rule.to) > 0) throw new LotlineError('VALIDATION', `rule.to: serial ${rule.to} comes before ${rule.from}`);
}

/** Adds a rule to a draft campaign; returns the rule's record id for its signature. */
export function addRule(core: Core, campaign: CampaignRow, mode: RuleMode, rule: ScopeRule, rationale: string): string {
  if (campaign.status !== 'draft') {
    throw new LotlineError('STATUS', `${campaign.number} is ${campaign.status}: its scope is fixed once it is open (start a new campaign to widen or narrow it)`);
  }
  checkNames(core.db, rule);
  const s = statements(core.db);
  const seq = s.nextSeq.get(campaign.id)?.seq ?? 1;
  const id = Number(s.insert.run(campaign.id, seq, mode, JSON.stringify(rule), rationale, core.now().toISOString(), core.actor).lastInsertRowid);
  auditCreate(core, 'recall_rules', id, `${campaign.number}: ${ruleText(mode, rule)} (${rationale})`);
  return ruleRecordId(campaign.number, seq);
}
