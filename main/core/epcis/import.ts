// EPCIS 2.0 import: every ObjectEvent, AggregationEvent and TransformationEvent of a document becomes a
// ledger event with its lineage (transformation: every input → every output; aggregation: parent → each
// child, the convention the ledger and the audit snapshot use). All or nothing: the caller runs it in one
// transaction and any problem throws, naming the event (index and eventID) and the field.
// Imported events are history from elsewhere: they do not move on-hand quantities or change statuses.
import type { Database as Db } from 'better-sqlite3';
import type { EpcisImportResult } from '../../../common/api/epcis';
import { unitStatuses } from '../../../common/domain';
import type { UnitStatus } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { writeEvent } from '../events/ledger';
import type { NewEvent } from '../events/ledger';
import { eventTime } from '../time';
import { DocumentSyntaxError, scanDocument } from './document-reader';
import type { DocumentSource } from './document-reader';
import { eventHash, STANDARD_PREFIXES } from './hash';
import { ImportAudit } from './import-audit';
import { ImportWriter } from './import-writer';
import { MasterData } from './placeholders';
import { documentProblem, eventProblem } from './validate';
import { normaliseTerm } from './vocabulary';
import type { VocabularyName } from './vocabulary';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type EpcisEvent = Record<string, Json>;

interface QuantityElement {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

/** Fields mapped onto the ledger's own columns; everything else is kept in epcis_events.extra. */
const MODELLED = new Set([
  'type', 'eventID', 'recordTime', 'eventTime', 'eventTimeZoneOffset', 'action', 'bizStep', 'disposition', 'epcList', 'quantityList',
  'parentID', 'childEPCs', 'childQuantityList', 'inputEPCList', 'inputQuantityList', 'outputEPCList', 'outputQuantityList',
  'errorDeclaration', 'lotline:reason', 'lotline:statusTo',
]);

const EXPIRY_KEYS = ['cbvmda:itemExpirationDate', 'cbvmda:bestBeforeDate', 'cbvmda:sellByDate', 'urn:epcglobal:cbv:mda:itemExpirationDate', 'urn:epcglobal:cbv:mda:bestBeforeDate'];

const statements = perConnection((db: Db) => ({
  byId: db.prepare<[string, number], { event_id: number }>('SELECT event_id FROM epcis_events WHERE epcis_id = ? AND declaration = ?'),
  // One call for both (SQLite looks each up by its own index).
  byIdOrHash: db.prepare<[string, number, string, number], { event_id: number }>(
    'SELECT event_id FROM epcis_events WHERE (epcis_id = ? AND declaration = ?) OR (hash = ? AND declaration = ?) LIMIT 1',
  ),
  byHash: db.prepare<[string, number], { event_id: number }>('SELECT event_id FROM epcis_events WHERE hash = ? AND declaration = ?'),
  insert: db.prepare('INSERT INTO epcis_events (event_id, epcis_id, hash, declaration, extra) VALUES (?, ?, ?, ?, ?)'),
  corrector: db.prepare<[number], { id: number }>('SELECT id FROM events WHERE corrects_event_id = ?'),
  eventRow: db.prepare<[number], { kind: NewEvent['kind'] }>('SELECT kind FROM events WHERE id = ?'),
  unitsOf: db.prepare<[number], { unit_id: number; qty: number }>('SELECT unit_id, qty FROM event_units WHERE event_id = ? ORDER BY unit_id, role'),
  liveEdges: db.prepare<[number], { input_id: number; output_id: number; event_id: number }>(
    `SELECT l.input_id, l.output_id, l.event_id FROM lineage l WHERE l.event_id = ?
       AND NOT EXISTS (SELECT 1 FROM lineage_void v WHERE v.input_id = l.input_id AND v.output_id = l.output_id AND v.event_id = l.event_id)`,
  ),
}));

class EventProblem extends LotlineError {}

/** Prefixes a document declares in its own @context (the standard context's prefixes are known already). */
function documentPrefixes(context: unknown): Map<string, string> {
  const prefixes = new Map(STANDARD_PREFIXES);
  for (const entry of [context].flat()) {
    if (entry && typeof entry === 'object') for (const [k, v] of Object.entries(entry)) if (typeof v === 'string') prefixes.set(k, v);
  }
  return prefixes;
}

/** Extension keys (`example:myField`) written with the full namespace, so they keep their meaning without the document's @context. */
function expandKeys(value: Json, own: ReadonlyMap<string, string>): Json {
  if (own.size === 0) return value;
  if (Array.isArray(value)) return value.map((v) => expandKeys(v, own));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(value)) {
    const at = key.indexOf(':');
    const ns = at > 0 ? own.get(key.slice(0, at)) : undefined;
    out[ns === undefined ? key : ns + key.slice(at + 1)] = expandKeys(v, own);
  }
  return out;
}

