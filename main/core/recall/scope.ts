// A campaign's scope: the forward trace of its seeds (main/core/trace, the same walk as trace.forward) down to
// finished lots and serials, shipments, customers and ship-to locations, with the campaign's rules applied.
import type { Database as Db } from 'better-sqlite3';
import { DEFAULT_TRACE_DEPTH } from '../../../common/api/trace';
import type { CampaignScope, ScopeShipmentLine, ScopeUnit } from '../../../common/api/recall';
import { forwardReach, isInHouse } from '../trace/trace';
import type { CampaignRow } from './campaigns';
import { seedIds } from './campaigns';
import { appliedRules, excludingRule, ruleMatchesLine, ruleMatchesUnit } from './rules';

/** Above this many units the scope carries no edges: the graph shows levels, the tables every row. */
export const SCOPE_GRAPH_LIMIT = 2_000;

export function campaignScope(db: Db, campaign: CampaignRow, options: { edges?: boolean } = {}): CampaignScope {
  const seeds = new Set(seedIds(db, campaign.id));
  const rules = appliedRules(db, campaign.id);
  const reach = forwardReach(db, [...seeds], DEFAULT_TRACE_DEPTH, (options.edges ?? true) ? SCOPE_GRAPH_LIMIT : 0);
  const units: ScopeUnit[] = reach.nodes.map((n) => {
    const finished = reach.categories.get(n.id) === 'finished';
    const code = n.lot ?? n.serial ?? '';
    const excludedBy = finished && !seeds.has(n.id) ? excludingRule(rules, (r) => ruleMatchesUnit(r, { item: n.item, type: n.type, code, producedAt: n.producedAt })) : null;
    return Object.assign(n, { finished, inScope: excludedBy === null, excludedBy, inHouse: isInHouse(n) });
  });
  const byId = new Map(units.map((u) => [u.id, u]));
  const shipments: ScopeShipmentLine[] = reach.shipments.map((s) => {
    const unit = byId.get(s.unitId);
    const excludedBy = unit?.excludedBy ?? excludingRule(rules, (r) => ruleMatchesLine(r, s));
    return {
      shipment: s.number,
      shipDate: s.shipDate,
      customer: s.customer,
      customerName: s.customerName,
      shipTo: s.shipTo,
      shipToName: s.shipToName,
      ref: s.ref,
      item: unit?.item ?? '',
      quantity: s.quantity,
      unit: unit?.unit ?? '',
      inScope: excludedBy === null,
      excludedBy,
    };
  });
  const kept = units.filter((u) => u.inScope);
  const keptLines = shipments.filter((l) => l.inScope);
  return {
    number: campaign.number,
    seeds: units.filter((u) => seeds.has(u.id)),
    units,
    edges: reach.edges,
    shipments,
    totals: {
      units: units.length,
      inScope: kept.length,
      finished: kept.filter((u) => u.finished).length,
      inHouse: kept.filter((u) => u.inHouse).length,
      shipmentLines: keptLines.length,
      customers: new Set(keptLines.map((l) => l.customer)).size,
      locations: new Set(keptLines.map((l) => l.shipTo)).size,
    },
    truncated: reach.truncated,
  };
}
