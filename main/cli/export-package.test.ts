// `lotline export package` and `lotline export verify` on the demo plant in a real SQLite file: a shipped IV set lot
// with its trace (a supplier certificate attached to its resin lot) packaged, unpacked with `unzip`, checked with
// `sha256sum -c`, its CSVs parsed as RFC 4180 tables, its JSON and EPCIS read back, its PDFs read with pdftotext; then
// one byte flipped, a file removed and a file added, each named by `export verify`; the audit extract's chain checks;
// cancel leaves no file; the campaign scope is refused as not yet available.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackagePreview, PackageProgress } from '../../common/api/packages';
import { newestShippedLot, tempApi } from '../api/test-plant';
import type { TestApi } from '../api/test-plant';
import { stopZplPreview } from '../labels/preview';
import { checkAuditExtract } from '../core/packages/audit-extract';
import type { TrailRow } from '../core/audit/trail';
import { documentProblem } from '../core/epcis/validate';
import { runCli } from './run';

let t: TestApi;
let dir: string;
let lot = '';
let resin = '';
let campaign = '';
let preview: PackagePreview;
const zipFile = () => join(dir, 'package.zip');
const FORMULA_NAME = '=HYPERLINK("example.invalid","open me").txt';
const unpacked = () => join(dir, 'unpacked');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', t.dbPath, ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A strict RFC 4180 reader: CRLF records, fields quoted with doubled quotes inside; a stray quote is an error. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (field.includes('"')) throw new Error(`a quote inside an unquoted field: ${field}`);
      i = end < 0 ? text.length : i + end;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i >= text.length) return rows;
      continue;
    }
    if (i >= text.length) throw new Error('the last record does not end in CRLF');
    throw new Error(`unexpected character at ${i}`);
  }
}

/** Rebuilds the zip from an unpacked folder after changing it (`zip -r` from the folder). */
function rezip(folder: string, out: string): void {
  rmSync(out, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', out, '.'], { cwd: folder });
}

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(folder, join(prefix, d.name)) : [join(prefix, d.name)]));
}

beforeAll(async () => {
  t = tempApi();
  dir = mkdtempSync(join(tmpdir(), 'lotline-package-'));
  expect(await t.api.seedDemoIfEmpty()).toBe(true);
  // The newest shipped IV set lot, and the resin lot it was made from (its trace goes back through the tubing).
  lot = newestShippedLot(t.dbPath, 'SET-IV2');
  const back = await t.call('trace.backward', { ref: lot });
  resin = back.nodes.find((n) => n.item === 'RES-PC')?.ref ?? '';
  expect(resin).not.toBe('');
  await t.call('certificates.attach', { ref: resin, kind: 'CoA', fileName: FORMULA_NAME, mediaType: 'text/plain', contentBase64: Buffer.from('not a formula').toString('base64') });
  await t.call('certificates.attach', { ref: resin, kind: 'CoA', fileName: 'CoA resin "lot", batch 7.txt', mediaType: 'text/plain', contentBase64: Buffer.from('Certificate of analysis\nMFI 12.1 g/10 min\n').toString('base64') });
  campaign = (await t.call('recalls.create', { title: 'Resin contamination', reason: 'Supplier notice 17', classification: 'Class II', seeds: { refs: [resin] } })).number;
  preview = await t.call('packages.preview', { scope: { by: 'lot', ref: lot } });
}, 120_000);

