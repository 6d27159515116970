// The progress of an EPCIS import on the api's `progress` topic: in-process (the CLI) and from the core's
// worker thread (the app and `lotline serve`), carrying the caller's job id, and reaching the whole document.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EpcisImportProgress, EpcisImportResult } from '../../common/api/epcis';
import { generateDocument } from '../core/epcis/generated-document';
import { createApi } from './index';
import { createThreadedApi, workerScript } from './threaded';
import type { LotlineApi } from './types';

const dir = mkdtempSync(join(tmpdir(), 'lotline-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 2.5 MB: a few progress reports (one per megabyte read) before the last. */
const document = generateDocument({ lots: 2500, seed: 2 });
const size = Buffer.byteLength(document);

async function importWithProgress(api: LotlineApi, job: string): Promise<{ result: EpcisImportResult; reports: EpcisImportProgress[] }> {
  const reports: EpcisImportProgress[] = [];
  const stop = api.subscribe('progress', (p) => {
    if (p.command === 'epcis.import') reports.push(p);
  });
  try {
    const r = await api.invoke('epcis.import', { text: document, job });
    if (!r.ok) throw new Error(r.error.message);
    // Events from a worker arrive as messages: the last one is posted before the answer.
    return { result: r.value as EpcisImportResult, reports };
  } finally {
    stop();
  }
}

function expectProgress(reports: EpcisImportProgress[], result: EpcisImportResult, job: string): void {
  expect(reports.length).toBeGreaterThanOrEqual(3);
  expect(reports.every((p) => p.command === 'epcis.import' && p.job === job && p.totalBytes === size)).toBe(true);
  expect(reports.some((p) => p.bytes < size && p.events > 0 && p.events < result.events)).toBe(true);
  expect(reports.map((p) => p.bytes)).toEqual([...reports.map((p) => p.bytes)].sort((a, b) => a - b));
  expect(reports.at(-1)).toEqual({ command: 'epcis.import', job, events: result.events, bytes: size, totalBytes: size });
}

describe('EPCIS import progress on the api', () => {
  it('is published in-process with the job id, up to every event and byte of the document', async () => {
    const api = createApi({ dbPath: join(dir, 'in-process.db'), actor: 'tester' });
    try {
      const { result, reports } = await importWithProgress(api, 'job-1');
      expect(result.imported).toBe(result.events);
      expectProgress(reports, result, 'job-1');
    } finally {
      api.close();
    }
  }, 60_000);

  it('is relayed from the core’s worker thread', async () => {
    const api = await createThreadedApi({ dbPath: join(dir, 'threaded.db'), actor: 'tester' }, workerScript(import.meta.url));
    try {
      const { result, reports } = await importWithProgress(api, 'window-7');
      expectProgress(reports, result, 'window-7');
    } finally {
      api.close();
    }
  }, 60_000);
});
