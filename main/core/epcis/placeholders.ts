// Finds the items, lots, serials, locations and parties an EPCIS document names, and creates what is
// missing as placeholders (audited like any other record) so that its events can be recorded and traced.
import type { Database as Db } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { LotlineError } from '../../../common/errors';
import { QTY_SCALE } from '../../../common/quantity';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { createItem } from '../masterdata/items';
import { createLocation } from '../masterdata/locations';
import { createParty } from '../masterdata/parties';
import { BoundedCache } from './bounded-cache';
import { CLASS_LOT, glnCode, parsePlaceId, SSCC_PART } from './identifiers';
import { SeenFilter } from './seen-filter';
import type { ObjectId } from './identifiers';
import type { NamedUnit } from './event-check';
import type { ImportAudit } from './import-audit';
import { unitKey } from './import-writer';
import type { ImportWriter } from './import-writer';

export interface Placeholders {
  items: { part: string; gtin: string | null }[];
  locations: string[];
  suppliers: string[];
  customers: string[];
  units: number;
}

export const emptyPlaceholders = (): Placeholders => ({ items: [], locations: [], suppliers: [], customers: [], units: 0 });

/** UN/ECE Rec 20 units of measure for Lotline's units; any other code is kept as the item's unit. */
const UNIT_OF_UOM: Record<string, string> = { KGM: 'kg', GRM: 'g', LTR: 'L', MLT: 'mL', MTR: 'm', EA: 'ea', H87: 'ea', C62: 'ea' };
const UOM_OF_UNIT: Record<string, string> = { kg: 'KGM', g: 'GRM', l: 'LTR', ml: 'MLT', m: 'MTR' };

export function unitOfUom(uom: string | undefined): string {
  return uom === undefined ? 'ea' : (UNIT_OF_UOM[uom] ?? uom);
}

/** The uom Lotline writes for an item's unit; none for pieces (a count) or a unit with no UN/ECE code. */
export function uomOfUnit(unit: string): string | undefined {
  const known = UOM_OF_UNIT[unit.toLowerCase()];
  if (known) return known;
  return /^[A-Z0-9]{2,3}$/.test(unit) && unit !== 'EA' ? unit : undefined;
}

interface ItemLite {
  id: number;
  part: string;
  unit: string;
}

const statements = perConnection((db: Db) => ({
  itemByGtin: db.prepare<[string], ItemLite>('SELECT id, part, unit FROM items WHERE gtin = ?'),
  itemByPart: db.prepare<[string], ItemLite>('SELECT id, part, unit FROM items WHERE part = ?'),
  unit: db.prepare<[number, string, string], { id: number }>('SELECT id FROM units WHERE item_id = ? AND kind = ? AND code = ?'),
  location: db.prepare<[string], { id: number }>('SELECT id FROM locations WHERE code = ?'),
  supplier: db.prepare<[string], { id: number }>('SELECT id FROM suppliers WHERE code = ?'),
  customer: db.prepare<[string], { id: number }>('SELECT id FROM customers WHERE code = ?'),
}));

export interface ResolvedUnit {
  unitId: number;
  kind: 'lot' | 'serial';
  itemUnit: string;
}

/** Identifiers (and items, places) remembered across events; bounded so memory stays flat. */
const CACHED = 50_000;

interface KnownUnit extends ResolvedUnit {
  item: ItemLite;
}

/**
 * Resolves what events are about, creating placeholders; one per import, reporting what it created. What it
 * has resolved is remembered (the import's own transaction is the only writer meanwhile); lots and serials
 * it creates are audited through the import's batches, other placeholders (a few) one trail row each, as anywhere.
 */
export class MasterData {
  readonly created: Placeholders = emptyPlaceholders();
  private readonly units = new BoundedCache<string, KnownUnit>(CACHED);
  private readonly items = new BoundedCache<string, ItemLite>(CACHED);
  private readonly places = new BoundedCache<string, number>(CACHED);
  private readonly parties = { suppliers: new BoundedCache<string, true>(CACHED), customers: new BoundedCache<string, true>(CACHED) };
  /**
   * Items this import created, and the lots and serials it created of them: nobody else can have made one meanwhile
   * (the import's transaction is the only writer), so those are found here without asking the database. The map is
   * bounded like the caches; once it has been full and forgotten, what it held is still known to `ownSeen`, so the
   * database is asked only about a lot that filter may have seen.
   */
  private readonly ownItems = new Set<number>();
  private readonly ownUnits = new Map<string, number>();
  private ownSeen: SeenFilter | undefined;

  constructor(
    private readonly core: Core,
    private readonly audit: ImportAudit,
    private readonly writer: ImportWriter,
    /** How many of its own lots and serials it keeps by name before it forgets them into `ownSeen` (tests set fewer). */
    private readonly ownUnitsHeld = CACHED,
  ) {}

  private item(id: ObjectId, uom: string | undefined, field: string): ItemLite {
    const key = id.kind === 'private' ? `part:${id.part}` : id.kind === 'sscc' ? 'sscc' : `gtin:${id.gtin}`;
    return this.items.get(key) ?? this.items.set(key, this.findItem(id, uom, field));
  }

