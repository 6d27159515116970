// Mass balance of every lot in a campaign's scope: produced + returned = shipped + consumed + in house + scrapped +
// sampled, and what is left over is the unexplained difference a campaign may not close on without a signed explanation.
import type { Database as Db } from 'better-sqlite3';
import type { CampaignScope, MassBalance, MassBalanceRow } from '../../../common/api/recall';
import { fromMilli } from '../../../common/quantity';
import { scopeQuantities, unexplained } from './quantities';

/** `known`: quantities the caller has read already for (at least) the lots in scope; read here otherwise. */
export function massBalance(db: Db, scope: CampaignScope): MassBalance {
  const lots = scope.units.filter((u) => u.inScope && u.type === 'lot');
  const quantities = scopeQuantities(db, scope);
  const rows: MassBalanceRow[] = [];
  let open = 0;
  for (const lot of lots) {
    const q = quantities.get(lot.id);
    if (q === undefined) continue;
    const diff = unexplained(q);
    if (diff !== 0) open++;
    rows.push({
      ref: lot.ref,
      item: lot.item,
      unit: lot.unit,
      produced: fromMilli(q.produced),
      returned: fromMilli(q.returned),
      shipped: fromMilli(q.shipped),
      inHouse: fromMilli(q.inHouse),
      consumed: fromMilli(q.consumed),
      scrapped: fromMilli(q.scrapped),
      sampled: fromMilli(q.sampled),
      unexplained: fromMilli(diff),
    });
  }
  // Unexplained lots first: they are what a reader must act on.
  rows.sort((a, b) => Number(b.unexplained !== '0') - Number(a.unexplained !== '0'));
  return { number: scope.number, lots: rows, unexplained: open };
}