function milli(q: number | undefined, field: string): number | undefined {
  if (q === undefined) return undefined;
  const m = Math.round(q * 1000);
  if (q < 0 || Math.abs(m - q * 1000) > 1e-6) throw new LotlineError('VALIDATION', `${field}: ${q} must be a non-negative quantity with at most 3 decimals`);
  return m;
}

/** How far an import has read: events and bytes of the document, reported after each chunk and at the end. */
export interface ImportProgress {
  events: number;
  bytes: number;
  totalBytes: number;
}

/** The document names its @context only after its events: its header has to be read first. */
class ContextAfterEvents extends Error {}

function notADocument(type: unknown): LotlineError {
  return new LotlineError('VALIDATION', `type: the document is a ${typeof type === 'string' ? type : JSON.stringify(type)}, not an EPCISDocument`);
}

function parseHeader(text: string): Record<string, unknown> {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new LotlineError('VALIDATION', `The document is not valid JSON: ${(error as Error).message}`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new LotlineError('VALIDATION', 'The document is not a JSON object');
  const h = header as Record<string, unknown>;
  if (h.type !== undefined && h.type !== 'EPCISDocument') throw notADocument(h.type);
  return h;
}

function scanned<T>(scan: () => T): T {
  try {
    return scan();
  } catch (error) {
    if (error instanceof DocumentSyntaxError) throw new LotlineError('VALIDATION', error.message);
    throw error;
  }
}

/**
 * Imports the document in one pass when its @context comes before its eventList (as documents write it),
 * the header being checked against the schema once it has been read whole; in two passes otherwise. The
 * caller's transaction makes it all or nothing either way.
 */
export function importEpcis(core: Core, source: DocumentSource, progress?: (p: ImportProgress) => void): EpcisImportResult {
  try {
    return importPass(core, source, undefined, progress);
  } catch (error) {
    if (!(error instanceof ContextAfterEvents)) throw error;
  }
  let headerText = '';
  scanned(() => scanDocument(source, undefined, (h) => (headerText = h)));
  return importPass(core, source, documentPrefixes(parseHeader(headerText)['@context']), progress);
}

function importPass(core: Core, source: DocumentSource, known: Map<string, string> | undefined, progress: ((p: ImportProgress) => void) | undefined): EpcisImportResult {
  let prefixes = known;
  let own = new Map<string, string>();
  const audit = new ImportAudit(core, 'EPCIS import');
  const writer = new ImportWriter(core);
  const master = new MasterData(core, audit, writer);
  const result: EpcisImportResult = { events: 0, imported: 0, skipped: 0, corrections: 0, placeholders: master.created };
  let headerText = '';

  // Events are checked (parsed, validated, hashed) a batch at a time and then recorded: each kind of work runs
  // with its own code and data in the CPU's caches instead of taking turns with SQLite's after every event.
  // The first refusal in document order is still the one reported: recording stops before a refused event.
  let pending: { text: string; index: number }[] = [];
  const runBatch = (): void => {
    const checked: CheckedEvent[] = [];
    let refusal: Error | undefined;
    for (const { text, index } of pending) {
      try {
        checked.push(checkEvent(text, index, prefixes as ReadonlyMap<string, string>));
      } catch (error) {
        refusal = refusalOf(error, index, undefined);
        break;
      }
    }
    pending = [];
    for (const c of checked) {
      result.events++;
      try {
        const outcome = recordChecked(core, master, audit, writer, c, own);
        audit.eventDone();
        if (outcome.written === 0) result.skipped++;
        result.imported += outcome.written;
        if (outcome.correction) result.corrections++;
      } catch (error) {
        throw refusalOf(error, c.index, c.event);
      }
    }
    writer.flush();
    if (refusal !== undefined) throw refusal;
  };
  const onEvent = (text: string, index: number): void => {
    if (prefixes === undefined) throw new ContextAfterEvents();
    pending.push({ text, index });
    if (pending.length >= CHECK_BATCH) runBatch();
  };
  // The header as far as the eventList (closed so that it parses): its @context gives the prefixes the events use.
  const onListStart = (before: string): void => {
    const early = parseHeader(`${before}]}}`);
    if (prefixes === undefined && early['@context'] !== undefined) prefixes = documentPrefixes(early['@context']);
    if (prefixes !== undefined) own = new Map([...prefixes].filter(([k]) => !STANDARD_PREFIXES.has(k) && k !== 'lotline'));
  };
  const onChunk = (bytes: number, events: number): void => progress?.({ events, bytes, totalBytes: source.bytes });

  scanned(() => scanDocument(source, onEvent, (h) => (headerText = h), { onListStart, onChunk }));
  runBatch();
  const header = parseHeader(headerText);
  if (header.type !== 'EPCISDocument') throw notADocument(header.type);
  const headerProblem = documentProblem(header);
  if (headerProblem) throw new LotlineError('VALIDATION', `The document header does not match the EPCIS 2.0 schema: ${headerProblem}`);
  audit.flush();
  progress?.({ events: result.events, bytes: source.bytes, totalBytes: source.bytes });
  return result;
}

/** Events checked together before they are recorded. */
const CHECK_BATCH = 256;

interface CheckedEvent {
  index: number;
  event: EpcisEvent;
  hash: string;
}

/** The refusal of event `index`, naming it (and its eventID) before the field. */
function refusalOf(error: unknown, index: number, event: EpcisEvent | undefined): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (!(error instanceof LotlineError) || error instanceof EventProblem) return error;
  const where = `eventList[${index}]${typeof event?.eventID === 'string' ? ` (eventID ${event.eventID})` : ''}`;
  return new EventProblem(error.code, `${where}: ${error.message}`, { index, eventID: event?.eventID ?? null });
}

