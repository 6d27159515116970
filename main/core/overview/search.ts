// The search box: finds lots, serials, work orders, shipments, items and customers by any identifier.
import type { Database as Db } from 'better-sqlite3';
import type { SearchHit } from '../../../common/api/system';
import { parseUnitIdentity } from '../../../common/refs';
import { perConnection } from '../db/statements';

const LIMIT = 25;

const statements = perConnection((db: Db) => ({
  // Three index lookups (exact code, code prefix as a range, supplier lot) rather than one OR that scans every unit.
  units: db.prepare<[{ text: string; limit: number }], { kind: 'lot' | 'serial'; code: string; part: string; description: string; status: string }>(
    `SELECT u.kind, u.code, i.part, i.description, u.status FROM units u JOIN items i ON i.id = u.item_id
      WHERE u.id IN (SELECT id FROM units WHERE code = @text
                     UNION SELECT id FROM units WHERE code > @text AND code < @text || char(1114111)
                     UNION SELECT id FROM units WHERE supplier_lot = @text)
      ORDER BY u.code = @text DESC, u.id DESC LIMIT @limit`,
  ),
  unitByRef: db.prepare<[string, string, string], { kind: 'lot' | 'serial'; code: string; part: string; description: string; status: string }>(
    `SELECT u.kind, u.code, i.part, i.description, u.status FROM units u JOIN items i ON i.id = u.item_id WHERE i.part = ? AND u.kind = ? AND u.code = ?`,
  ),
  unitByGtin: db.prepare<[string, string, string], { kind: 'lot' | 'serial'; code: string; part: string; description: string; status: string }>(
    `SELECT u.kind, u.code, i.part, i.description, u.status FROM units u JOIN items i ON i.id = u.item_id WHERE i.gtin = ? AND u.kind = ? AND u.code = ?`,
  ),
  workOrders: db.prepare<[string, number], { number: string; part: string; status: string }>(
    `SELECT w.number, i.part, w.status FROM work_orders w JOIN items i ON i.id = w.item_id WHERE w.number LIKE ? ESCAPE '\\' ORDER BY w.id DESC LIMIT ?`,
  ),
  shipments: db.prepare<[string, number], { number: string; customer: string; ship_date: string }>(
    `SELECT s.number, c.name AS customer, s.ship_date FROM shipments s JOIN customers c ON c.id = s.customer_id WHERE s.number LIKE ? ESCAPE '\\' ORDER BY s.id DESC LIMIT ?`,
  ),
  items: db.prepare<[{ contains: string; text: string; limit: number }], { part: string; description: string; gtin: string | null }>(
    `SELECT part, description, gtin FROM items WHERE part LIKE @contains ESCAPE '\\' OR description LIKE @contains ESCAPE '\\' OR gtin = @text OR gtin = substr('00000000000000' || @text, -14) ORDER BY part LIMIT @limit`,
  ),
  customers: db.prepare<[{ contains: string; limit: number }], { code: string; name: string }>(
    `SELECT code, name FROM customers WHERE code LIKE @contains ESCAPE '\\' OR name LIKE @contains ESCAPE '\\' ORDER BY code LIMIT @limit`,
  ),
}));

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export function search(db: Db, q: string): SearchHit[] {
  const s = statements(db);
  const text = q.trim();
  const contains = `%${escapeLike(text)}%`;
  const hits: SearchHit[] = [];
  const unitHit = (u: { kind: 'lot' | 'serial'; code: string; part: string; description: string; status: string }): SearchHit => ({
    type: u.kind,
    key: `${u.part}${u.kind === 'lot' ? ':' : '#'}${u.code}`,
    label: `${u.part} ${u.kind === 'lot' ? 'Lot' : 'S/N'} ${u.code}`,
    detail: `${u.description} · ${u.status.replace('_', ' ')}`,
  });
  // A typed reference or a scanned GS1 barcode names one unit exactly.
  const ref = parseUnitIdentity(text);
  if (typeof ref !== 'string') {
    const exact = ref.by === 'part' ? s.unitByRef.get(ref.part, ref.kind, ref.code) : s.unitByGtin.get(ref.gtin, ref.kind, ref.code);
    if (exact) hits.push(unitHit(exact));
    if (ref.by === 'gtin') return hits;
  }
  for (const u of s.units.all({ text, limit: LIMIT })) if (!hits.some((h) => h.key === unitHit(u).key)) hits.push(unitHit(u));
  for (const w of s.workOrders.all(contains, 10)) hits.push({ type: 'workOrder', key: w.number, label: `Work order ${w.number}`, detail: `${w.part} · ${w.status}` });
  for (const x of s.shipments.all(contains, 10)) hits.push({ type: 'shipment', key: x.number, label: `Shipment ${x.number}`, detail: `${x.customer} · ${x.ship_date.slice(0, 10)}` });
  for (const i of s.items.all({ contains, text, limit: 10 })) hits.push({ type: 'item', key: i.part, label: i.part, detail: i.description });
  for (const c of s.customers.all({ contains, limit: 10 })) hits.push({ type: 'customer', key: c.code, label: c.name, detail: `Customer ${c.code}` });
  return hits;
}
