// EPCIS 2.0 import: every ObjectEvent, AggregationEvent and TransformationEvent of a document becomes a
// ledger event with its lineage (transformation: every input → every output; aggregation: parent → each
// child, the convention the ledger and the audit snapshot use). All or nothing: the caller runs it in one
// transaction and any problem throws, naming the event (index and eventID) and the field.
// Imported events are history from elsewhere: they do not move on-hand quantities or change statuses.
// The events are read, checked and mapped without the database (event-check.ts), in a worker thread a few
// batches ahead for a large file when the api knows where that worker is (check-thread.ts); this thread
// resolves their identifiers and records them.
import type { Database as Db } from 'better-sqlite3';
import type { EpcisImportResult } from '../../../common/api/epcis';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { writeEvent } from '../events/ledger';
import type { NewEvent } from '../events/ledger';
import { eventTime } from '../time';
import { checkWithWorker } from './check-thread';
import type { DocumentSource } from './document-reader';
import { checkDocument, refusalOf } from './event-check';
import { eventHashBytes } from './hash';
import type { CheckedEvent, CheckSink } from './event-check';
import { ImportAudit, recordOf } from './import-audit';
import { ImportWriter } from './import-writer';
import { MasterData } from './placeholders';

/** The event hash as epcis_events keeps it (32 bytes). */
type HashBytes = Buffer;

const statements = perConnection((db: Db) => ({
  // An event is found by its eventID or its hash, each with its event time, which their unique indexes lead with
  // (migration 15); one call for both (SQLite looks each up by its own index).
  byId: db.prepare<[string, string, number], { event_id: number }>('SELECT event_id FROM epcis_events WHERE event_time = ? AND epcis_id = ? AND declaration = ?'),
  byIdOrHash: db.prepare<[string, string, number, string, HashBytes, number], { event_id: number }>(
    'SELECT event_id FROM epcis_events WHERE (event_time = ? AND epcis_id = ? AND declaration = ?) OR (event_time = ? AND hash = ? AND declaration = ?) LIMIT 1',
  ),
  byHash: db.prepare<[string, HashBytes, number], { event_id: number }>('SELECT event_id FROM epcis_events WHERE event_time = ? AND hash = ? AND declaration = ?'),
  insert: db.prepare('INSERT INTO epcis_events (event_id, epcis_id, event_time, hash, declaration, extra) VALUES (?, ?, ?, ?, ?, ?)'),
  corrector: db.prepare<[number], { id: number }>('SELECT id FROM events WHERE corrects_event_id = ?'),
  unitsOf: db.prepare<[number], { unit_id: number; qty: number }>('SELECT unit_id, qty FROM event_units WHERE event_id = ? ORDER BY unit_id, role'),
  liveEdges: db.prepare<[number], { input_id: number; output_id: number; event_id: number }>(
    `SELECT l.input_id, l.output_id, l.event_id FROM lineage l WHERE l.event_id = ?
       AND NOT EXISTS (SELECT 1 FROM lineage_void v WHERE v.input_id = l.input_id AND v.output_id = l.output_id AND v.event_id = l.event_id)`,
  ),
}));