/** What an event is, without the database: JSON, CBV terms, the schema, an event type Lotline records, its hash. */
function checkEvent(text: string, index: number, prefixes: ReadonlyMap<string, string>): CheckedEvent {
  let event: EpcisEvent;
  try {
    event = JSON.parse(text) as EpcisEvent;
  } catch (error) {
    throw new EventProblem('VALIDATION', `eventList[${index}]: not valid JSON (${(error as Error).message})`, { index, eventID: null });
  }
  try {
    // CBV terms first: their message says which vocabulary a wrong term misses, where the schema only names a pattern.
    term('bizStep', event.bizStep, 'bizStep');
    term('disposition', event.disposition, 'disposition');
    checkListTerms(event);
    const problem = eventProblem(event);
    if (problem) throw new LotlineError('VALIDATION', problem);
    const type = event.type as string;
    if (type !== 'ObjectEvent' && type !== 'AggregationEvent' && type !== 'TransformationEvent') {
      throw new LotlineError('VALIDATION', `type: ${type} is not imported; Lotline records ObjectEvent, AggregationEvent and TransformationEvent`);
    }
    return { index, event, hash: eventHash(event, prefixes) };
  } catch (error) {
    throw refusalOf(error, index, event);
  }
}

function recordChecked(core: Core, master: MasterData, audit: ImportAudit, writer: ImportWriter, checked: CheckedEvent, own: ReadonlyMap<string, string>): { written: number; correction: boolean } {
  const { event, hash } = checked;
  const skipped = { written: 0, correction: false };
  const s = statements(core.db);
  const epcisId = typeof event.eventID === 'string' ? event.eventID : hash;
  const declaration = event.errorDeclaration && typeof event.errorDeclaration === 'object' && !Array.isArray(event.errorDeclaration) ? event.errorDeclaration : undefined;

  if (declaration) {
    // A correction reads the declared event's units and edges, and takes the next ids: what is held is written first.
    writer.flush();
    if (s.byId.get(epcisId, 1) ?? s.byHash.get(hash, 1)) return skipped;
    // The declared event: already recorded, or recorded now from the declaration's own content.
    let declared = (s.byId.get(epcisId, 0) ?? s.byHash.get(hash, 0))?.event_id;
    let written = 0;
    if (declared === undefined) {
      declared = recordEvent(master, audit, writer, event, hash, epcisId, own);
      writer.flush();
      written++;
    }
    if (s.corrector.get(declared)) return { written, correction: false };
    const time = declaration.declarationTime as string; // required by the schema
    const lotlineReason = declaration['lotline:reason'];
    const reason = typeof lotlineReason === 'string' ? lotlineReason : typeof declaration.reason === 'string' ? declaration.reason : null;
    const extra: Record<string, Json> = Object.fromEntries(Object.entries(declaration).filter(([k]) => k !== 'declarationTime' && k !== 'lotline:reason'));
    const { id, snapshot } = writeEvent(core, {
      kind: 'object',
      action: 'OBSERVE',
      bizStep: 'other',
      disposition: null,
      time: eventTime(time, core.now()),
      document: { type: 'correction', id: declared },
      reason,
      corrects: declared,
      units: s.unitsOf.all(declared).map((u) => ({ unitId: u.unit_id, role: 'object' as const, qty: u.qty })),
      voids: s.liveEdges.all(declared),
    });
    audit.created('events', snapshot);
    s.insert.run(id, epcisId, hash, 1, Object.keys(extra).length > 0 ? JSON.stringify(expandKeys(extra, own)) : null);
    return { written: written + 1, correction: true };
  }

  if (writer.holds(epcisId, hash, 0) || s.byIdOrHash.get(epcisId, 0, hash, 0)) return skipped;
  recordEvent(master, audit, writer, event, hash, epcisId, own);
  return { written: 1, correction: false };
}

