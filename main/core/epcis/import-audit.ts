// The audit trail of an import: the events and the lots and serials it creates are audited in batches,
// one chained trail row (entity `import`) per batch, which `audit verify` replays record by record. Each
// entity is held as a table (its snapshots' keys once, each record's values in their order), so a batch of
// thousands of records does not repeat every key thousands of times. A batch is bounded, so memory stays
// flat however large the document.
import type { EntityName } from '../audit/entities';
import { auditImported } from '../audit/trail';
import type { ImportedRecords } from '../audit/trail';
import type { Core } from '../context';

/** Snapshots held before they are written as one trail row. */
const BATCH_RECORDS = 2_000;

/** A record for a batch: its snapshot's keys (sorted; writers pass the same array for every record of a kind) and its values in that order. */
export interface AuditRecord {
  readonly keys: readonly string[];
  readonly values: unknown[];
}

/** The record of a snapshot (the row as its entity query returns it). */
export function recordOf(snapshot: Record<string, unknown>): AuditRecord {
  const keys = Object.keys(snapshot).sort();
  return { keys, values: keys.map((k) => snapshot[k]) };
}

interface HeldTable {
  keys: readonly string[];
  rows: unknown[][];
}

export class ImportAudit {
  private tables = new Map<EntityName, HeldTable>();
  private held = 0;
  private firstEvent: number | undefined;

  constructor(
    private readonly core: Core,
    private readonly reason: string,
  ) {}

  /** A new record (see AuditRecord) with its id. */
  created(entity: EntityName, id: number, { keys, values }: AuditRecord): void {
    let table = this.tables.get(entity);
    if (table !== undefined && table.keys !== keys && table.keys.join('\n') !== keys.join('\n')) {
      // Another shape for the same entity (never within one import, as snapshots come from one schema): a batch of its own.
      this.flush();
      table = undefined;
    }
    if (table === undefined) this.tables.set(entity, (table = { keys, rows: [] }));
    table.rows.push(values);
    if (entity === 'events') this.firstEvent ??= id;
    this.held++;
  }

  /** Between events: writes the batch once it is full. */
  eventDone(): void {
    if (this.held >= BATCH_RECORDS) this.flush();
  }

  /** Writes what is held (at the end of the import, and whenever a batch is full). */
  flush(): void {
    if (this.held === 0) return;
    const records: ImportedRecords = Object.fromEntries(this.tables);
    auditImported(this.core, this.firstEvent ?? firstId(this.tables), this.reason, records);
    this.tables = new Map();
    this.held = 0;
    this.firstEvent = undefined;
  }
}

/** The smallest id held (a batch without events: the lots and serials created before the first event). */
function firstId(tables: ReadonlyMap<EntityName, HeldTable>): number {
  let first = Infinity;
  for (const { keys, rows } of tables.values()) {
    const at = keys.indexOf('id');
    for (const row of rows) first = Math.min(first, row[at] as number);
  }
  return first;
}
