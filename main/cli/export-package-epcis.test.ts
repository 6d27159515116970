// Events that came in by EPCIS import are audited in batches (one `import` trail row per batch of snapshots): an audit
// package of an imported lot holds the import rows that record its events and units, and only those, and verifies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { importedRecords } from '../core/audit/trail';
import type { TrailRow } from '../core/audit/trail';
import { generateDocument } from '../core/epcis/generated-document';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'lotline-package-epcis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', join(dir, 'imported.db'), ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const example = fileURLToPath(new URL('../../reference/epcis/examples/Example_9.6.4-TransformationEventWithDigitalLink.jsonld', import.meta.url));

it('a package of an imported lot holds the import audit rows of its events and units, and verifies', async () => {
  // Another document first, so the trail holds import rows that are not in scope.
  const other = join(dir, 'other.jsonld');
  writeFileSync(other, generateDocument({ lots: 40, seed: 5 }));
  expect((await cli('epcis', 'import', other)).code).toBe(0);
  const imported = await cli('epcis', 'import', example);
  expect(imported.code, imported.err).toBe(0);

  const file = join(dir, 'package.zip');
  const made = await cli('export', 'package', '--lot', 'GTIN-00614141777778:987', '--out', file);
  expect(made.code, made.err).toBe(0);
  const folder = join(dir, 'unpacked');
  execFileSync('unzip', ['-q', file, '-d', folder]);
  const rows = JSON.parse(readFileSync(join(folder, 'audit/audit-trail.json'), 'utf8')) as TrailRow[];
  const importRows = rows.filter((r) => r.entity === 'import');
  // The example's one batch: its transformation event and the lots and serials it created.
  expect(importRows).toHaveLength(1);
  const records = importedRecords(importRows[0]?.new_values ?? '{}');
  const batch = { events: records.filter(([entity]) => entity === 'events').map(([, , r]) => r), units: records.filter(([entity]) => entity === 'units').map(([, , r]) => r) };
  expect(batch.events).toHaveLength(1);
  expect(batch.units.map((u) => u.code)).toContain('987');
  const events = JSON.parse(readFileSync(join(folder, 'data/events.json'), 'utf8')) as { id: number }[];
  expect(events.map((e) => e.id)).toEqual(batch.events.map((e) => e.id));
  // The generated document's batches are not in scope.
  const allImports = execFileSync('sqlite3', [join(dir, 'imported.db'), "SELECT count(*) FROM audit_trail WHERE entity = 'import'"], { encoding: 'utf8' });
  expect(Number(allImports.trim())).toBeGreaterThan(1);

  const verified = await cli('export', 'verify', file);
  expect(verified.code, verified.out).toBe(0);
  expect(verified.out).toContain(`the audit trail extract (${rows.length} rows) recomputes`);
}, 60_000);
