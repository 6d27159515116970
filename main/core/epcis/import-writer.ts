// The rows an import records, written a batch at a time: the lots and serials it creates, its events with
// their units and lineage, and their EPCIS ids and hashes are held with ids taken ahead (the import's
// transaction is the only writer), then written table by table with multi-row inserts. Each table's pages
// stay in the caches while its rows go in, and one statement call writes many rows, where writing event
// by event took turns between five tables' b-trees. The rows and audit snapshots are the ones
// `insertUnit` and `writeEvent` write and hand back; while a table has other columns than those, rows are
// written one at a time by those functions instead.
import type { Database as Db, Statement } from 'better-sqlite3';
import type { Core } from '../context';
import { hasExactlyColumns, perConnection } from '../db/statements';
import { EVENT_COLUMNS, EVENT_SNAPSHOT_KEYS, eventLinks, eventUnitRows, eventValues, writeEvent } from '../events/ledger';
import type { NewEvent } from '../events/ledger';
import { insertUnit, UNIT_COLUMNS, UNIT_SNAPSHOT_KEYS, unitValues } from '../units/write';
import type { NewUnit } from '../units/write';

import { recordOf } from './import-audit';
import type { AuditRecord } from './import-audit';

/** Where each of a table's columns goes in its audit record (keys sorted). */
const UNIT_RECORD_AT = UNIT_COLUMNS.map((c) => UNIT_SNAPSHOT_KEYS.indexOf(c));
const EVENT_RECORD_AT = EVENT_COLUMNS.map((c) => EVENT_SNAPSHOT_KEYS.indexOf(c));
const EVENT_LINKS_AT = (['units', 'lineage', 'voided'] as const).map((k) => [k, EVENT_SNAPSHOT_KEYS.indexOf(k)] as const);

const EPCIS_COLUMNS = ['event_id', 'epcis_id', 'event_time', 'hash', 'declaration', 'extra'];

/** Rows per multi-row insert (SQLite allows 32,766 bound values; a row here has at most 15). */
const ROWS_PER_INSERT = 256;

class TableInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly width: number;

  constructor(db: Db, table: string, columns: readonly string[]) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.many = db.prepare(head + Array.from({ length: ROWS_PER_INSERT }, () => row).join(', '));
    this.one = db.prepare(head + row);
    this.width = columns.length;
  }

  /** Writes the rows held in `values` (row after row, `width` values each). */
  write(values: unknown[]): void {
    const rows = values.length / this.width;
    const full = Math.floor(rows / ROWS_PER_INSERT);
    const size = ROWS_PER_INSERT * this.width;
    for (let k = 0; k < full; k++) this.many.run(values.slice(k * size, (k + 1) * size));
    for (let at = full * size; at < values.length; at += this.width) this.one.run(values.slice(at, at + this.width));
  }
}

const statements = perConnection((db: Db) => {
  const batched = hasExactlyColumns(db, 'units', UNIT_COLUMNS) && hasExactlyColumns(db, 'events', EVENT_COLUMNS);
  return {
    batched,
    units: new TableInsert(db, 'units', UNIT_COLUMNS),
    events: new TableInsert(db, 'events', EVENT_COLUMNS),
    eventUnits: new TableInsert(db, 'event_units', ['event_id', 'unit_id', 'role', 'qty']),
    lineage: new TableInsert(db, 'lineage', ['input_id', 'output_id', 'event_id']),
    epcis: new TableInsert(db, 'epcis_events', EPCIS_COLUMNS),
    epcisOne: db.prepare(`INSERT INTO epcis_events (${EPCIS_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?)`),
    lastUnit: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM units'),
    lastEvent: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events'),
  };
});

/** How a lot or serial is known while an import holds it: its item, kind and code. */
export const unitKey = (itemId: number, kind: string, code: string): string => `${itemId}\t${kind}\t${code}`;

/** How an EPCIS event is known by its eventID while an import holds it: the eventID at its event time. */
const idKey = (utc: string, epcisId: string): string => `${utc} ${epcisId}`;

/** Holds a row's values for its table (`columns` order) and hands them back in its audit record's order (`recordAt`, `width` keys). */
function hold(row: Record<string, unknown>, columns: readonly string[], recordAt: readonly number[], width: number, held: unknown[]): unknown[] {
  const values = new Array<unknown>(width);
  for (let c = 0; c < columns.length; c++) {
    const value = row[columns[c] as string];
    held.push(value);
    values[recordAt[c] as number] = value;
  }
  return values;
}

/**
 * Rows (`width` values each, compared column by column as numbers) in ascending order: a WITHOUT ROWID table's
 * rows then go into its b-tree one after the other, not each into a page of its own.
 */
function inKeyOrderRows(values: unknown[], width: number): unknown[] {
  const rows = values.length / width;
  const order = Array.from({ length: rows }, (_, i) => i * width);
  order.sort((a, b) => {
    for (let c = 0; c < width; c++) {
      const d = (values[a + c] as number) - (values[b + c] as number);
      if (d !== 0) return d;
    }
    return 0;
  });
  const out: unknown[] = [];
  for (const at of order) for (let c = 0; c < width; c++) out.push(values[at + c]);
  return out;
}