function term(name: VocabularyName, value: Json | undefined, field: string): string | null {
  if (typeof value !== 'string') return null;
  const t = normaliseTerm(name, value);
  if ('problem' in t) throw new LotlineError('VALIDATION', `${field}: ${t.problem}`);
  return t.value;
}

function recordEvent(master: MasterData, audit: ImportAudit, writer: ImportWriter, event: EpcisEvent, hash: string, epcisId: string, own: ReadonlyMap<string, string>): number {
  const type = event.type as 'ObjectEvent' | 'AggregationEvent' | 'TransformationEvent';
  const bizStep = term('bizStep', event.bizStep, 'bizStep') ?? '';
  const disposition = term('disposition', event.disposition, 'disposition');
  const ilmd = event.ilmd && typeof event.ilmd === 'object' && !Array.isArray(event.ilmd) ? event.ilmd : undefined;
  const expiryValue = ilmd ? EXPIRY_KEYS.map((k) => ilmd[k]).find((v) => typeof v === 'string') : undefined;
  const expiresAt = typeof expiryValue === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expiryValue) ? expiryValue : null;

  const units: NewEvent['units'] = [];
  const serials = (key: string, role: NewEvent['units'][number]['role']): number[] =>
    ((event[key] as string[] | undefined) ?? []).map((uri, i) => {
      const u = master.unit(uri, undefined, undefined, expiresAt, `${key}[${i}]`);
      units.push({ unitId: u.unitId, role, qty: 1000 });
      return u.unitId;
    });
  const classes = (key: string, role: NewEvent['units'][number]['role']): number[] =>
    ((event[key] as QuantityElement[] | undefined) ?? []).map((q, i) => {
      const field = `${key}[${i}]`;
      const qty = milli(q.quantity, `${field}.quantity`);
      const u = master.unit(q.epcClass, qty, q.uom, expiresAt, field);
      units.push({ unitId: u.unitId, role, qty: qty ?? 0 });
      return u.unitId;
    });

  const edges: [number, number][] = [];
  let action: NewEvent['action'] = 'OBSERVE';
  let kind: NewEvent['kind'];
  if (type === 'ObjectEvent') {
    kind = 'object';
    action = event.action as NewEvent['action'];
    serials('epcList', 'object');
    classes('quantityList', 'object');
  } else if (type === 'AggregationEvent') {
    kind = 'aggregation';
    action = event.action as NewEvent['action'];
    const parent = typeof event.parentID === 'string' ? master.unit(event.parentID, undefined, undefined, null, 'parentID') : undefined;
    if (parent) units.push({ unitId: parent.unitId, role: 'parent', qty: 1000 });
    const children = [...serials('childEPCs', 'child'), ...classes('childQuantityList', 'child')];
    if (parent && action !== 'DELETE') for (const c of children) if (c !== parent.unitId) edges.push([parent.unitId, c]);
  } else {
    kind = 'transformation';
    const inputs = [...serials('inputEPCList', 'input'), ...classes('inputQuantityList', 'input')];
    const outputs = [...serials('outputEPCList', 'output'), ...classes('outputQuantityList', 'output')];
    for (const i of new Set(inputs)) for (const o of new Set(outputs)) if (i !== o) edges.push([i, o]);
  }

  const bizLocation = (event.bizLocation as { id?: string } | undefined)?.id;
  const readPoint = (event.readPoint as { id?: string } | undefined)?.id;
  const locationUri = bizLocation ?? readPoint;
  const locationId = locationUri === undefined ? null : master.location(locationUri);
  for (const [list, table] of [['sourceList', 'suppliers'], ['destinationList', 'customers']] as const) {
    for (const entry of (event[list] as { type: string; source?: string; destination?: string }[] | undefined) ?? []) {
      const uri = entry.source ?? entry.destination ?? '';
      const t = normaliseTerm('source-dest-type', entry.type);
      if ('value' in t && t.value === 'location') master.location(uri);
      else if ('value' in t && (t.value === 'owning_party' || t.value === 'possessing_party')) master.party(uri, table);
    }
  }

  const reason = typeof event['lotline:reason'] === 'string' ? event['lotline:reason'] : null;
  const statusText = event['lotline:statusTo'];
  if (statusText !== undefined && !(unitStatuses as readonly unknown[]).includes(statusText)) {
    throw new LotlineError('VALIDATION', `lotline:statusTo: ${JSON.stringify(statusText)} is not a Lotline status (${unitStatuses.join(', ')})`);
  }

  const extra: Record<string, Json> = {};
  for (const [key, value] of Object.entries(event)) if (!MODELLED.has(key)) extra[key] = value;
  if (bizLocation !== undefined) delete extra.bizLocation;
  else if (readPoint !== undefined) {
    delete extra.readPoint;
    extra['lotline:locationIsReadPoint'] = true;
  }

  const { id, snapshot } = writer.event({
    kind,
    action,
    bizStep,
    disposition,
    // eventTime is the instant; eventTimeZoneOffset the zone it is shown in.
    time: { utc: new Date(event.eventTime as string).toISOString(), offset: event.eventTimeZoneOffset as string }, // both required by the schema
    locationId,
    document: null,
    reason,
    statusTo: (statusText as UnitStatus | undefined) ?? null,
    units,
    edges,
  }, { epcisId, hash, declaration: 0, extra: Object.keys(extra).length > 0 ? JSON.stringify(expandKeys(extra, own)) : null });
  audit.created('events', snapshot);
  return id;
}

function entries(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function typeOf(value: Json): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value.type : undefined;
}

function checkListTerms(event: EpcisEvent): void {
  entries(event.bizTransactionList).forEach((b, i) => term('bizTransaction-type', typeOf(b), `bizTransactionList[${i}].type`));
  for (const list of ['sourceList', 'destinationList'] as const) entries(event[list]).forEach((b, i) => term('source-dest-type', typeOf(b), `${list}[${i}].type`));
  const pd = event.persistentDisposition;
  if (pd !== null && typeof pd === 'object' && !Array.isArray(pd)) {
    for (const k of ['set', 'unset'] as const) entries(pd[k]).forEach((d, i) => term('disposition', d, `persistentDisposition.${k}[${i}]`));
  }
}
