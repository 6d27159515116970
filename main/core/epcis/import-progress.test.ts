// Reading an EPCIS document for import on real files: progress after each chunk up to the whole document,
// one pass when @context comes first and two when it comes after the events (same result), and a header
// found wrong only after the events were read still leaves the database unchanged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../context';
import { openDatabase } from '../db/open';
import { fileSource, textSource } from './document-reader';
import { generateDocument } from './generated-document';
import { checkWorkers } from './check-thread';
import { importEpcis } from './import';
import type { ImportProgress } from './import';

const dir = mkdtempSync(join(tmpdir(), 'lotline-epcis-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function freshCore(): Core {
  return { db: openDatabase(join(dir, `db-${++files}.db`)), actor: 'tester', now: () => new Date('2026-03-01T12:00:00Z') };
}

const count = (core: Core, table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

interface Doc {
  '@context': unknown;
  epcisBody: { eventList: Record<string, unknown>[] };
  [key: string]: unknown;
}

describe('EPCIS import progress and passes', () => {
  it('reports events and bytes read after each chunk, reaching the whole document', () => {
    const text = generateDocument({ lots: 2500, seed: 5 });
    const file = join(dir, 'large.jsonld');
    writeFileSync(file, text);
    const core = freshCore();
    const reports: ImportProgress[] = [];
    const result = core.db.transaction(() => importEpcis(core, fileSource(file, 256 * 1024), (p) => reports.push(p)))();
    const size = Buffer.byteLength(text);
    expect(reports.length).toBeGreaterThan(4);
    expect(reports.every((p) => p.totalBytes === size)).toBe(true);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]?.bytes).toBeGreaterThanOrEqual(reports[i - 1]?.bytes ?? 0);
      expect(reports[i]?.events).toBeGreaterThanOrEqual(reports[i - 1]?.events ?? 0);
    }
    // Midway reports are part of the way there; the last is the whole document.
    expect(reports.some((p) => p.events > 0 && p.events < result.events && p.bytes < size)).toBe(true);
    expect(reports.at(-1)).toEqual({ events: result.events, bytes: size, totalBytes: size });
    expect(result.imported).toBe(result.events);
    core.db.close();
  });

  it('imports a document whose @context follows its events as it imports the same document with @context first', () => {
    const doc = JSON.parse(generateDocument({ lots: 60, seed: 9 })) as Doc;
    doc['@context'] = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { acme: 'https://acme.example.com/epcis/' }];
    for (const e of doc.epcisBody.eventList) e['acme:batchNote'] = 'checked';
    const { '@context': context, ...rest } = doc;
    const first = JSON.stringify(doc);
    const last = `${JSON.stringify(rest).slice(0, -1)},"@context":${JSON.stringify(context)}}`;
    expect(last.indexOf('@context')).toBeGreaterThan(last.indexOf('eventList'));

    const hashes = (text: string) => {
      const core = freshCore();
      const result = core.db.transaction(() => importEpcis(core, textSource(text, 4096)))();
      const rows = core.db.prepare('SELECT hash, extra FROM epcis_events ORDER BY event_id').all();
      core.db.close();
      return { result, rows };
    };
    const a = hashes(first);
    const b = hashes(last);
    expect(b.result).toEqual(a.result);
    expect(b.rows).toEqual(a.rows);
    // The extension is kept under its namespace, which only the @context gives.
    expect(JSON.stringify(a.rows[0])).toContain('https://acme.example.com/epcis/batchNote');
  });

  it('refuses a document whose header, after the events, does not match the schema, and leaves the database unchanged', () => {
    const doc = JSON.parse(generateDocument({ lots: 200, seed: 4 })) as Doc;
    const text = `${JSON.stringify(doc).slice(0, -1)},"creationDate":"yesterday"}`.replace('"creationDate":"2026-03-01T00:00:00Z",', '');
    expect(text.indexOf('creationDate')).toBeGreaterThan(text.indexOf('eventList'));
    const core = freshCore();
    const tables = ['events', 'units', 'audit_trail', 'epcis_events', 'items'];
    const before = tables.map((t) => count(core, t));
    expect(() => core.db.transaction(() => importEpcis(core, textSource(text)))()).toThrow(/^The document header does not match the EPCIS 2.0 schema: creationDate/);
    expect(tables.map((t) => count(core, t))).toEqual(before);
    core.db.close();
  });
});

