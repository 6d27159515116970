// Reading lots and serials: one row shape joined with the item, and its mapping to the api's summary.
import type { Database as Db } from 'better-sqlite3';
import type { UnitKind, UnitStatus, UnitSummary } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { fromMilli } from '../../../common/quantity';
import { formatRef, parseUnitIdentity } from '../../../common/refs';
import type { UnitIdentity } from '../../../common/refs';
import { perConnection } from '../db/statements';

export interface UnitRow {
  id: number;
  item_id: number;
  kind: UnitKind;
  code: string;
  status: UnitStatus;
  status_reason: string | null;
  qty_initial: number;
  qty_on_hand: number;
  supplier_id: number | null;
  supplier_lot: string | null;
  receipt_id: number | null;
  work_order_id: number | null;
  produced_at: string | null;
  expires_at: string | null;
  created_at: string;
  part: string;
  description: string;
  gtin: string | null;
  uom: string;
}

export const UNIT_SELECT = `SELECT u.*, i.part, i.description, i.gtin, i.unit AS uom FROM units u JOIN items i ON i.id = u.item_id`;

/** The columns UNIT_SELECT answers, in order (for reads that name them, such as rowsForIds). */
export const UNIT_COLUMNS = [
  'id',
  'item_id',
  'kind',
  'code',
  'status',
  'status_reason',
  'qty_initial',
  'qty_on_hand',
  'supplier_id',
  'supplier_lot',
  'receipt_id',
  'work_order_id',
  'produced_at',
  'expires_at',
  'created_at',
  'part',
  'description',
  'gtin',
  'uom',
] as const satisfies readonly (keyof UnitRow)[];

const statements = perConnection((db: Db) => ({
  byId: db.prepare<[number], UnitRow>(`${UNIT_SELECT} WHERE u.id = ?`),
  byRef: db.prepare<[string, UnitKind, string], UnitRow>(`${UNIT_SELECT} WHERE i.part = ? AND u.kind = ? AND u.code = ?`),
  byGtinRef: db.prepare<[string, UnitKind, string], UnitRow>(`${UNIT_SELECT} WHERE i.gtin = ? AND u.kind = ? AND u.code = ?`),
  partOfGtin: db.prepare<[string], { part: string }>('SELECT part FROM items WHERE gtin = ?'),
  exists: db.prepare<[number, UnitKind, string], { id: number }>('SELECT id FROM units WHERE item_id = ? AND kind = ? AND code = ?'),
}));

export function unitRef(row: Pick<UnitRow, 'kind' | 'part' | 'code'>): string {
  return formatRef(row.kind, row.part, row.code);
}

/** "Lot 26-0117 of RES-PC" / "Serial PX-000231 of PUMP-2" — how messages name a unit. */
export function unitName(row: Pick<UnitRow, 'kind' | 'part' | 'code'>): string {
  return `${row.kind === 'lot' ? 'Lot' : 'Serial'} ${row.code} of ${row.part}`;
}

export function toSummary(row: UnitRow): UnitSummary {
  return {
    id: row.id,
    type: row.kind,
    ref: unitRef(row),
    item: row.part,
    description: row.description,
    gtin: row.gtin,
    ...(row.kind === 'lot' ? { lot: row.code } : { serial: row.code }),
    status: row.status,
    statusReason: row.status_reason,
    quantity: fromMilli(row.qty_initial),
    onHand: fromMilli(row.qty_on_hand),
    unit: row.uom,
    expiresAt: row.expires_at,
    producedAt: row.produced_at,
  };
}

export function unitById(db: Db, id: number): UnitRow {
  const row = statements(db).byId.get(id);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no lot or serial with id ${id}`);
  return row;
}

/** The lot or serial named by `ref` (PART:LOT, PART#SERIAL, or GS1 data whose GTIN finds the item), or exactly what is missing. */
export function resolveRef(db: Db, ref: string): UnitRow {
  const parsed = parseUnitIdentity(ref);
  if (typeof parsed === 'string') throw new LotlineError('VALIDATION', parsed);
  return resolveIdentity(db, parsed);
}

/** The lot or serial an identity names (a scan decoded already), or exactly what is missing. */
export function resolveIdentity(db: Db, identity: UnitIdentity): UnitRow {
  const s = statements(db);
  if (identity.by === 'part') {
    const row = s.byRef.get(identity.part, identity.kind, identity.code);
    if (!row) throw new LotlineError('NOT_FOUND', `There is no ${identity.kind} ${identity.code} of item ${identity.part}`);
    return row;
  }
  const row = s.byGtinRef.get(identity.gtin, identity.kind, identity.code);
  if (row) return row;
  const item = s.partOfGtin.get(identity.gtin);
  throw new LotlineError(
    'NOT_FOUND',
    item
      ? `There is no ${identity.kind} ${identity.code} of item ${item.part} (GTIN ${identity.gtin})`
      : `No item has GTIN ${identity.gtin}; give the item its GTIN to find it by barcode`,
  );
}

export function codeTaken(db: Db, itemId: number, kind: UnitKind, code: string): boolean {
  return statements(db).exists.get(itemId, kind, code) !== undefined;
}
