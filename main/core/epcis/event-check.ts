// What an EPCIS document's events are, without the database: each event's JSON read, its CBV terms and
// schema checked, its CBV hash worked out, what its identifiers name parsed, and its fields mapped onto the
// ledger's (a `CheckedEvent`: a few strings and numbers, cheap to hand from a worker thread to the core's).
// `checkDocument` walks a whole document this way, a batch at a time, on whichever thread runs it (see
// check-thread.ts); the core's thread records the batches (import.ts). The first refusal in document order stops the walk after the events
// before it have been handed over.
import { unitStatuses } from '../../../common/domain';
import type { UnitStatus } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import type { ErrorCode } from '../../../common/errors';
import type { NewEvent } from '../events/ledger';
import { DocumentSyntaxError, scanDocument } from './document-reader';
import type { DocumentSource } from './document-reader';
import { eventHash, STANDARD_PREFIXES } from './hash';
import { parseObjectId } from './identifiers';
import type { ObjectId } from './identifiers';
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

/** Events checked together before they are recorded. */
export const CHECK_BATCH = 256;

/** An identifier as the document gives it, and what it names (parsed where the document is checked). */
export interface NamedUnit {
  uri: string;
  id: ObjectId;
}

/** A lot, serial or logistic unit an event names, with the role it plays and the field that names it. */
export interface CheckedUnit extends NamedUnit {
  role: NewEvent['units'][number]['role'];
  field: string;
  /** An EPC (one piece) rather than a quantity element. */
  piece: boolean;
  /** Thousandths, for a quantity element that gives one. */
  qty?: number;
  uom?: string;
}

/** An event as the ledger records it, before its identifiers are resolved to lots, serials and places. */
export interface CheckedEvent {
  index: number;
  /** The eventID the document gave, if any. */
  eventId: string | null;
  hash: string;
  kind: NewEvent['kind'];
  action: NewEvent['action'];
  bizStep: string;
  disposition: string | null;
  utc: string;
  offset: string;
  /** bizLocation, else readPoint. */
  location: string | null;
  /** Locations and parties of sourceList and destinationList, in document order. */
  places: ['location' | 'suppliers' | 'customers', string][];
  units: CheckedUnit[];
  /** aggregation: parentID (and whether it makes edges: not for a DELETE), and what it names. */
  parent: NamedUnit | null;
  expiresAt: string | null;
  reason: string | null;
  statusTo: UnitStatus | null;
  /** The fields Lotline has no column for, as JSON (extension keys under their namespace), or null. */
  extra: string | null;
  /** The error declaration the event carries: when, why, and its other fields as JSON. */
  declaration?: { time: string; reason: string | null; extra: string | null };
}