  private findItem(id: ObjectId, uom: string | undefined, field: string): ItemLite {
    const s = statements(this.core.db);
    if (id.kind === 'private') {
      const found = s.itemByPart.get(id.part);
      if (found) return found;
      return this.newItem({ part: id.part, gtin: undefined, description: `${id.part} (placeholder from EPCIS import)`, tracking: id.unit, unit: unitOfUom(uom) }, field);
    }
    if (id.kind === 'sscc') {
      return s.itemByPart.get(SSCC_PART) ?? this.newItem({ part: SSCC_PART, gtin: undefined, description: 'Logistic units (SSCC)', tracking: 'serial', unit: 'ea' }, field);
    }
    const found = s.itemByGtin.get(id.gtin);
    if (found) return found;
    const part = `GTIN-${id.gtin}`;
    if (s.itemByPart.get(part)) throw new LotlineError('CONFLICT', `${field}: an item ${part} exists without GTIN ${id.gtin}`);
    return this.newItem(
      { part, gtin: id.gtin, description: `Item with GTIN ${id.gtin} (placeholder from EPCIS import)`, tracking: id.kind === 'serial' ? 'serial' : 'lot', unit: unitOfUom(uom) },
      field,
    );
  }

  private newItem(input: { part: string; gtin: string | undefined; description: string; tracking: 'lot' | 'serial'; unit: string }, field: string): ItemLite {
    try {
      createItem(this.core, { ...input, category: 'raw' });
    } catch (error) {
      if (error instanceof LotlineError) throw new LotlineError(error.code, `${field}: ${error.message}`);
      throw error;
    }
    this.created.items.push({ part: input.part, gtin: input.gtin ?? null });
    const item = statements(this.core.db).itemByPart.get(input.part) as ItemLite;
    if (this.ownItems.size < CACHED) this.ownItems.add(item.id);
    return item;
  }

  /** The lot or serial an identifier names, created (in quarantine) when it is new, with the quantity it arrives with. */
  unit({ uri, id }: NamedUnit, quantity: number | undefined, uom: string | undefined, expiresAt: string | null, field: string): ResolvedUnit {
    const known = this.units.get(uri);
    if (known) {
      checkUnitOfMeasure(known.item, quantity, uom, field);
      return known;
    }
    const item = this.item(id, uom, field);
    checkUnitOfMeasure(item, quantity, uom, field);
    const [kind, code] =
      id.kind === 'serial' ? (['serial', id.serial] as const)
      : id.kind === 'lot' ? (['lot', id.lot] as const)
      : id.kind === 'class' ? (['lot', CLASS_LOT] as const)
      : id.kind === 'sscc' ? (['serial', id.sscc] as const)
      : ([id.unit, id.code] as const);
    const own = this.ownItems.has(item.id);
    const ownKey = unitKey(item.id, kind, code);
    const existing = !own
      ? this.lookUpUnit(item.id, kind, code)
      : (this.ownUnits.get(ownKey) ?? (this.ownSeen?.mayHave(ownKey) === true ? this.lookUpUnit(item.id, kind, code) : undefined));
    if (existing !== undefined) return this.units.set(uri, { unitId: existing, kind, itemUnit: item.unit, item });
    const { id: unitId, record } = this.writer.unit({ itemId: item.id, kind, code, status: 'quarantine', qty: kind === 'serial' ? QTY_SCALE : (quantity ?? 0), expiresAt });
    if (own) {
      if (this.ownUnits.size >= this.ownUnitsHeld) {
        this.ownSeen ??= new SeenFilter();
        for (const key of this.ownUnits.keys()) this.ownSeen.add(key);
        this.ownUnits.clear();
      }
      this.ownUnits.set(ownKey, unitId);
    }
    this.audit.created('units', unitId, record);
    this.created.units++;
    return this.units.set(uri, { unitId, kind, itemUnit: item.unit, item });
  }

  /** A lot or serial held for writing in this batch, or written: its id. */
  private lookUpUnit(itemId: number, kind: string, code: string): number | undefined {
    return this.writer.heldUnit(itemId, kind, code) ?? statements(this.core.db).unit.get(itemId, kind, code)?.id;
  }

  /** A location by its identifier (readPoint, bizLocation, a source or destination of type location). */
  location(uri: string): number {
    return this.places.get(uri) ?? this.places.set(uri, this.findLocation(uri));
  }

  private findLocation(uri: string): number {
    const place = parsePlaceId(uri);
    const code = place.kind === 'gln' ? glnCode(place.gln, place.extension) : place.kind === 'private' ? place.code : `URI-${shortHash(uri)}`;
    const found = statements(this.core.db).location.get(code);
    if (found) return found.id;
    const name = place.kind === 'gln' ? `GLN ${place.gln}${place.extension ? ` extension ${place.extension}` : ''} (from EPCIS import)` : place.kind === 'uri' ? uri : `${code} (from EPCIS import)`;
    createLocation(this.core, { code, name, kind: 'site' });
    this.created.locations.push(code);
    return (statements(this.core.db).location.get(code) as { id: number }).id;
  }

  /** A party (owning or possessing): a supplier when it is a source, a customer when a destination. */
  party(uri: string, table: 'suppliers' | 'customers'): void {
    const known = this.parties[table];
    if (known.get(uri)) return;
    known.set(uri, true);
    const place = parsePlaceId(uri);
    const code = place.kind === 'gln' ? glnCode(place.gln, place.extension) : place.kind === 'private' ? place.code : `URI-${shortHash(uri)}`;
    const s = statements(this.core.db);
    if ((table === 'suppliers' ? s.supplier : s.customer).get(code)) return;
    createParty(this.core, table, { code, name: place.kind === 'uri' ? uri : `${code} (from EPCIS import)` });
    this.created[table].push(code);
  }
}

function checkUnitOfMeasure(item: ItemLite, quantity: number | undefined, uom: string | undefined, field: string): void {
  if (quantity !== undefined && item.unit.toLowerCase() !== unitOfUom(uom).toLowerCase()) {
    throw new LotlineError('VALIDATION', `${field}: quantity in ${uom ?? 'pieces (no uom)'} but item ${item.part} is counted in ${item.unit}`);
  }
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
