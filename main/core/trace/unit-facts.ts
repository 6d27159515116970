// What a trace's summary needs of each unit, beside the lineage index: its item, and its shipment lines
// with each shipment's customer and ship-to location — typed arrays indexed by row id, read with the index
// and kept current by reading the rows added since (units, shipment lines and shipments are only ever
// inserted, and none of these columns changes). The summary of a wide trace is then a pass over the units
// it reached instead of one index probe per unit in SQL.
import type { Database as Db } from 'better-sqlite3';
import { readIntegerColumns } from '../db/bulk-read';
import type { ColumnsStatement } from '../db/bulk-read';
import { perConnection } from '../db/statements';

/** The facts as read at one moment; the arrays can be handed between threads. */
export interface UnitFactsSnapshot {
  /** Item id by unit id (0: no such unit). */
  itemOf: Int32Array;
  /** Unit and shipment by shipment line id (0: no such line). */
  lineUnit: Int32Array;
  lineShipment: Int32Array;
  /** Customer and ship-to location by shipment id. */
  customerOf: Int32Array;
  shipToOf: Int32Array;
}

/** A customer reached, by id: its shipments and shipment lines among the units, and its ship-to locations. */
export interface CustomerTally {
  customer: number;
  shipments: number;
  lines: number;
  shipTos: number[];
}

/** The tables read into the facts: the arrays their columns fill, by row id, in the order the columns follow the id. */
const TABLES = {
  units: { sql: 'SELECT json_group_array(id), json_group_array(item_id) FROM units', arrays: ['itemOf'] },
  shipments: { sql: 'SELECT json_group_array(id), json_group_array(customer_id), json_group_array(ship_to_id) FROM shipments', arrays: ['customerOf', 'shipToOf'] },
  shipment_lines: { sql: 'SELECT json_group_array(id), json_group_array(unit_id), json_group_array(shipment_id) FROM shipment_lines', arrays: ['lineUnit', 'lineShipment'] },
} as const satisfies Record<string, { sql: string; arrays: readonly (keyof UnitFactsSnapshot)[] }>;
type Table = keyof typeof TABLES;
const tables = Object.keys(TABLES) as Table[];

const statements = perConnection((db: Db) => ({
  highest: db.prepare<[], Record<Table, number | null>>(`SELECT ${tables.map((t) => `(SELECT max(id) FROM ${t}) AS ${t}`).join(', ')}`),
  read: Object.fromEntries(
    tables.map((t) => [t, db.prepare<[{ from: number; to: number }], (string | null)[]>(`${TABLES[t].sql} WHERE id > @from AND id <= @to`).raw()]),
  ) as Record<Table, ColumnsStatement<object>>,
}));

/** Rows per chunk of a bulk read. */
const CHUNK = 100_000;
/** Above every id: catch-up reads what was added after the last id in one chunk. */
const NO_END = 2 ** 31 - 1;

/** Reads every unit's item and every shipment line and shipment; call inside the read transaction of the lineage it goes with. */
export function readUnitFacts(db: Db, chunk = CHUNK): UnitFactsSnapshot {
  const s = statements(db);
  const highest = s.highest.get();
  const f = {} as UnitFactsSnapshot;
  for (const t of tables) {
    // Up to the highest id now: rows another connection adds meanwhile are left to catch-up.
    const last = highest?.[t] ?? 0;
    for (const a of TABLES[t].arrays) f[a] = new Int32Array(last + 1);
    readIntegerColumns(s.read[t], {}, { after: 0, last, step: chunk }, ([ids = [], ...values]) => TABLES[t].arrays.forEach((a, i) => scatter(f[a], ids, values[i] ?? [])));
  }
  return f;
}

function highestOf(ids: readonly number[]): number {
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  return max;
}

function scatter(into: Int32Array, ids: readonly number[], values: readonly number[]): void {
  for (let i = 0; i < ids.length; i++) into[ids[i] as number] = values[i] as number;
}

export function unitFactsBuffers(s: UnitFactsSnapshot): ArrayBuffer[] {
  return [s.itemOf, s.lineUnit, s.lineShipment, s.customerOf, s.shipToOf].map((a) => a.buffer as ArrayBuffer);
}

