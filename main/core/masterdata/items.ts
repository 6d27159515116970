// Items (parts): what can be received, made, shipped and traced.
import type { Database as Db } from 'better-sqlite3';
import type { z } from 'zod';
import type { itemInput } from '../../../common/api/masterdata';
import type { Item } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { toGtin14 } from '../../../common/gtin';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';

export interface ItemRow {
  id: number;
  part: string;
  description: string;
  gtin: string | null;
  tracking: Item['tracking'];
  category: Item['category'];
  unit: string;
  shelf_life_days: number | null;
  warranty_days: number | null;
  lot_pattern: string | null;
  serial_pattern: string | null;
  created_at: string;
}

const statements = perConnection((db: Db) => ({
  byPart: db.prepare<[string], ItemRow>('SELECT * FROM items WHERE part = ?'),
  byId: db.prepare<[number], ItemRow>('SELECT * FROM items WHERE id = ?'),
  byGtin: db.prepare<[string], ItemRow>('SELECT * FROM items WHERE gtin = ?'),
  all: db.prepare<[], ItemRow>('SELECT * FROM items ORDER BY part'),
  insert: db.prepare(
    `INSERT INTO items (part, description, gtin, tracking, category, unit, shelf_life_days, warranty_days, lot_pattern, serial_pattern, created_at)
     VALUES (@part, @description, @gtin, @tracking, @category, @unit, @shelf_life_days, @warranty_days, @lot_pattern, @serial_pattern, @created_at)`,
  ),
}));

export function toItem(row: ItemRow): Item {
  return {
    part: row.part,
    description: row.description,
    gtin: row.gtin,
    tracking: row.tracking,
    category: row.category,
    unit: row.unit,
    shelfLifeDays: row.shelf_life_days,
    warrantyDays: row.warranty_days,
    lotPattern: row.lot_pattern,
    serialPattern: row.serial_pattern,
  };
}

export function createItem(core: Core, input: z.output<typeof itemInput>): Item {
  const s = statements(core.db);
  if (s.byPart.get(input.part)) throw new LotlineError('CONFLICT', `Item ${input.part} already exists`);
  const gtin = input.gtin === undefined ? null : toGtin14(input.gtin);
  if (gtin !== null) {
    const other = s.byGtin.get(gtin);
    if (other) throw new LotlineError('CONFLICT', `GTIN ${input.gtin} already belongs to item ${other.part}`);
  }
  if (input.tracking !== 'serial' && input.serialPattern !== undefined) {
    throw new LotlineError('VALIDATION', `serialPattern: item ${input.part} is tracked by ${input.tracking}, not by serial`);
  }
  const { lastInsertRowid } = s.insert.run({
    part: input.part,
    description: input.description,
    gtin,
    tracking: input.tracking,
    category: input.category,
    unit: input.unit,
    shelf_life_days: input.shelfLifeDays ?? null,
    warranty_days: input.warrantyDays ?? null,
    lot_pattern: input.lotPattern ?? null,
    serial_pattern: input.serialPattern ?? null,
    created_at: core.now().toISOString(),
  });
  const id = Number(lastInsertRowid);
  auditCreate(core, 'items', id);
  return toItem(s.byId.get(id) as ItemRow);
}

export function itemByPart(db: Db, part: string): ItemRow {
  const row = statements(db).byPart.get(part);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no item ${part}`);
  return row;
}

export function itemById(db: Db, id: number): ItemRow {
  return statements(db).byId.get(id) as ItemRow;
}

export function listItems(db: Db): Item[] {
  return statements(db).all.all().map(toItem);
}