/** A refusal as it crosses threads. */
export interface RefusalBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A refusal that already names where it is (the event's index and eventID, or the document). */
export class EventProblem extends LotlineError {}

export function refusalBody(error: unknown): RefusalBody {
  if (error instanceof LotlineError) return { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function refusalError(body: RefusalBody): LotlineError {
  return body.details === undefined ? new LotlineError(body.code, body.message) : new EventProblem(body.code, body.message, body.details);
}

/** Fields mapped onto the ledger's own columns; everything else is kept in epcis_events.extra. */
const MODELLED = new Set([
  'type', 'eventID', 'recordTime', 'eventTime', 'eventTimeZoneOffset', 'action', 'bizStep', 'disposition', 'epcList', 'quantityList',
  'parentID', 'childEPCs', 'childQuantityList', 'inputEPCList', 'inputQuantityList', 'outputEPCList', 'outputQuantityList',
  'errorDeclaration', 'lotline:reason', 'lotline:statusTo',
]);

const EXPIRY_KEYS = ['cbvmda:itemExpirationDate', 'cbvmda:bestBeforeDate', 'cbvmda:sellByDate', 'urn:epcglobal:cbv:mda:itemExpirationDate', 'urn:epcglobal:cbv:mda:bestBeforeDate'];

/** Prefixes a document declares in its own @context (the standard context's prefixes are known already). */
export function documentPrefixes(context: unknown): Map<string, string> {
  const prefixes = new Map(STANDARD_PREFIXES);
  for (const entry of [context].flat()) {
    if (entry && typeof entry === 'object') for (const [k, v] of Object.entries(entry)) if (typeof v === 'string') prefixes.set(k, v);
  }
  return prefixes;
}

/** The prefixes of a document's own (neither standard nor Lotline's), which its extension keys are written out with. */
function ownPrefixes(prefixes: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...prefixes].filter(([k]) => !STANDARD_PREFIXES.has(k) && k !== 'lotline'));
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

function extraJson(extra: Record<string, Json>, own: ReadonlyMap<string, string>): string | null {
  return Object.keys(extra).length > 0 ? JSON.stringify(expandKeys(extra, own)) : null;
}

function milli(q: number | undefined, field: string): number | undefined {
  if (q === undefined) return undefined;
  const m = Math.round(q * 1000);
  if (q < 0 || Math.abs(m - q * 1000) > 1e-6) throw new LotlineError('VALIDATION', `${field}: ${q} must be a non-negative quantity with at most 3 decimals`);
  return m;
}

/** The document names its @context only after its events: its header has to be read first. */
class ContextAfterEvents extends Error {}

/** Ends this thread's walk: another thread checks the rest of the document. */
class HandedOver extends Error {}

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

/** Where the checked events go, in document order. */
export interface CheckSink {
  /** Events checked; recording them may refuse one (and so end the walk). */
  batch(events: CheckedEvent[]): void;
  /** After each chunk of the document: bytes read and events handed over so far. */
  progress(bytes: number, events: number): void;
}

/**
 * How the check of one document is shared between two threads (check-thread.ts): the core's thread checks from
 * the start until the check worker is ready and takes the rest over; the worker skips what was checked already.
 */
export interface CheckShare {
  /** The first event to check: those before it were checked by the other thread (they are still read past). */
  from?: number;
  /** Asked at the first event of each batch: true when another thread checks the document from this event on (this walk then ends). */
  handOver?: (index: number) => boolean;
}

/**
 * Walks the document: in one pass when its @context comes before its eventList (as documents write it), the
 * header being checked against the schema once it has been read whole; in two passes otherwise. Throws the
 * first refusal (after handing over the events before it) or a problem of the header (after all events).
 */
export function checkDocument(source: DocumentSource, sink: CheckSink, share: CheckShare = {}): void {
  try {
    checkPass(source, undefined, sink, share);
    return;
  } catch (error) {
    if (error instanceof HandedOver) return;
    if (!(error instanceof ContextAfterEvents)) throw error;
  }
  let headerText = '';
  scanned(() => scanDocument(source, undefined, (h) => (headerText = h)));
  try {
    checkPass(source, documentPrefixes(parseHeader(headerText)['@context']), sink, share);
  } catch (error) {
    if (!(error instanceof HandedOver)) throw error;
  }
}

function checkPass(source: DocumentSource, known: Map<string, string> | undefined, sink: CheckSink, { from = 0, handOver }: CheckShare): void {
  let prefixes = known;
  let own = new Map<string, string>();
  let headerText = '';
  let pending: { text: string; index: number }[] = [];
  const runBatch = (): void => {
    const checked: CheckedEvent[] = [];
    let refusal: Error | undefined;
    for (const { text, index } of pending) {
      try {
        checked.push(checkEvent(text, index, prefixes as ReadonlyMap<string, string>, own));
      } catch (error) {
        refusal = error instanceof Error ? error : new Error(String(error));
        break;
      }
    }
    pending = [];
    if (checked.length > 0) sink.batch(checked);
    if (refusal !== undefined) throw refusal;
  };
  const onEvent = (text: string, index: number): void => {
    if (prefixes === undefined) throw new ContextAfterEvents();
    if (index < from) return;
    // At each batch's first event: whether another thread takes the document over from here.
    if (pending.length === 0 && handOver?.(index)) throw new HandedOver();
    pending.push({ text, index });
    if (pending.length >= CHECK_BATCH) runBatch();
  };
  // The header as far as the eventList (closed so that it parses): its @context gives the prefixes the events use.
  const onListStart = (before: string): void => {
    const early = parseHeader(`${before}]}}`);
    if (prefixes === undefined && early['@context'] !== undefined) prefixes = documentPrefixes(early['@context']);
    if (prefixes !== undefined) own = ownPrefixes(prefixes);
  };
  const onChunk = (bytes: number, events: number): void => sink.progress(bytes, events);

  scanned(() => scanDocument(source, onEvent, (h) => (headerText = h), { onListStart, onChunk }));
  runBatch();
  const header = parseHeader(headerText);
  if (header.type !== 'EPCISDocument') throw notADocument(header.type);
  const headerProblem = documentProblem(header);
  if (headerProblem) throw new LotlineError('VALIDATION', `The document header does not match the EPCIS 2.0 schema: ${headerProblem}`);
}

/** The refusal of event `index`, naming it (and its eventID) before the field. */
export function refusalOf(error: unknown, index: number, eventId: Json | undefined): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (!(error instanceof LotlineError) || error instanceof EventProblem) return error;
  const where = `eventList[${index}]${typeof eventId === 'string' ? ` (eventID ${eventId})` : ''}`;
  return new EventProblem(error.code, `${where}: ${error.message}`, { index, eventID: eventId ?? null });
}

function term(name: VocabularyName, value: Json | undefined, field: string): string | null {
  if (typeof value !== 'string') return null;
  const t = normaliseTerm(name, value);
  if ('problem' in t) throw new LotlineError('VALIDATION', `${field}: ${t.problem}`);
  return t.value;
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

/** One event: JSON, CBV terms, the schema, an event type Lotline records, its hash and its ledger fields. */
export function checkEvent(text: string, index: number, prefixes: ReadonlyMap<string, string>, own: ReadonlyMap<string, string>): CheckedEvent {
  let event: EpcisEvent;
  try {
    event = JSON.parse(text) as EpcisEvent;
  } catch (error) {
    throw new EventProblem('VALIDATION', `eventList[${index}]: not valid JSON (${(error as Error).message})`, { index, eventID: null });
  }
  try {
    // CBV terms first: their message says which vocabulary a wrong term misses, where the schema only names a pattern.
    const bizStep = term('bizStep', event.bizStep, 'bizStep') ?? '';
    const disposition = term('disposition', event.disposition, 'disposition');
    checkListTerms(event);
    const problem = eventProblem(event);
    if (problem) throw new LotlineError('VALIDATION', problem);
    const type = event.type as string;
    if (type !== 'ObjectEvent' && type !== 'AggregationEvent' && type !== 'TransformationEvent') {
      throw new LotlineError('VALIDATION', `type: ${type} is not imported; Lotline records ObjectEvent, AggregationEvent and TransformationEvent`);
    }
    return ledgerFields(event, type, index, eventHash(event, prefixes), bizStep, disposition, own);
  } catch (error) {
    throw refusalOf(error, index, event.eventID);
  }
}

/** What an identifier of the event names, or the event's refusal saying why it names nothing Lotline can trace. */
function objectId(uri: string, field: string): ObjectId {
  const id = parseObjectId(uri);
  if (typeof id === 'string') throw new LotlineError('VALIDATION', `${field}: ${id}`);
  return id;
}

// Module-level rather than closures in ledgerFields: this runs for every event of a document.
function addPieces(units: CheckedUnit[], event: EpcisEvent, key: string, role: CheckedUnit['role']): void {
  const list = (event[key] as string[] | undefined) ?? [];
  for (let i = 0; i < list.length; i++) {
    const uri = list[i] as string;
    const field = `${key}[${i}]`;
    units.push({ uri, id: objectId(uri, field), role, field, piece: true });
  }
}

function addQuantities(units: CheckedUnit[], event: EpcisEvent, key: string, role: CheckedUnit['role']): void {
  const list = (event[key] as QuantityElement[] | undefined) ?? [];
  for (let i = 0; i < list.length; i++) {
    const q = list[i] as QuantityElement;
    const field = `${key}[${i}]`;
    const qty = milli(q.quantity, `${field}.quantity`);
    units.push({ uri: q.epcClass, id: objectId(q.epcClass, field), role, field, piece: false, ...(qty !== undefined ? { qty } : {}), ...(q.uom !== undefined ? { uom: q.uom } : {}) });
  }
}

function ledgerFields(
  event: EpcisEvent,
  type: 'ObjectEvent' | 'AggregationEvent' | 'TransformationEvent',
  index: number,
  hash: string,
  bizStep: string,
  disposition: string | null,
  own: ReadonlyMap<string, string>,
): CheckedEvent {
  const ilmd = event.ilmd && typeof event.ilmd === 'object' && !Array.isArray(event.ilmd) ? event.ilmd : undefined;
  const expiryValue = ilmd ? EXPIRY_KEYS.map((k) => ilmd[k]).find((v) => typeof v === 'string') : undefined;
  const expiresAt = typeof expiryValue === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expiryValue) ? expiryValue : null;

  const units: CheckedUnit[] = [];
  let action: NewEvent['action'] = 'OBSERVE';
  let kind: NewEvent['kind'];
  let parent: CheckedEvent['parent'] = null;
  if (type === 'ObjectEvent') {
    kind = 'object';
    action = event.action as NewEvent['action'];
    addPieces(units, event, 'epcList', 'object');
    addQuantities(units, event, 'quantityList', 'object');
  } else if (type === 'AggregationEvent') {
    kind = 'aggregation';
    action = event.action as NewEvent['action'];
    parent = typeof event.parentID === 'string' ? { uri: event.parentID, id: objectId(event.parentID, 'parentID') } : null;
    addPieces(units, event, 'childEPCs', 'child');
    addQuantities(units, event, 'childQuantityList', 'child');
  } else {
    kind = 'transformation';
    addPieces(units, event, 'inputEPCList', 'input');
    addQuantities(units, event, 'inputQuantityList', 'input');
    addPieces(units, event, 'outputEPCList', 'output');
    addQuantities(units, event, 'outputQuantityList', 'output');
  }

  const bizLocation = (event.bizLocation as { id?: string } | undefined)?.id;
  const readPoint = (event.readPoint as { id?: string } | undefined)?.id;
  const places: CheckedEvent['places'] = [];
  for (const [list, table] of [['sourceList', 'suppliers'], ['destinationList', 'customers']] as const) {
    for (const entry of (event[list] as { type: string; source?: string; destination?: string }[] | undefined) ?? []) {
      const uri = entry.source ?? entry.destination ?? '';
      const t = normaliseTerm('source-dest-type', entry.type);
      if ('value' in t && t.value === 'location') places.push(['location', uri]);
      else if ('value' in t && (t.value === 'owning_party' || t.value === 'possessing_party')) places.push([table, uri]);
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

  const checked: CheckedEvent = {
    index,
    eventId: typeof event.eventID === 'string' ? event.eventID : null,
    hash,
    kind,
    action,
    bizStep,
    disposition,
    // eventTime is the instant; eventTimeZoneOffset the zone it is shown in (both required by the schema).
    utc: new Date(event.eventTime as string).toISOString(),
    offset: event.eventTimeZoneOffset as string,
    location: bizLocation ?? readPoint ?? null,
    places,
    units,
    parent,
    expiresAt,
    reason,
    statusTo: (statusText as UnitStatus | undefined) ?? null,
    extra: extraJson(extra, own),
  };
  const declaration = event.errorDeclaration;
  if (declaration && typeof declaration === 'object' && !Array.isArray(declaration)) {
    const lotlineReason = declaration['lotline:reason'];
    checked.declaration = {
      time: declaration.declarationTime as string, // required by the schema
      reason: typeof lotlineReason === 'string' ? lotlineReason : typeof declaration.reason === 'string' ? declaration.reason : null,
      extra: extraJson(Object.fromEntries(Object.entries(declaration).filter(([k]) => k !== 'declarationTime' && k !== 'lotline:reason')), own),
    };
  }
  return checked;
}
