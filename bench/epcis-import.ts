// EPCIS import benchmark: writes a generated JSON-LD document to a temp file, imports it through the api
// (one transaction, streamed from the file) into an empty database, and prints events/s and peak RSS.
// Run alone: npx tsx bench/epcis-import.ts [events]   (default 50,000)
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpcisImportResult } from '../common/api/epcis';
import { createApi } from '../main/api';
import { generateEvents } from '../main/core/epcis/generated-document';

const target = Number(process.argv[2] ?? 50_000);
const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-epcis-'));
const file = join(dir, 'document.jsonld');
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
try {
  const fd = openSync(file, 'w');
  writeSync(fd, '{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[\n');
  let first = true;
  const events = generateEvents({ lots: Math.ceil(target / 2.3), seed: 1 }, (json) => {
    writeSync(fd, `${first ? '' : ',\n'}${json}`);
    first = false;
  });
  writeSync(fd, '\n]}}\n');
  closeSync(fd);
  const api = createApi({ dbPath: join(dir, 'lotline.db'), actor: 'bench' });
  peak = process.memoryUsage().rss;
  const rssBefore = peak;
  const started = performance.now();
  const result = await api.invoke('epcis.import', { file });
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  api.close();
  if (!result.ok) throw new Error(result.error.message);
  const value = result.value as EpcisImportResult;
  console.log(`EPCIS import: ${events} events (${(statSync(file).size / 1e6).toFixed(1)} MB JSON-LD), ${value.imported} recorded, ${value.placeholders.units} lots and serials created`);
  console.log(`  ${seconds.toFixed(2)} s → ${Math.round(events / seconds).toLocaleString('en')} events/s (one transaction, audit trail included)`);
  console.log(`  RSS before import ${(rssBefore / 1e6).toFixed(0)} MB, peak ${(peak / 1e6).toFixed(0)} MB`);
} finally {
  clearInterval(sample);
  rmSync(dir, { recursive: true, force: true });
}