describe('EPCIS import with its events checked in a worker thread', () => {
  const checker = new URL('./check-worker-from-source.mjs', import.meta.url).href;
  /** The worker checks the whole document (this thread waits for it to be ready before the first event). */
  const inWorker = { checker, workerFromBytes: 0, workerTakesOverAt: 0 };

  /** Everything an import writes, as another connection reads it back (the moment of recording aside, fixed by the clock). */
  const written = (core: Core) =>
    Object.fromEntries(
      ['units', 'events', 'event_units', 'lineage', 'lineage_void', 'epcis_events', 'items', 'locations', 'suppliers', 'customers', 'audit_trail'].map((t) => [
        t,
        core.db.prepare(`SELECT * FROM ${t}`).all(),
      ]),
    );

  it('writes the very rows, results and progress the core thread writes, a few batches behind the worker', () => {
    const text = generateDocument({ lots: 1500, seed: 12, correction: true });
    const file = join(dir, 'worker.jsonld');
    writeFileSync(file, text);
    const run = (options: Parameters<typeof importEpcis>[3]) => {
      const core = freshCore();
      const reports: ImportProgress[] = [];
      const started = checkWorkers.started;
      const result = core.db.transaction(() => importEpcis(core, fileSource(file, 64 * 1024), (p) => reports.push(p), options))();
      const rows = written(core);
      core.db.close();
      return { result, reports, rows, workers: checkWorkers.started - started };
    };
    const here = run({});
    const there = run(inWorker);
    // This thread checks the first 700 events (not a whole number of batches), the worker the rest.
    const shared = run({ ...inWorker, workerTakesOverAt: 700 });
    // As the api runs it: this thread checks until the worker is ready (whenever that is on this machine), then hands over.
    const asRun = run({ checker, workerFromBytes: 0 });
    expect(here.workers).toBe(0);
    expect(here.result.events).toBeGreaterThan(1500);
    expect(here.rows.audit_trail?.length).toBeGreaterThan(1);
    expect(here.result.corrections).toBe(1);
    for (const other of [there, shared]) {
      expect(other.workers).toBe(1);
      expect(other.result).toEqual(here.result);
      expect(other.reports).toEqual(here.reports);
      for (const [table, rows] of Object.entries(here.rows)) expect(other.rows[table], table).toEqual(rows);
    }
    expect(asRun.result).toEqual(here.result);
    expect(asRun.reports).toEqual(here.reports);
    for (const [table, rows] of Object.entries(here.rows)) expect(asRun.rows[table], table).toEqual(rows);
    expect(here.reports.length).toBeGreaterThan(10);
  });

  it('names the first refused event, whether the worker refuses it or this thread does while recording, and leaves the database unchanged', () => {
    const doc = JSON.parse(generateDocument({ lots: 800, seed: 6 })) as Doc;
    const list = doc.epcisBody.eventList;
    const tables = ['events', 'units', 'audit_trail', 'epcis_events', 'items'];
    /** The refusal's message, and whether the worker had taken the document over by then. */
    const refusal = (text: string, options: Parameters<typeof importEpcis>[3]) => {
      const core = freshCore();
      const before = tables.map((t) => count(core, t));
      const started = checkWorkers.started;
      let message = '';
      try {
        core.db.transaction(() => importEpcis(core, textSource(text, 32 * 1024), undefined, options))();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(tables.map((t) => count(core, t))).toEqual(before);
      core.db.close();
      return { message, workers: checkWorkers.started - started };
    };
    // This thread checks the first 512 events (two batches), the worker the rest.
    const shared = { ...inWorker, workerTakesOverAt: 512 };
    // Late in the document, after many batches were recorded: a schema problem (found by the worker).
    const late = list.length - 40;
    (list[late] as Record<string, unknown>).eventTimeZoneOffset = '+25:00';
    const lateProblem = new RegExp(`^eventList\\[${late}\\] \\(eventID [^)]+\\): eventTimeZoneOffset: must match pattern`);
    for (const options of [inWorker, shared]) expect(refusal(JSON.stringify(doc), options)).toEqual({ message: expect.stringMatching(lateProblem), workers: 1 });
    // With that mended, the last event with EPCs naming one that is nothing Lotline can trace: also the worker's find.
    (list[late] as Record<string, unknown>).eventTimeZoneOffset = '+01:00';
    const pieces = list.findLastIndex((e) => Array.isArray(e.epcList) && (e.epcList as string[]).length > 0);
    expect(pieces).toBeGreaterThan(512);
    const epcs = (list[pieces] as { epcList: string[] }).epcList;
    const [epc] = epcs;
    epcs[0] = 'urn:epc:id:sgtin:95060001.3435.7';
    const identifierProblem = new RegExp(`^eventList\\[${pieces}\\] \\(eventID [^)]+\\): epcList\\[0\\]: urn:epc:id:sgtin:95060001\\.3435\\.7 is not an SGTIN: company prefix and item reference must have 13 digits together$`);
    for (const options of [inWorker, shared]) expect(refusal(JSON.stringify(doc), options)).toEqual({ message: expect.stringMatching(identifierProblem), workers: 1 });
    epcs[0] = epc as string;
    // Earlier, a quantity in a unit its item is not counted in (found while recording, on this thread): it is the one named.
    const early = list.findIndex((e, i) => i > 300 && Array.isArray(e.quantityList) && (e.quantityList as { uom?: string }[])[0]?.uom === 'KGM');
    const receipt = list[early] as { quantityList: { epcClass: string; uom?: string }[]; eventID: string };
    const item = list.findIndex((e, i) => i < early && JSON.stringify(e).includes(receipt.quantityList[0]?.epcClass.split('/10/')[0] ?? '-'));
    receipt.quantityList[0] = { ...receipt.quantityList[0], uom: 'LTR' } as { epcClass: string; uom?: string };
    expect(item).toBeGreaterThanOrEqual(0);
    expect(early).toBeLessThan(512);
    const earlyProblem = new RegExp(`^eventList\\[${early}\\] \\(eventID ${receipt.eventID}\\): quantityList\\[0\\]: quantity in LTR but item`);
    // With the worker checking it all, and with this thread checking that part itself (the worker never takes over).
    expect(refusal(JSON.stringify(doc), inWorker)).toEqual({ message: expect.stringMatching(earlyProblem), workers: 1 });
    expect(refusal(JSON.stringify(doc), shared)).toEqual({ message: expect.stringMatching(earlyProblem), workers: 0 });
  });

  it('checks the document on this thread when the worker does not start, with the same result', () => {
    const text = generateDocument({ lots: 300, seed: 8 });
    const run = (options: Parameters<typeof importEpcis>[3]) => {
      const core = freshCore();
      const started = checkWorkers.started;
      const result = core.db.transaction(() => importEpcis(core, textSource(text), undefined, options))();
      const rows = written(core);
      core.db.close();
      return { result, rows, workers: checkWorkers.started - started };
    };
    const noWorker = { checker: new URL('./no-such-worker.mjs', import.meta.url).href, workerFromBytes: 0 };
    // Asked to wait for it before the first event, then without waiting (this thread checks until it is ready: never).
    const waited = run({ ...noWorker, workerTakesOverAt: 0, workerStartMs: 1500 });
    const unwaited = run(noWorker);
    const here = run({});
    for (const missing of [waited, unwaited]) {
      expect(missing.workers).toBe(0);
      expect(missing.result).toEqual(here.result);
      expect(missing.rows).toEqual(here.rows);
    }
  });
});