/** How far an import has read: events and bytes of the document, reported after each chunk and at the end. */
export interface ImportProgress {
  events: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportOptions {
  /** File URL of the EPCIS check worker (check-worker.ts built, or its from-source loader); without it events are checked on this thread. */
  checker?: string | undefined;
  /** Documents from this size on are checked in the worker (smaller ones are done before it would have started). */
  workerFromBytes?: number;
  /** Tests: the event from which the worker checks the document, and how long it may take to be ready (see WorkerShare). */
  workerTakesOverAt?: number;
  workerStartMs?: number;
  /** Tests: how many lots and serials of its own the import keeps by name (see MasterData). */
  ownUnitsHeld?: number;
}

/** Below this a document is checked on the core's thread: a worker takes longer to start than the import takes. */
const WORKER_FROM_BYTES = 2 << 20;

export function importEpcis(core: Core, source: DocumentSource, progress?: (p: ImportProgress) => void, options: ImportOptions = {}): EpcisImportResult {
  const audit = new ImportAudit(core, 'EPCIS import');
  const writer = new ImportWriter(core);
  const master = new MasterData(core, audit, writer, options.ownUnitsHeld);
  const result: EpcisImportResult = { events: 0, imported: 0, skipped: 0, corrections: 0, placeholders: master.created };
  const sink: CheckSink = {
    batch(events) {
      for (const c of events) {
        result.events++;
        try {
          const outcome = recordChecked(core, master, audit, writer, c);
          audit.eventDone();
          if (outcome.written === 0) result.skipped++;
          result.imported += outcome.written;
          if (outcome.correction) result.corrections++;
        } catch (error) {
          throw refusalOf(error, c.index, c.eventId ?? undefined);
        }
      }
      writer.flush();
    },
    progress: (bytes, events) => progress?.({ events, bytes, totalBytes: source.bytes }),
  };
  const inWorker = options.checker !== undefined && source.bytes >= (options.workerFromBytes ?? WORKER_FROM_BYTES);
  if (inWorker) checkWithWorker(options.checker as string, source, sink, { takeOverAt: options.workerTakesOverAt, startWithinMs: options.workerStartMs });
  else checkDocument(source, sink);
  audit.flush();
  progress?.({ events: result.events, bytes: source.bytes, totalBytes: source.bytes });
  return result;
}

function recordChecked(core: Core, master: MasterData, audit: ImportAudit, writer: ImportWriter, checked: CheckedEvent): { written: number; correction: boolean } {
  const { declaration } = checked;
  const skipped = { written: 0, correction: false };
  const s = statements(core.db);
  const epcisId = checked.eventId ?? checked.hash;
  const hash = eventHashBytes(checked.hash);

  if (declaration) {
    // A correction reads the declared event's units and edges, and takes the next ids: what is held is written first.
    writer.flush();
    if (s.byId.get(checked.utc, epcisId, 1) ?? s.byHash.get(checked.utc, hash, 1)) return skipped;
    // The declared event: already recorded, or recorded now from the declaration's own content.
    let declared = (s.byId.get(checked.utc, epcisId, 0) ?? s.byHash.get(checked.utc, hash, 0))?.event_id;
    let written = 0;
    if (declared === undefined) {
      declared = recordEvent(master, audit, writer, checked, epcisId, hash);
      writer.flush();
      written++;
    }
    if (s.corrector.get(declared)) return { written, correction: false };
    const { id, snapshot } = writeEvent(core, {
      kind: 'object',
      action: 'OBSERVE',
      bizStep: 'other',
      disposition: null,
      time: eventTime(declaration.time, core.now()),
      document: { type: 'correction', id: declared },
      reason: declaration.reason,
      corrects: declared,
      units: s.unitsOf.all(declared).map((u) => ({ unitId: u.unit_id, role: 'object' as const, qty: u.qty })),
      voids: s.liveEdges.all(declared),
    });
    audit.created('events', id, recordOf(snapshot));
    s.insert.run(id, epcisId, checked.utc, hash, 1, declaration.extra);
    return { written: written + 1, correction: true };
  }

  if (writer.holds(checked.utc, epcisId, checked.hash) || s.byIdOrHash.get(checked.utc, epcisId, 0, checked.utc, hash, 0)) return skipped;
  recordEvent(master, audit, writer, checked, epcisId, hash);
  return { written: 1, correction: false };
}

function recordEvent(master: MasterData, audit: ImportAudit, writer: ImportWriter, c: CheckedEvent, epcisId: string, hash: HashBytes): number {
  const units: NewEvent['units'] = [];
  const edges: [number, number][] = [];
  const parent = c.parent === null ? undefined : master.unit(c.parent, undefined, undefined, null, 'parentID').unitId;
  if (parent !== undefined) units.push({ unitId: parent, role: 'parent', qty: 1000 });
  const inputs: number[] = [];
  const outputs: number[] = [];
  for (const u of c.units) {
    const unitId = master.unit(u, u.qty, u.uom, c.expiresAt, u.field).unitId;
    units.push({ unitId, role: u.role, qty: u.piece ? 1000 : (u.qty ?? 0) });
    if (u.role === 'input') inputs.push(unitId);
    else if (u.role === 'output') outputs.push(unitId);
    else if (u.role === 'child' && parent !== undefined && c.action !== 'DELETE' && unitId !== parent) edges.push([parent, unitId]);
  }
  if (inputs.length > 0 && outputs.length > 0) for (const i of new Set(inputs)) for (const o of new Set(outputs)) if (i !== o) edges.push([i, o]);

  const locationId = c.location === null ? null : master.location(c.location);
  for (const [table, uri] of c.places) {
    if (table === 'location') master.location(uri);
    else master.party(uri, table);
  }

  const { id, record } = writer.event(
    {
      kind: c.kind,
      action: c.action,
      bizStep: c.bizStep,
      disposition: c.disposition,
      time: { utc: c.utc, offset: c.offset },
      locationId,
      document: null,
      reason: c.reason,
      statusTo: c.statusTo,
      units,
      edges,
    },
    { epcisId, hash: c.hash, hashBytes: hash, extra: c.extra },
  );
  audit.created('events', id, record);
  return id;
}
