// A campaign's scope: the forward trace of its seeds (main/core/trace, the same walk as trace.forward) down to
// finished lots and serials, shipments, customers and ship-to locations, with the campaign's rules applied.
import type { Database as Db } from 'better-sqlite3';
import { DEFAULT_TRACE_DEPTH } from '../../../common/api/trace';
import { SCOPE_GRAPH_LIMIT } from '../../../common/api/recall';
import type { CampaignScope, ScopeShipmentLine, ScopeUnit } from '../../../common/api/recall';
import { databaseMoment } from '../db/moment';
import { forwardReach, isInHouse } from '../trace/trace';
import type { CampaignRow } from './campaigns';
import { seedIds } from './campaigns';
import { appliedRules, excludingRule, ruleMatchesLine, ruleMatchesUnit } from './rules';

/** How long a campaign's scope is kept after it was last asked for: its page asks for it four times at once. */
export const SCOPE_KEPT_MS = 60_000;

// The last scope per connection, keyed by campaign and the database's moment (db/moment.ts): any change, to its
// rules and seeds included, makes it stale. A wide scope holds hundreds of thousands of objects, so it is let go a
// while after its last use.
const lastScope = new WeakMap<Db, { key: string; scope: CampaignScope; timer: NodeJS.Timeout }>();

/** Lets go of the scope kept for this connection (its memory; benchmarks measure a command that walks it). */
export function forgetScope(db: Db): void {
  const kept = lastScope.get(db);
  if (kept) clearTimeout(kept.timer);
  lastScope.delete(db);
}

/**
 * The campaign's scope: the forward trace of its seeds with its rules applied. Read-only for callers: the same
 * object answers again while nothing changed.
 */
export function campaignScope(db: Db, campaign: CampaignRow): CampaignScope {
  const key = `${campaign.id}|${databaseMoment(db)}`;
  const kept = lastScope.get(db);
  if (kept) clearTimeout(kept.timer);
  const scope = kept?.key === key ? kept.scope : readScope(db, campaign);
  lastScope.set(db, { key, scope, timer: setTimeout(() => lastScope.delete(db), SCOPE_KEPT_MS).unref() });
  return scope;
}

function readScope(db: Db, campaign: CampaignRow): CampaignScope {
  const seeds = new Set(seedIds(db, campaign.id));
  const rules = appliedRules(db, campaign.id);
  const reach = forwardReach(db, [...seeds], DEFAULT_TRACE_DEPTH, SCOPE_GRAPH_LIMIT);
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
    listed: true,
  };
}

/** The scope as a page reads it: every row while it has at most `limit` lots and serials; above, its seeds and totals. */
export function scopeUpTo(scope: CampaignScope, limit: number | undefined): CampaignScope {
  return limit === undefined || scope.units.length <= limit ? scope : { ...scope, units: [], edges: [], shipments: [], listed: false };
}
