// EPCIS import and export on real SQLite files: GS1's examples, all or nothing, idempotence, round trip,
// and trace over imported data against an independent search of the document.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { EpcisExportResult, EpcisImportResult } from '../../../common/api/epcis';
import type { AuditVerification } from '../../../common/api/audit';
import type { ErrorBody } from '../../../common/errors';
import type { TraceResult } from '../../../common/domain';
import { miniPlant, tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { generateDocument } from './generated-document';
import { documentProblem } from './validate';

const EXAMPLES = fileURLToPath(new URL('../../../reference/epcis/examples', import.meta.url));
const open: TestApi[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));
function fresh(): TestApi {
  const t = tempApi();
  open.push(t);
  return t;
}

async function ok<T>(t: TestApi, name: string, input: unknown): Promise<T> {
  const r = await t.api.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

async function refused(t: TestApi, name: string, input: unknown): Promise<ErrorBody> {
  const r = await t.api.invoke(name, input);
  if (r.ok) throw new Error(`${name} succeeded`);
  return r.error;
}

const TABLES = ['items', 'units', 'events', 'event_units', 'lineage', 'lineage_void', 'locations', 'suppliers', 'customers', 'audit_trail', 'epcis_events'];

/** Row counts as another connection sees the committed file. */
function rowCounts(t: TestApi): Record<string, number> {
  const db = new Database(t.dbPath, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((name) => [name, (db.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

interface Doc {
  epcisBody: { eventList: Record<string, unknown>[] };
}

/** The events of an export, without what depends on the moment of export. */
function events(exported: EpcisExportResult): Record<string, unknown>[] {
  const doc = JSON.parse(exported.document ?? '') as Doc;
  return doc.epcisBody.eventList;
}

describe('EPCIS import of the reference examples', () => {
  for (const file of readdirSync(EXAMPLES).sort()) {
    it(`imports ${file} and exports it as a schema-valid document`, async () => {
      const t = fresh();
      const result = await ok<EpcisImportResult>(t, 'epcis.import', { file: join(EXAMPLES, file) });
      const doc = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Doc;
      expect(result.events).toBe(doc.epcisBody.eventList.length);
      expect(result.imported).toBeGreaterThanOrEqual(result.events);
      expect(result.placeholders.items.length).toBeGreaterThan(0);
      expect((await ok<AuditVerification>(t, 'audit.verify', {})).problems).toEqual([]);
      const exported = await ok<EpcisExportResult>(t, 'epcis.export', {});
      expect(documentProblem(JSON.parse(exported.document ?? ''))).toBeUndefined();
    });
  }

  it('records an error declaration as a correction of the declared event, which leaves trace', async () => {
    const t = fresh();
    const result = await ok<EpcisImportResult>(t, 'epcis.import', { file: join(EXAMPLES, 'ErrorDeclarationAndCorrectiveEvent.jsonld') });
    expect(result).toMatchObject({ events: 2, imported: 3, corrections: 1 });
    const db = new Database(t.dbPath, { readonly: true });
    const corrected = db.prepare(`SELECT corrects_event_id AS id, reason FROM events WHERE corrects_event_id IS NOT NULL`).all();
    const voided = (db.prepare('SELECT count(*) AS n FROM lineage_void').get() as { n: number }).n;
    db.close();
    expect(corrected).toEqual([{ id: 1, reason: 'incorrect_data' }]);
    expect(voided).toBe(4); // two inputs × two outputs of the declared transformation
  });
});

describe('EPCIS import rules', () => {
  it('is all or nothing: an invalid event in the middle of a large document changes nothing and is named', async () => {
    const t = fresh();
    await miniPlant(t);
    const before = rowCounts(t);
    const doc = JSON.parse(generateDocument({ lots: 300, seed: 7 })) as Doc;
    const middle = Math.floor(doc.epcisBody.eventList.length / 2);
    const bad = doc.epcisBody.eventList[middle] as Record<string, unknown>;
    bad.eventID = 'urn:uuid:00000000-0000-4000-8000-000000000bad';
    bad.bizStep = 'urn:epcglobal:cbv:bizstep:teleporting';
    const error = await refused(t, 'epcis.import', { text: JSON.stringify(doc) });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe(`eventList[${middle}] (eventID urn:uuid:00000000-0000-4000-8000-000000000bad): bizStep: urn:epcglobal:cbv:bizstep:teleporting is not a CBV business step`);
    expect(rowCounts(t)).toEqual(before);
    expect((await ok<AuditVerification>(t, 'audit.verify', {})).ok).toBe(true);

    // A schema error names the field too.
    delete bad.bizStep;
    (bad as { eventTimeZoneOffset: string }).eventTimeZoneOffset = '+25:00';
    const schemaError = await refused(t, 'epcis.import', { text: JSON.stringify(doc) });
    expect(schemaError.message).toMatch(new RegExp(`^eventList\\[${middle}\\] \\(eventID urn:uuid:0+-0000-4000-8000-000000000bad\\): eventTimeZoneOffset: must match pattern`));
    expect(rowCounts(t)).toEqual(before);
  });

  it('refuses an identifier that names nothing Lotline can trace, naming the event, the field and why', async () => {
    const t = fresh();
    await miniPlant(t);
    const before = rowCounts(t);
    const doc = JSON.parse(generateDocument({ lots: 60, seed: 11 })) as Doc;
    const list = doc.epcisBody.eventList;
    // A GTIN whose check digit is wrong (09506000134352 is right), in Digital Link form.
    const at = list.findIndex((e) => Array.isArray(e.quantityList));
    const event = list[at] as { eventID: string; quantityList: { epcClass: string }[] };
    const wrong = 'https://id.gs1.org/01/09506000134353/10/L1';
    const right = event.quantityList[0]?.epcClass as string;
    event.quantityList[0] = { ...event.quantityList[0], epcClass: wrong };
    expect((await refused(t, 'epcis.import', { text: JSON.stringify(doc) })).message).toBe(
      `eventList[${at}] (eventID ${event.eventID}): quantityList[0]: ${wrong}: GTIN 09506000134353: check digit should be 2`,
    );
    // An aggregation's parent that is no EPC at all.
    event.quantityList[0] = { ...event.quantityList[0], epcClass: right };
    list.push({ type: 'AggregationEvent', eventID: 'urn:uuid:00000000-0000-4000-8000-0000000000ag', eventTime: '2026-03-01T10:00:00Z', eventTimeZoneOffset: '+00:00', action: 'ADD', bizStep: 'packing', parentID: 'urn:example:pallet:7', childEPCs: ['urn:epc:id:sgtin:9506000.013435.7'] });
    expect((await refused(t, 'epcis.import', { text: JSON.stringify(doc) })).message).toBe(
      `eventList[${list.length - 1}] (eventID urn:uuid:00000000-0000-4000-8000-0000000000ag): parentID: urn:example:pallet:7 is not an identifier Lotline can trace: use an SGTIN, LGTIN, SGTIN pattern or SSCC (EPC URN or GS1 Digital Link)`,
    );
    expect(rowCounts(t)).toEqual(before);
  });

  it('adds nothing when the same document is imported again (by eventID or by event hash)', async () => {
    const t = fresh();
    const text = generateDocument({ lots: 40, seed: 3 });
    const first = await ok<EpcisImportResult>(t, 'epcis.import', { text });
    expect(first.skipped).toBe(0);
    const after = rowCounts(t);
    const again = await ok<EpcisImportResult>(t, 'epcis.import', { text });
    expect(again).toMatchObject({ imported: 0, skipped: first.events });
    expect(rowCounts(t)).toEqual(after);
    // Without eventIDs the hash recognises the same events.
    const doc = JSON.parse(text) as Doc;
    for (const e of doc.epcisBody.eventList) delete e.eventID;
    const byHash = await ok<EpcisImportResult>(t, 'epcis.import', { text: JSON.stringify(doc) });
    expect(byHash).toMatchObject({ imported: 0, skipped: first.events });
    expect(rowCounts(t)).toEqual(after);
  });

  it('records an event repeated in the same document once, and a lot named as URN and as Digital Link as one lot', async () => {
    const t = fresh();
    const header = '{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[';
    const receipt = (id: string, epcClass: string, minute: number) =>
      JSON.stringify({
        eventID: id, type: 'ObjectEvent', eventTime: `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+01:00', action: 'ADD',
        bizStep: 'receiving', quantityList: [{ epcClass, quantity: 5, uom: 'KGM' }],
      });
    // Adjacent, so they fall in one batch of the writer: the repeat (by eventID, then by content without one) is skipped,
    // the second form of the lot finds the lot the first created, not yet written.
    const events = [
      receipt('urn:uuid:a1', 'urn:epc:class:lgtin:9506000.013435.L7', 1),
      receipt('urn:uuid:a1', 'urn:epc:class:lgtin:9506000.013435.L7', 1),
      receipt('urn:uuid:a2', 'https://id.gs1.org/01/09506000134352/10/L7', 2),
      JSON.stringify({ ...JSON.parse(receipt('x', 'https://id.gs1.org/01/09506000134352/10/L7', 2)), eventID: undefined }),
    ];
    const before = rowCounts(t);
    const result = await ok<EpcisImportResult>(t, 'epcis.import', { text: `${header}${events.join(',')}]}}` });
    expect(result).toMatchObject({ events: 4, imported: 2, skipped: 2 });
    expect(result.placeholders.units).toBe(1);
    const after = rowCounts(t);
    const added = (table: string) => (after[table] ?? 0) - (before[table] ?? 0);
    expect([added('units'), added('events'), added('epcis_events'), added('event_units')]).toEqual([1, 2, 2, 2]);
    expect((await ok<AuditVerification>(t, 'audit.verify', {})).ok).toBe(true);
  });

  it('skips the declared event repeated after its error declaration in the same batch, and a batch partly imported before', async () => {
    const t = fresh();
    const doc = JSON.parse(readFileSync(join(EXAMPLES, 'ErrorDeclarationAndCorrectiveEvent.jsonld'), 'utf8')) as Doc;
    const [declaration, corrective] = doc.epcisBody.eventList as [Record<string, unknown>, Record<string, unknown>];
    const declared = { ...declaration, errorDeclaration: undefined };
    // The declaration records the event it declares (not yet known) and its correction; the event itself, after it, is
    // then known by eventID and by content, though the batch was looked up before either was written.
    const withRepeats = { ...doc, epcisBody: { eventList: [declaration, declared, { ...declared, eventID: undefined }, corrective] } };
    const first = await ok<EpcisImportResult>(t, 'epcis.import', { text: JSON.stringify(withRepeats) });
    expect(first).toMatchObject({ events: 4, imported: 3, skipped: 2, corrections: 1 });
    // A batch with some events recorded before (by eventID, and by content without one) and some new.
    const receipt = (id: string | undefined, lot: string) => ({
      ...(id ? { eventID: id } : {}), type: 'ObjectEvent', eventTime: '2026-01-01T00:01:00.000Z', eventTimeZoneOffset: '+01:00', action: 'ADD',
      bizStep: 'receiving', quantityList: [{ epcClass: `urn:epc:class:lgtin:9506000.013435.${lot}`, quantity: 5, uom: 'KGM' }],
    });
    await ok<EpcisImportResult>(t, 'epcis.import', { text: JSON.stringify({ ...doc, epcisBody: { eventList: [receipt('urn:uuid:b1', 'B1'), receipt(undefined, 'B2')] } }) });
    const before = rowCounts(t);
    const mixed = { ...doc, epcisBody: { eventList: [receipt('urn:uuid:b0', 'B0'), receipt('urn:uuid:b1', 'B1'), receipt(undefined, 'B2'), receipt(undefined, 'B3'), corrective] } };
    expect(await ok<EpcisImportResult>(t, 'epcis.import', { text: JSON.stringify(mixed) })).toMatchObject({ events: 5, imported: 2, skipped: 3 });
    expect((rowCounts(t).epcis_events ?? 0) - (before.epcis_events ?? 0)).toBe(2);
    expect((await ok<AuditVerification>(t, 'audit.verify', {})).ok).toBe(true);
  });

  it('takes an eventID as one event at its event time: the same eventID at that time is skipped, at another time recorded', async () => {
    const t = fresh();
    const header = '{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[';
    const receipt = (minute: number, quantity: number) =>
      JSON.stringify({
        eventID: 'urn:uuid:3f0c1a52-5b7e-4c39-9a51-0d5e6f7a8b9c', type: 'ObjectEvent', eventTime: `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`,
        eventTimeZoneOffset: '+01:00', action: 'ADD', bizStep: 'receiving', quantityList: [{ epcClass: 'urn:epc:class:lgtin:9506000.013435.T1', quantity, uom: 'KGM' }],
      });
    const first = await ok<EpcisImportResult>(t, 'epcis.import', { text: `${header}${receipt(1, 5)}]}}` });
    expect(first).toMatchObject({ imported: 1, skipped: 0 });
    // Same eventID and time, other content (in a later document, and twice in one): the event already recorded.
    expect(await ok<EpcisImportResult>(t, 'epcis.import', { text: `${header}${receipt(1, 6)},${receipt(1, 7)}]}}` })).toMatchObject({ imported: 0, skipped: 2 });
    // The same eventID at another time names another event (EPCIS makes eventIDs unique; a document reusing one is taken as it is).
    expect(await ok<EpcisImportResult>(t, 'epcis.import', { text: `${header}${receipt(2, 5)},${receipt(2, 8)}]}}` })).toMatchObject({ imported: 1, skipped: 1 });
    expect(rowCounts(t).epcis_events).toBe(2);
  });

  it('finds a lot of an item it created under another name in a later batch, written by then, as the same lot', async () => {
    const t = fresh();
    const header = '{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[';
    const receipt = (n: number, epcClass: string) =>
      JSON.stringify({
        eventID: `urn:uuid:b${n}`, type: 'ObjectEvent', eventTime: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`, eventTimeZoneOffset: '+01:00',
        action: 'ADD', bizStep: 'receiving', quantityList: [{ epcClass, quantity: 5, uom: 'KGM' }],
      });
    // The first lot, 300 others of the same new item (more than a batch), then the first lot again as a Digital Link.
    const events = [receipt(0, 'urn:epc:class:lgtin:9506000.013435.L7')];
    for (let n = 1; n <= 300; n++) events.push(receipt(n, `urn:epc:class:lgtin:9506000.013435.F${n}`));
    events.push(receipt(301, 'https://id.gs1.org/01/09506000134352/10/L7'));
    const result = await ok<EpcisImportResult>(t, 'epcis.import', { text: `${header}${events.join(',')}]}}` });
    expect(result).toMatchObject({ events: 302, imported: 302 });
    expect(result.placeholders.items).toEqual([{ part: 'GTIN-09506000134352', gtin: '09506000134352' }]);
    expect(result.placeholders.units).toBe(301);
    const lot = await ok<{ events: unknown[] }>(t, 'units.get', { ref: 'GTIN-09506000134352:L7' });
    expect(lot.events).toHaveLength(2);
    expect((await ok<AuditVerification>(t, 'audit.verify', {})).ok).toBe(true);
  });

  it('refuses a file that is not JSON, naming the problem', async () => {
    const t = fresh();
    const error = await refused(t, 'epcis.import', { text: '{"type": "EPCISDocument", "epcisBody": {"eventList": [ {"a": 1 ]}}' });
    expect(error.message).toMatch(/not valid JSON/);
  });
});