export class ImportWriter {
  private readonly s: ReturnType<typeof statements>;
  /** The batch's moment (ISO 8601): its rows are recorded together, in one statement per table. */
  private at: string | undefined;
  private nextUnit: number | undefined;
  private nextEvent: number | undefined;
  private units: unknown[] = [];
  private events: unknown[] = [];
  private eventUnits: unknown[] = [];
  private lineage: unknown[] = [];
  private epcis: unknown[] = [];
  /** Units held, by item, kind and code: the import may name one unit in two forms (URN and Digital Link). */
  private readonly heldUnits = new Map<string, number>();
  /** EPCIS ids (with their event time) and hashes of the events held: a document may repeat an event. */
  private readonly heldIds = new Set<string>();
  private readonly heldHashes = new Set<string>();

  constructor(private readonly core: Core) {
    this.s = statements(core.db);
  }

  /** The id of a unit held (not yet written) with this item, kind and code. */
  heldUnit(itemId: number, kind: string, code: string): number | undefined {
    return this.heldUnits.get(unitKey(itemId, kind, code));
  }

  /** Whether an EPCIS event with this id (at this event time) or hash is held. */
  holds(utc: string, epcisId: string, hash: string): boolean {
    return this.heldIds.has(idKey(utc, epcisId)) || this.heldHashes.has(hash);
  }

  /** A new lot or serial: its id and its audit record (the row it will be stored as). */
  unit(u: NewUnit): { id: number; record: AuditRecord } {
    if (!this.s.batched) {
      const snapshot = insertUnit(this.core, u);
      return { id: snapshot.id, record: recordOf(snapshot) };
    }
    this.nextUnit ??= (this.s.lastUnit.get()?.id ?? 0) + 1;
    const row: Record<string, unknown> & { id: number } = Object.assign(unitValues(this.core, u, this.batchAt()), { id: this.nextUnit++ });
    const values = hold(row, UNIT_COLUMNS, UNIT_RECORD_AT, UNIT_SNAPSHOT_KEYS.length, this.units);
    this.heldUnits.set(unitKey(u.itemId, u.kind, u.code), row.id);
    return { id: row.id, record: { keys: UNIT_SNAPSHOT_KEYS, values } };
  }

  /**
   * A new event without voids (not an error declaration's correction), with its EPCIS id, hash (text, and the bytes
   * stored) and the fields kept as JSON: its id and audit record.
   */
  event(e: NewEvent, epcis: { epcisId: string; hash: string; hashBytes: Buffer; extra: string | null }): { id: number; record: AuditRecord } {
    if (!this.s.batched) {
      const written = writeEvent(this.core, e);
      this.s.epcisOne.run(written.id, epcis.epcisId, e.time.utc, epcis.hashBytes, 0, epcis.extra);
      return { id: written.id, record: recordOf(written.snapshot) };
    }
    this.nextEvent ??= (this.s.lastEvent.get()?.id ?? 0) + 1;
    const row: Record<string, unknown> & { id: number } = Object.assign(eventValues(this.core, e, this.batchAt()), { id: this.nextEvent++ });
    const values = hold(row, EVENT_COLUMNS, EVENT_RECORD_AT, EVENT_SNAPSHOT_KEYS.length, this.events);
    const units = eventUnitRows(e);
    for (const u of units) this.eventUnits.push(row.id, u.unitId, u.role, u.qty);
    // The same edge twice in one event is one row (the ledger's INSERT OR IGNORE).
    const edges = new Map<string, [number, number]>();
    for (const [input, output] of e.edges ?? []) edges.set(`${input}:${output}`, [input, output]);
    for (const [input, output] of edges.values()) this.lineage.push(input, output, row.id);
    this.epcis.push(row.id, epcis.epcisId, e.time.utc, epcis.hashBytes, 0, epcis.extra);
    this.heldIds.add(idKey(e.time.utc, epcis.epcisId));
    this.heldHashes.add(epcis.hash);
    const links = eventLinks(units, edges.values(), []);
    for (const [key, at] of EVENT_LINKS_AT) values[at] = links[key];
    return { id: row.id, record: { keys: EVENT_SNAPSHOT_KEYS, values } };
  }

  private batchAt(): string {
    this.at ??= this.core.now().toISOString();
    return this.at;
  }

  /** Writes what is held, table by table in the order their references need. */
  flush(): void {
    this.s.units.write(this.units);
    this.s.events.write(this.events);
    this.s.eventUnits.write(this.eventUnits);
    this.s.lineage.write(inKeyOrderRows(this.lineage, 3));
    this.s.epcis.write(this.epcis);
    this.units = [];
    this.events = [];
    this.eventUnits = [];
    this.lineage = [];
    this.epcis = [];
    this.heldUnits.clear();
    this.heldIds.clear();
    this.heldHashes.clear();
    // Others may write between batches (an error declaration's correction): ids are taken afresh.
    this.nextUnit = undefined;
    this.nextEvent = undefined;
    this.at = undefined;
  }
}
