// A campaign's impact: per customer and ship-to (shipments, lots/serials, quantities, ship dates, contacts) and per
// product (produced, shipped, in house, consumed into which items one level down, scrapped).
import type { Database as Db } from 'better-sqlite3';
import type { CampaignImpact, CampaignScope, CustomerImpact, ProductImpact } from '../../../common/api/recall';
import { fromMilli, toMilli } from '../../../common/quantity';
import { perConnection } from '../db/statements';
import { readyIndex } from '../trace/walk';
import { scopeQuantities } from './quantities';

const statements = perConnection((db: Db) => ({
  customers: db.prepare<[string], { code: string; name: string; contact: string | null; email: string | null }>(
    'SELECT code, name, contact, email FROM customers WHERE code IN (SELECT value FROM json_each(?))',
  ),
  locations: db.prepare<[string], { code: string; name: string; address: string | null }>(
    'SELECT code, name, address FROM locations WHERE code IN (SELECT value FROM json_each(?))',
  ),
  // Which items each unit went into, one level down (live edges only), until the lineage index is ready.
  nextLevel: db.prepare<[string], { input_id: number; part: string }>(
    `SELECT DISTINCT l.input_id, i.part FROM lineage l JOIN units u ON u.id = l.output_id JOIN items i ON i.id = u.item_id
      WHERE l.input_id IN (SELECT value FROM json_each(?))
        AND NOT EXISTS (SELECT 1 FROM lineage_void v WHERE v.input_id = l.input_id AND v.output_id = l.output_id AND v.event_id = l.event_id)`,
  ),
  parts: db.prepare<[string], { id: number; part: string }>('SELECT id, part FROM items WHERE id IN (SELECT value FROM json_each(?))'),
}));

const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per customer, what it was shipped; with `lines: false`, each shipment's lines counted without listing them. */
export function customerImpact(db: Db, scope: CampaignScope, { lines: listLines } = { lines: true }): CustomerImpact[] {
  const lines = scope.shipments.filter((l) => l.inScope);
  const contacts = new Map(statements(db).customers.all(JSON.stringify([...new Set(lines.map((l) => l.customer))])).map((c) => [c.code, c]));
  const addresses = new Map(statements(db).locations.all(JSON.stringify([...new Set(lines.map((l) => l.shipTo))])).map((l) => [l.code, l]));
  const descriptions = listLines ? new Map(scope.units.map((u) => [u.ref, u.description])) : new Map<string, string>();
  const byCustomer = new Map<string, typeof lines>();
  for (const l of lines) {
    const own = byCustomer.get(l.customer);
    if (own) own.push(l);
    else byCustomer.set(l.customer, [l]);
  }
  return [...byCustomer]
    .sort(([a], [b]) => ordinal(a, b))
    .map(([code, own]): CustomerImpact => {
      const contact = contacts.get(code);
      const shipments = new Map<string, CustomerImpact['shipments'][number]>();
      for (const l of own) {
        const s = shipments.get(l.shipment) ?? { number: l.shipment, shipDate: l.shipDate, shipTo: l.shipTo, lineCount: 0, lines: [] };
        s.lineCount++;
        if (listLines) s.lines.push({ ref: l.ref, item: l.item, description: descriptions.get(l.ref) ?? '', quantity: l.quantity, unit: l.unit });
        shipments.set(l.shipment, s);
      }
      const dates = own.map((l) => l.shipDate).sort(ordinal);
      return {
        code,
        name: own[0]?.customerName ?? code,
        contact: contact?.contact ?? null,
        email: contact?.email ?? null,
        locations: [...new Set(own.map((l) => l.shipTo))].sort(ordinal).map((c) => ({ code: c, name: addresses.get(c)?.name ?? c, address: addresses.get(c)?.address ?? null })),
        shipments: [...shipments.values()],
        quantity: fromMilli(own.reduce((n, l) => n + (toMilli(l.quantity) ?? 0), 0)),
        firstShipped: dates[0] ?? '',
        lastShipped: dates.at(-1) ?? '',
      };
    });
}

/** The items each of these units went into, one level down over live edges (unit id → parts, each once). */
export function nextLevelParts(db: Db, ids: readonly number[]): Map<number, string[]> {
  const into = new Map<number, string[]>();
  const index = readyIndex(db);
  if (!index) {
    for (const r of statements(db).nextLevel.all(JSON.stringify(ids))) {
      const parts = into.get(r.input_id);
      if (parts) parts.push(r.part);
      else into.set(r.input_id, [r.part]);
    }
    return into;
  }
  // From the index: the next units' items by id, named once each at the end (a wide scope has 100,000s of edges).
  const itemsInto = new Map<number, Set<number>>();
  for (const id of ids) {
    let items: Set<number> | undefined;
    index.eachNeighbour(id, 'forward', (next) => (items ??= new Set()).add(index.facts.itemOf(next)));
    if (items) itemsInto.set(id, items);
  }
  const named = new Set([...itemsInto.values()].flatMap((items) => [...items]));
  const part = new Map(statements(db).parts.all(JSON.stringify([...named])).map((r) => [r.id, r.part]));
  for (const [id, items] of itemsInto) into.set(id, [...items].map((item) => part.get(item) ?? `#${item}`));
  return into;
}

export function productImpact(db: Db, scope: CampaignScope): ProductImpact[] {
  const units = scope.units.filter((u) => u.inScope);
  const ids = units.map((u) => u.id);
  const q = scopeQuantities(db, scope);
  const into = nextLevelParts(db, ids);
  const products = new Map<string, { p: ProductImpact; sums: number[]; into: Set<string> }>();
  for (const u of units) {
    const entry = products.get(u.item) ?? {
      p: { item: u.item, description: u.description, unit: u.unit, units: 0, produced: '0', shipped: '0', inHouse: '0', consumed: '0', scrapped: '0', consumedInto: [] },
      sums: [0, 0, 0, 0, 0],
      into: new Set<string>(),
    };
    const uq = q.get(u.id);
    entry.p.units++;
    if (uq) [uq.produced, uq.shipped, uq.inHouse, uq.consumed, uq.scrapped].forEach((v, i) => (entry.sums[i] = (entry.sums[i] ?? 0) + v));
    for (const part of into.get(u.id) ?? []) entry.into.add(part);
    products.set(u.item, entry);
  }
  return [...products.values()]
    .map(({ p, sums, into: parts }) => {
      const [produced, shipped, inHouse, consumed, scrapped] = sums.map(fromMilli) as [string, string, string, string, string];
      return { ...p, produced, shipped, inHouse, consumed, scrapped, consumedInto: [...parts].sort(ordinal) };
    })
    .sort((a, b) => ordinal(a.item, b.item));
}

export function campaignImpact(db: Db, scope: CampaignScope, options: { lines: boolean }): CampaignImpact {
  return { number: scope.number, customers: customerImpact(db, scope, options), products: productImpact(db, scope), linesListed: options.lines };
}