describe('EPCIS export', () => {
  it('exports a plant schema-valid with hash eventIDs; export → import into an empty database → export gives the same events', async () => {
    const source = fresh();
    const { resin } = await miniPlant(source);
    await ok(source, 'workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 100 });
    await ok(source, 'workOrders.consume', { workOrder: 'WO-1', ref: resin, quantity: 5 });
    await ok(source, 'workOrders.produce', { workOrder: 'WO-1', quantity: 100, lot: 'B-1' });
    const first = await ok<EpcisExportResult>(source, 'epcis.export', {});
    const doc = JSON.parse(first.document ?? '') as Doc;
    expect(documentProblem(doc)).toBeUndefined();
    expect(first.events).toBeGreaterThan(5);
    for (const e of doc.epcisBody.eventList) expect(e.eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(doc.epcisBody.eventList.some((e) => JSON.stringify(e).includes('https://id.gs1.org/01/09506000134369/10/B-1'))).toBe(true);

    const target = fresh();
    await ok<EpcisImportResult>(target, 'epcis.import', { text: first.document });
    const second = await ok<EpcisExportResult>(target, 'epcis.export', {});
    expect(events(second)).toEqual(events(first));
    expect((await ok<AuditVerification>(target, 'audit.verify', {})).ok).toBe(true);
  });

  it('round-trips a generated document with aggregations, transformations and a correction', async () => {
    const a = fresh();
    await ok(a, 'epcis.import', { text: generateDocument({ lots: 60, seed: 11, correction: true }) });
    const first = await ok<EpcisExportResult>(a, 'epcis.export', {});
    expect(documentProblem(JSON.parse(first.document ?? ''))).toBeUndefined();
    const b = fresh();
    await ok(b, 'epcis.import', { text: first.document });
    expect(events(await ok<EpcisExportResult>(b, 'epcis.export', {}))).toEqual(events(first));
  });

  it('exports only the events of a lot’s trace with --lot', async () => {
    const t = fresh();
    const { resin, cap } = await miniPlant(t);
    await ok(t, 'workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 10 });
    await ok(t, 'workOrders.produce', { workOrder: 'WO-1', quantity: 10, lot: 'B-1', components: [{ ref: resin, quantity: 1 }] });
    const all = await ok<EpcisExportResult>(t, 'epcis.export', {});
    const traced = await ok<EpcisExportResult>(t, 'epcis.export', { lots: ['BOTTLE:B-1'] });
    expect(traced.events).toBeLessThan(all.events);
    // Every event written touches the bottle lot or the resin it came from; the caps' own release does not appear.
    const capLot = `urn:lotline:lot:CAP:${encodeURIComponent(cap.split(':')[1] ?? '')}`;
    for (const e of events(traced)) expect(JSON.stringify(e)).toMatch(/B-1|RESIN/);
    expect(events(all).some((e) => JSON.stringify(e).includes(capLot) && !JSON.stringify(e).includes('RESIN'))).toBe(true);
  });
});

describe('trace over imported data', () => {
  it('equals an independent search over the document’s events', async () => {
    const t = fresh();
    const text = generateDocument({ lots: 120, seed: 5 });
    await ok(t, 'epcis.import', { text });
    const doc = JSON.parse(text) as Doc;
    // Independent: edges straight from the JSON (transformation input → output, aggregation parent → child).
    const forward = new Map<string, Set<string>>();
    const backward = new Map<string, Set<string>>();
    const link = (a: string, b: string) => {
      if (a === b) return;
      (forward.get(a) ?? forward.set(a, new Set()).get(a))?.add(b);
      (backward.get(b) ?? backward.set(b, new Set()).get(b))?.add(a);
    };
    const ids = (e: Record<string, unknown>, epcs: string, quantities: string) => [
      ...((e[epcs] as string[] | undefined) ?? []),
      ...((e[quantities] as { epcClass: string }[] | undefined) ?? []).map((q) => q.epcClass),
    ];
    for (const e of doc.epcisBody.eventList) {
      if (e.type === 'TransformationEvent') for (const i of ids(e, 'inputEPCList', 'inputQuantityList')) for (const o of ids(e, 'outputEPCList', 'outputQuantityList')) link(i, o);
      if (e.type === 'AggregationEvent' && e.action !== 'DELETE' && typeof e.parentID === 'string') for (const c of ids(e, 'childEPCs', 'childQuantityList')) link(e.parentID, c);
    }
    const reach = (graph: Map<string, Set<string>>, start: string) => {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length > 0) {
        for (const next of graph.get(queue.shift() as string) ?? []) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      return seen;
    };
    const refOf = (uri: string) => {
      const m = /\/01\/(\d{14})\/(10|21)\/([^/]+)$/.exec(uri);
      if (!m) throw new Error(uri);
      return `GTIN-${m[1]}${m[2] === '10' ? ':' : '#'}${decodeURIComponent(m[3] as string)}`;
    };
    const uriOf = (n: { gtin: string | null; type: string; lot?: string; serial?: string }) =>
      `https://id.gs1.org/01/${n.gtin}/${n.type === 'lot' ? '10' : '21'}/${encodeURIComponent(n.lot ?? n.serial ?? '')}`;
    const starts = [...new Set([...forward.keys()].filter((k) => k.includes('/10/')))].slice(0, 15);
    expect(starts.length).toBeGreaterThan(5);
    for (const start of starts) {
      for (const direction of ['forward', 'backward'] as const) {
        const result = await ok<TraceResult>(t, `trace.${direction}`, { ref: refOf(start), depth: 1000 });
        const found = new Set(result.nodes.map(uriOf));
        expect(found, `${direction} trace of ${start}`).toEqual(reach(direction === 'forward' ? forward : backward, start));
      }
    }
  });
});
