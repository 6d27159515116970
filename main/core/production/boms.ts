// Bills of materials, versioned: a new BOM for an item is its next version; old versions stay.
import type { Database as Db } from 'better-sqlite3';
import type { Bom } from '../../../common/api/production';
import { LotlineError } from '../../../common/errors';
import { fromMilli } from '../../../common/quantity';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { itemByPart } from '../masterdata/items';

export interface BomRow {
  id: number;
  item_id: number;
  version: number;
  note: string | null;
  created_at: string;
  part: string;
}

export interface BomLineRow {
  line_no: number;
  component_item_id: number;
  qty_per: number;
  part: string;
  description: string;
  unit: string;
}

const statements = perConnection((db: Db) => ({
  latestVersion: db.prepare<[number], { v: number | null }>('SELECT max(version) AS v FROM boms WHERE item_id = ?'),
  insert: db.prepare('INSERT INTO boms (item_id, version, note, created_at) VALUES (?, ?, ?, ?)'),
  insertLine: db.prepare('INSERT INTO bom_lines (bom_id, line_no, component_item_id, qty_per) VALUES (?, ?, ?, ?)'),
  byId: db.prepare<[number], BomRow>('SELECT b.*, i.part FROM boms b JOIN items i ON i.id = b.item_id WHERE b.id = ?'),
  byVersion: db.prepare<[number, number], BomRow>('SELECT b.*, i.part FROM boms b JOIN items i ON i.id = b.item_id WHERE b.item_id = ? AND b.version = ?'),
  latest: db.prepare<[number], BomRow>('SELECT b.*, i.part FROM boms b JOIN items i ON i.id = b.item_id WHERE b.item_id = ? ORDER BY b.version DESC LIMIT 1'),
  all: db.prepare<[], BomRow>('SELECT b.*, i.part FROM boms b JOIN items i ON i.id = b.item_id ORDER BY i.part, b.version'),
  ofItem: db.prepare<[string], BomRow>('SELECT b.*, i.part FROM boms b JOIN items i ON i.id = b.item_id WHERE i.part = ? ORDER BY b.version'),
  // Whether an item is a component of the BOM: what a scan checks, without reading the lines and their items.
  lists: db.prepare<[number, number], { one: 1 }>('SELECT 1 AS one FROM bom_lines WHERE bom_id = ? AND component_item_id = ? LIMIT 1'),
  lines: db.prepare<[number], BomLineRow>(
    `SELECT l.line_no, l.component_item_id, l.qty_per, i.part, i.description, i.unit
       FROM bom_lines l JOIN items i ON i.id = l.component_item_id WHERE l.bom_id = ? ORDER BY l.line_no`,
  ),
}));

export function createBom(core: Core, input: { part: string; note?: string | undefined; lines: { part: string; quantityPer: number }[] }): Bom {
  const s = statements(core.db);
  const item = itemByPart(core.db, input.part);
  const seen = new Set<number>();
  const lines = input.lines.map((line, index) => {
    const component = itemByPart(core.db, line.part);
    if (component.id === item.id) throw new LotlineError('VALIDATION', `lines[${index}].part: ${item.part} cannot be a component of itself`);
    if (seen.has(component.id)) throw new LotlineError('VALIDATION', `lines[${index}].part: ${component.part} is listed twice; give one line per component`);
    seen.add(component.id);
    return { componentId: component.id, qtyPer: line.quantityPer };
  });
  const version = (s.latestVersion.get(item.id)?.v ?? 0) + 1;
  const bomId = Number(s.insert.run(item.id, version, input.note ?? null, core.now().toISOString()).lastInsertRowid);
  lines.forEach((line, index) => s.insertLine.run(bomId, index + 1, line.componentId, line.qtyPer));
  auditCreate(core, 'boms', bomId);
  return toBom(core.db, s.byId.get(bomId) as BomRow);
}

export function toBom(db: Db, row: BomRow): Bom {
  return {
    part: row.part,
    version: row.version,
    note: row.note,
    createdAt: row.created_at,
    lines: bomLines(db, row.id).map((l) => ({ line: l.line_no, part: l.part, description: l.description, quantityPer: fromMilli(l.qty_per), unit: l.unit })),
  };
}

export function bomLists(db: Db, bomId: number, itemId: number): boolean {
  return statements(db).lists.get(bomId, itemId) !== undefined;
}

export function bomLines(db: Db, bomId: number): BomLineRow[] {
  return statements(db).lines.all(bomId);
}

export function bomFor(db: Db, itemId: number, part: string, version: number | undefined): BomRow {
  const s = statements(db);
  const row = version === undefined ? s.latest.get(itemId) : s.byVersion.get(itemId, version);
  if (!row) throw new LotlineError('NOT_FOUND', version === undefined ? `Item ${part} has no BOM yet` : `Item ${part} has no BOM version ${version}`);
  return row;
}

export function bomById(db: Db, id: number): BomRow {
  return statements(db).byId.get(id) as BomRow;
}

export function listBoms(db: Db, part: string | undefined): Bom[] {
  const s = statements(db);
  return (part === undefined ? s.all.all() : s.ofItem.all(part)).map((row) => toBom(db, row));
}