/** Room for index `i` in `a`, growing it by half again (rows are added one scan at a time). */
function room(a: Int32Array, i: number): Int32Array {
  if (i < a.length) return a;
  const grown = new Int32Array(Math.max(i + 1, Math.ceil(a.length * 1.5) + 1024));
  grown.set(a);
  return grown;
}

export class UnitFacts {
  /** The arrays now: the built ones, or grown copies once catch-up has gone past their end. */
  private f: UnitFactsSnapshot;
  /** Highest id read, per table. */
  private last: Record<Table, number> = { units: 0, shipments: 0, shipment_lines: 0 };
  /** Each unit's first shipment line (0: none), and each line's next line of the same unit: lists in plain arrays. */
  private firstLine: Int32Array = new Int32Array(0);
  private nextLine: Int32Array = new Int32Array(0);

  constructor(private readonly built: UnitFactsSnapshot) {
    this.f = { ...built };
    this.reset();
  }

  /** Back to the rows as read at the build (which were committed); catch-up reads the rest again. */
  reset(): void {
    const b = this.built;
    this.f = { ...b };
    // The built arrays end at the highest id read; catch-up writes into grown copies, never into them.
    for (const t of tables) this.last[t] = b[TABLES[t].arrays[0]].length - 1;
    this.firstLine = new Int32Array(b.itemOf.length);
    this.nextLine = new Int32Array(b.lineUnit.length);
    for (let line = 1; line <= this.last.shipment_lines; line++) this.link(line);
  }

  /** Reads the units, shipments and shipment lines added since the last look. */
  catchUp(db: Db): void {
    const s = statements(db);
    for (const t of tables) {
      readIntegerColumns(s.read[t], {}, { after: this.last[t], last: NO_END, step: NO_END }, ([ids = [], ...values]) => {
        if (ids.length === 0) return;
        const last = (this.last[t] = highestOf(ids));
        TABLES[t].arrays.forEach((a, i) => {
          this.f[a] = room(this.f[a], last);
          scatter(this.f[a], ids, values[i] ?? []);
        });
        if (t === 'shipment_lines') for (const id of ids) this.link(id);
      });
    }
  }

  private link(line: number): void {
    const unit = this.f.lineUnit[line] as number;
    if (unit === 0) return;
    this.firstLine = room(this.firstLine, unit);
    this.nextLine = room(this.nextLine, line);
    this.nextLine[line] = this.firstLine[unit] as number;
    this.firstLine[unit] = line;
  }

  /** The unit's item id (0 for no such unit). */
  itemOf(unit: number): number {
    return this.f.itemOf[unit] ?? 0;
  }

  /** Units per item among `ids` (item id → count). */
  itemCounts(ids: Int32Array): Map<number, number> {
    const counts = new Map<number, number>();
    const { itemOf } = this.f;
    for (const id of ids) {
      const item = itemOf[id] ?? 0;
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    return counts;
  }

  /** The customers the shipment lines of `ids` went to, with their shipments, lines and ship-to locations. */
  customers(ids: Int32Array): CustomerTally[] {
    const { lineShipment, customerOf, shipToOf } = this.f;
    const tallies = new Map<number, { shipments: number; lines: number; shipTos: Set<number> }>();
    // A shipment goes to one customer and one ship-to: each is counted at its first line among the units.
    const counted = new Uint8Array(customerOf.length);
    for (const unit of ids) {
      for (let line = unit < this.firstLine.length ? (this.firstLine[unit] as number) : 0; line !== 0; line = this.nextLine[line] as number) {
        const shipment = lineShipment[line] as number;
        const customer = customerOf[shipment] as number;
        let t = tallies.get(customer);
        if (!t) tallies.set(customer, (t = { shipments: 0, lines: 0, shipTos: new Set() }));
        t.lines++;
        if (counted[shipment] === 0) {
          counted[shipment] = 1;
          t.shipments++;
          t.shipTos.add(shipToOf[shipment] as number);
        }
      }
    }
    return [...tallies].map(([customer, t]) => ({ customer, shipments: t.shipments, lines: t.lines, shipTos: [...t.shipTos] }));
  }

  size(): number {
    const f = this.f;
    return [f.itemOf, f.lineUnit, f.lineShipment, f.customerOf, f.shipToOf, this.firstLine, this.nextLine].reduce((n, a) => n + a.byteLength, 0);
  }
}