afterAll(async () => {
  await stopZplPreview();
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an audit package of a demo lot', () => {
  it('is written with progress, unpacks, and passes sha256sum -c and export verify', async () => {
    const made = await cli('export', 'package', '--lot', lot, '--out', zipFile(), '--progress');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(new RegExp(`^Wrote the audit package .*package\\.zip: Lot .* of SET-IV2 with its backward and forward trace; ${preview.files} files`));
    expect(made.err.split('\n').at(-1)).toBe(`packaging: ${preview.files} of ${preview.files} files, ${made.err.split('\n').at(-1)?.match(/files, (.*) written/)?.[1]} written`);

    execFileSync('unzip', ['-q', zipFile(), '-d', unpacked()]);
    const manifest = JSON.parse(readFileSync(join(unpacked(), 'manifest.json'), 'utf8')) as { files: { path: string; bytes: number }[]; database: { auditHead: { seq: number } }; scope: unknown };
    expect(manifest.scope).toEqual({ by: 'lot', ref: lot });
    const listed = manifest.files.map((f) => f.path);
    expect(listFiles(unpacked()).sort()).toEqual([...listed, 'manifest.json', 'manifest.sha256'].sort());
    for (const f of manifest.files) expect(readFileSync(join(unpacked(), f.path)).length, f.path).toBe(f.bytes);
    // Every listed kind of content is there.
    for (const table of preview.tables) expect(listed).toEqual(expect.arrayContaining([`data/${table.name}.csv`, `data/${table.name}.json`]));
    expect(listed).toEqual(expect.arrayContaining(['index.html', 'audit/audit-trail.csv', 'audit/audit-trail.json', 'audit/audit-chain.csv', 'epcis/events.jsonld']));
    expect(listed.filter((p) => p.startsWith('records/ebr-'))).toHaveLength(preview.records.ebr);
    expect(preview.records.ebr).toBeGreaterThan(0);
    const certificate = listed.find((p) => p.startsWith('certificates/') && p.includes('CoA_resin'));
    expect(certificate).toMatch(/^certificates\/\d+-CoA_resin_lot_batch_7\.txt$/);
    expect(readFileSync(join(unpacked(), certificate ?? '')).toString()).toBe('Certificate of analysis\nMFI 12.1 g/10 min\n');

    const sums = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: unpacked(), encoding: 'utf8' });
    expect(sums.status, sums.stdout + sums.stderr).toBe(0);
    expect(sums.stdout.trim().split('\n')).toHaveLength(listed.length + 1);

    const verified = await cli('export', 'verify', zipFile());
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(new RegExp(`^Package verified: .*package\\.zip\\. All ${listed.length} files match their SHA-256 in the manifest; the audit trail extract \\(${preview.auditRows} rows\\) recomputes`));
  }, 120_000);

  it('holds CSV tables with a header and consistent columns, JSON with the same rows, and the counts of the preview', () => {
    for (const table of preview.tables) {
      const rows = parseCsv(readFileSync(join(unpacked(), `data/${table.name}.csv`), 'utf8'));
      const [header, ...body] = rows;
      expect(header?.length, table.name).toBeGreaterThan(1);
      for (const row of body) expect(row.length, `${table.name}: ${row.join(',')}`).toBe(header?.length);
      expect(body.length, table.name).toBe(table.rows);
      const json = JSON.parse(readFileSync(join(unpacked(), `data/${table.name}.json`), 'utf8')) as Record<string, unknown>[];
      expect(json.length).toBe(table.rows);
      for (const object of json) expect(Object.keys(object)).toEqual(header);
    }
    const lots = parseCsv(readFileSync(join(unpacked(), 'data/lots.csv'), 'utf8'));
    expect(lots.map((r) => r[1])).toEqual(expect.arrayContaining([lot, resin]));
    // A value with a comma and quotes survives the quoting.
    const certificates = parseCsv(readFileSync(join(unpacked(), 'data/certificates.csv'), 'utf8'));
    expect(certificates.map((r) => r[3])).toContain('CoA resin "lot", batch 7.txt');
    // Zone offsets are values, not formulas: no apostrophe in front (the JSON has the same text).
    const events = parseCsv(readFileSync(join(unpacked(), 'data/events.csv'), 'utf8'));
    const tz = events[0]?.indexOf('tz_offset') ?? -1;
    const offsets = events.slice(1).map((r) => r[tz] ?? '');
    expect(offsets.length).toBeGreaterThan(0);
    for (const offset of offsets) expect(offset).toMatch(/^[+-]\d\d:\d\d$/);
    // A certificate named like a formula is guarded in the CSV and exact in the JSON.
    expect(certificates.map((r) => r[3])).toContain(`'${FORMULA_NAME}`);
    const certificatesJson = JSON.parse(readFileSync(join(unpacked(), 'data/certificates.json'), 'utf8')) as { file_name: string }[];
    expect(certificatesJson.map((c) => c.file_name)).toContain(FORMULA_NAME);
    const audit = parseCsv(readFileSync(join(unpacked(), 'audit/audit-trail.csv'), 'utf8'));
    expect(audit.length - 1).toBe(preview.auditRows);
    expect(preview.tables.find((x) => x.name === 'shipments')?.rows).toBeGreaterThan(0);
  });

  it('holds a schema-valid EPCIS document of the events in scope and record PDFs that read back', () => {
    const epcis = JSON.parse(readFileSync(join(unpacked(), 'epcis/events.jsonld'), 'utf8')) as { epcisBody: { eventList: unknown[] } };
    expect(documentProblem(epcis)).toBeUndefined();
    expect(epcis.epcisBody.eventList.length).toBe(preview.events);
    const ebr = readdirSync(join(unpacked(), 'records')).find((f) => f.startsWith('ebr-')) ?? '';
    const text = execFileSync('pdftotext', [join(unpacked(), 'records', ebr), '-'], { encoding: 'utf8' });
    expect(text).toContain('Electronic batch record');
    expect(text).toContain(ebr.replace(/^ebr-|\.pdf$/g, ''));
  });

  it('names a file with one byte flipped, a file removed and a file added', async () => {
    const flipped = join(unpacked(), 'data/lots.csv');
    const original = readFileSync(flipped);
    const bytes = Buffer.from(original);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x01;
    writeFileSync(flipped, bytes);
    const changedZip = join(dir, 'changed.zip');
    rezip(unpacked(), changedZip);
    const changed = await cli('export', 'verify', changedZip);
    expect(changed.code).toBe(1);
    expect(changed.out).toContain('Package NOT verified');
    expect(changed.out).toContain('Changed: data/lots.csv\n');
    expect(changed.out).toMatch(/data\/lots\.csv was changed: its SHA-256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}/);
    writeFileSync(flipped, original);

    const ebr = readdirSync(join(unpacked(), 'records')).find((f) => f.startsWith('ebr-')) ?? '';
    const removedPath = join(unpacked(), 'records', ebr);
    const pdf = readFileSync(removedPath);
    rmSync(removedPath);
    const removedZip = join(dir, 'removed.zip');
    rezip(unpacked(), removedZip);
    const removed = await cli('export', 'verify', removedZip);
    expect(removed.code).toBe(1);
    expect(removed.out).toContain(`Missing: records/${ebr}\n`);
    expect(removed.out).not.toContain('Changed:');
    writeFileSync(removedPath, pdf);

    writeFileSync(join(unpacked(), 'data/notes.txt'), 'added after export');
    const addedZip = join(dir, 'added.zip');
    rezip(unpacked(), addedZip);
    const added = await cli('export', 'verify', addedZip);
    expect(added.code).toBe(1);
    expect(added.out).toContain('Added: data/notes.txt\n');
    expect(added.out).toContain('data/notes.txt was added: it is not in the manifest');
    rmSync(join(unpacked(), 'data/notes.txt'));

    // Put back as exported, the folder zipped again verifies.
    const againZip = join(dir, 'again.zip');
    rezip(unpacked(), againZip);
    expect((await cli('export', 'verify', againZip)).code).toBe(0);
  }, 60_000);

  it('catches an audit row edited, a chain link removed, or a chain that does not end at the manifest head', () => {
    const rows = JSON.parse(readFileSync(join(unpacked(), 'audit/audit-trail.json'), 'utf8')) as TrailRow[];
    const chain = parseCsv(readFileSync(join(unpacked(), 'audit/audit-chain.csv'), 'utf8'))
      .slice(1)
      .map(([seq, prev_hash, hash]) => ({ seq: Number(seq), prev_hash: prev_hash ?? '', hash: hash ?? '' }));
    const manifest = JSON.parse(readFileSync(join(unpacked(), 'manifest.json'), 'utf8')) as { database: { auditHead: { seq: number; hash: string } } };
    const head = manifest.database.auditHead;
    expect(checkAuditExtract(rows, chain, head).problems).toEqual([]);

    const edited = rows.map((r, i) => (i === 1 ? { ...r, actor: 'someone-else' } : r));
    expect(checkAuditExtract(edited, chain, head).problems).toEqual([`audit row ${rows[1]?.seq} (${rows[1]?.entity} ${rows[1]?.entity_id}) was changed after export: its hash no longer matches its content`]);

    const cut = chain.filter((_, i) => i !== 2);
    expect(checkAuditExtract(rows, cut, head).problems).toContain(`the audit chain jumps from row ${chain[1]?.seq} to row ${chain[3]?.seq}: rows were removed from it`);

    // A plant-size trail: only each extracted row's link, the next row's and the head; jumps are expected then, a broken link is not.
    const keep = new Set([...rows.flatMap((r) => [r.seq, r.seq + 1]), head.seq]);
    const links = chain.filter((l) => keep.has(l.seq));
    expect(links.length).toBeLessThan(chain.length);
    expect(checkAuditExtract(rows, links, head, false).problems).toEqual([]);
    expect(checkAuditExtract(rows, links, head, true).problems[0]).toMatch(/^the audit chain jumps from row \d+ to row \d+: rows were removed from it$/);
    const broken = links.map((l) => (l.seq === (rows[0]?.seq ?? 0) + 1 ? { ...l, prev_hash: '0'.repeat(64) } : l));
    expect(checkAuditExtract(rows, broken, head, false).problems).toEqual([`audit chain row ${(rows[0]?.seq ?? 0) + 1} does not follow row ${rows[0]?.seq}: the chain was changed after export`]);

    expect(checkAuditExtract(rows, chain.slice(0, -1), head).problems).toContainEqual(
      expect.stringMatching(new RegExp(`^the audit chain ends at row ${head.seq - 1} .*, not at the head the manifest names \\(row ${head.seq}`)),
    );
  });

  it('cancels on request and leaves no file; refuses two scopes at once', async () => {
    const file = join(dir, 'cancelled.zip');
    const seen: PackageProgress[] = [];
    const stop = t.api.subscribe('progress', (p) => {
      if (p.command !== 'packages.export') return;
      seen.push(p);
      if (seen.length === 1) void t.api.invoke('packages.cancel', { job: 'cancel-me' });
    });
    const result = await t.api.invoke('packages.export', { scope: { by: 'lot', ref: lot }, file, job: 'cancel-me' });
    stop();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('The audit package was cancelled; no file was left behind');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);

    const twoScopes = await cli('export', 'package', '--lot', lot, '--work-order', 'WO-1', '--out', join(dir, 'two.zip'));
    expect(twoScopes.code).toBe(2);
    expect(twoScopes.err).toContain('give exactly one scope');
  });

  it('previews the campaign, item-and-dates and work-order scopes', async () => {
    const byCampaign = await t.call('packages.preview', { scope: { by: 'campaign', id: campaign } });
    expect(byCampaign.title).toBe(`Recall ${campaign} (Resin contamination): its 1 seed lot(s) and serial(s) with their backward and forward trace`);
    expect(byCampaign.tables.find((x) => x.name === 'campaigns')?.rows).toBe(1);
    expect(byCampaign.units).toBeGreaterThanOrEqual(preview.units);
    const campaigns = parseCsv(readFileSync(join(unpacked(), 'data/campaigns.csv'), 'utf8'));
    expect(campaigns.map((r) => r[1])).toEqual(['number', campaign]);
    expect((await t.refuse('packages.preview', { scope: { by: 'campaign', id: 'RC-404' } })).message).toBe('There is no recall or field-action campaign RC-404');
    const wo = preview.tables.find((x) => x.name === 'work_orders');
    expect(wo?.rows).toBeGreaterThan(0);
    const byItem = await t.call('packages.preview', { scope: { by: 'item', part: 'SET-IV2', from: '2000-01-01', to: '2099-12-31' } });
    expect(byItem.title).toMatch(/^SET-IV2 \(.*\) made or received 2000-01-01 to 2099-12-31, \d+ lot\(s\) and serial\(s\), with their backward and forward trace$/);
    expect(byItem.units).toBeGreaterThan(preview.units);
    const empty = await t.refuse('packages.preview', { scope: { by: 'item', part: 'SET-IV2', from: '1990-01-01', to: '1990-12-31' } });
    expect(empty.message).toBe('No lot or serial of SET-IV2 was made or received from 1990-01-01 to 1990-12-31; widen the date range or choose another item');
    const backwards = await t.refuse('packages.preview', { scope: { by: 'item', part: 'SET-IV2', from: '2026-02-01', to: '2026-01-01' } });
    expect(backwards.message).toBe('scope.from: from is after to: the date range would be empty');
  });
});
