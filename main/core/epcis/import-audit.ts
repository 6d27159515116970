// The audit trail of an import: the events and the lots and serials it creates are audited in batches,
// one chained trail row (entity `import`) per batch of snapshots, which `audit verify` replays record by
// record. A batch is bounded, so memory stays flat however large the document.
import type { EntityName } from '../audit/entities';
import { auditImported } from '../audit/trail';
import type { Core } from '../context';

/** Snapshots held before they are written as one trail row. */
const BATCH_RECORDS = 2_000;

export class ImportAudit {
  private records: Partial<Record<EntityName, Record<string, unknown>[]>> = {};
  private held = 0;
  private firstEvent: number | undefined;

  constructor(
    private readonly core: Core,
    private readonly reason: string,
  ) {}

  /** A new record's snapshot (the row as its entity query returns it). */
  created(entity: EntityName, snapshot: Record<string, unknown> & { id: number }): void {
    (this.records[entity] ??= []).push(snapshot);
    if (entity === 'events') this.firstEvent ??= snapshot.id;
    this.held++;
  }

  /** Between events: writes the batch once it is full. */
  eventDone(): void {
    if (this.held >= BATCH_RECORDS) this.flush();
  }

  /** Writes what is held (at the end of the import, and whenever a batch is full). */
  flush(): void {
    if (this.held === 0) return;
    const first = this.firstEvent ?? Math.min(...Object.values(this.records).flatMap((list) => list.map((r) => Number(r.id))));
    // Entities in sorted order, like the snapshots' keys (see ImportWriter): the trail writes the batch without copying it.
    const records = Object.fromEntries(Object.entries(this.records).sort(([a], [b]) => (a < b ? -1 : 1)));
    auditImported(this.core, first, this.reason, records);
    this.records = {};
    this.held = 0;
    this.firstEvent = undefined;
  }
}
