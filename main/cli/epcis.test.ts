// `lotline epcis import/export` on real database files: a reference example in, a schema-valid document out,
// an invalid document refused with exit 2 and the event named.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { generateDocument } from '../core/epcis/generated-document';
import { documentProblem } from '../core/epcis/validate';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'lotline-cli-epcis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(db: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', join(dir, db), ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const example = fileURLToPath(new URL('../../reference/epcis/examples/Example_9.6.4-TransformationEventWithDigitalLink.jsonld', import.meta.url));

it('imports a document, reports placeholders, and exports a schema-valid document', async () => {
  const imported = await cli('a.db', 'epcis', 'import', example);
  expect(imported.code, imported.err).toBe(0);
  expect(imported.out).toMatch(/^Imported .*: 1 events, 1 recorded, 0 already recorded, 0 error declaration\(s\), 9 new lots and serials/);
  expect(imported.out).toContain('GTIN-00614141777778');
  const again = await cli('a.db', 'epcis', 'import', example);
  expect(again.out).toContain('0 recorded, 1 already recorded');
  const file = join(dir, 'out.jsonld');
  const exported = await cli('a.db', 'epcis', 'export', '--out', file, '--lot', 'GTIN-00614141777778:987');
  expect(exported.code, exported.err).toBe(0);
  expect(exported.out).toBe(`Exported 1 events to ${file}`);
  expect(documentProblem(JSON.parse(readFileSync(file, 'utf8')))).toBeUndefined();
});

it('exits 2 on an invalid document, naming the event and the field', async () => {
  const doc = JSON.parse(readFileSync(example, 'utf8')) as { epcisBody: { eventList: Record<string, unknown>[] } };
  (doc.epcisBody.eventList[0] as Record<string, unknown>).disposition = 'misplaced';
  const file = join(dir, 'bad.jsonld');
  writeFileSync(file, JSON.stringify(doc));
  const result = await cli('b.db', 'epcis', 'import', file);
  expect(result.code).toBe(2);
  expect(result.err).toMatch(/^lotline: eventList\[0\] \(eventID ni:\/\/\/sha-256;4f143d1a.*\): disposition: "misplaced" is not a CBV disposition/);
});

it('shows the import’s progress on stderr with --progress (by itself only for large documents), a line per tenth up to 100%', async () => {
  const file = join(dir, 'generated.jsonld');
  writeFileSync(file, generateDocument({ lots: 2500, seed: 3 }));
  const quiet = await cli('c.db', 'epcis', 'import', file);
  expect(quiet.code, quiet.err).toBe(0);
  expect(quiet.err).toBe('');
  const events = Number(/: (\d+) events,/.exec(quiet.out)?.[1]);
  const shown = await cli('d.db', 'epcis', 'import', file, '--progress');
  expect(shown.code, shown.err).toBe(0);
  const lines = shown.err.split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(3);
  for (const line of lines) expect(line).toMatch(new RegExp(`^importing ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [\\d,]+ events read, [\\d.]+ MB of [\\d.]+ MB \\(\\d+0?%\\)$`));
  expect(lines.at(-1)).toMatch(new RegExp(`: ${events.toLocaleString('en')} events read, ([\\d.]+) MB of \\1 MB \\(100%\\)$`));
});
