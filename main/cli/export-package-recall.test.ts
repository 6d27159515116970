// Recall letters and reports inside audit packages, on the recall test plant in a real SQLite file: a package of a
// lot under an open recall holds the letter to each customer (pdftotext: the customer's name and what it received)
// and the impact and mass-balance report under records/recall/<NUMBER>/, listed in the preview, index.html and the
// manifest, and passes `sha256sum -c` and `export verify`; exporting a running drill leaves its timer and the audit
// trail untouched; a drill already reported is shown with the time it was reported at.
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaSignature, recallPlant } from '../api/recall-plant.test-support';
import { tempApi } from '../api/test-plant';
import type { sessionCaller, TestApi } from '../api/test-plant';
import { trailHead } from '../core/audit/trail';
import { runCli } from './run';

let t: TestApi;
let qa: ReturnType<typeof sessionCaller>;
let dir: string;
let recall = '';
let drill = '';
const LOT = 'BOTTLE:B-1';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', t.dbPath, ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

function newRows(after: number): { entity: string; action: string }[] {
  const db = new Database(t.dbPath, { readonly: true });
  try {
    return db.prepare<[number], { entity: string; action: string }>('SELECT entity, action FROM audit_trail WHERE seq > ? ORDER BY seq').all(after);
  } finally {
    db.close();
  }
}

function head(): { seq: number; hash: string } | null {
  const db = new Database(t.dbPath, { readonly: true });
  try {
    return trailHead(db);
  } finally {
    db.close();
  }
}

/** Writes, unpacks and checks a package with sha256sum -c and export verify; returns the unpacked folder and manifest paths. */
async function exportChecked(name: string, ...scope: string[]): Promise<{ folder: string; listed: string[] }> {
  const zip = join(dir, `${name}.zip`);
  const made = await cli('export', 'package', ...scope, '--out', zip);
  expect(made.code, made.err).toBe(0);
  const folder = join(dir, name);
  execFileSync('unzip', ['-q', zip, '-d', folder]);
  const sums = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: folder, encoding: 'utf8' });
  expect(sums.status, sums.stdout + sums.stderr).toBe(0);
  const verified = await cli('export', 'verify', zip);
  expect(verified.code, verified.out).toBe(0);
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { files: { path: string }[]; counts: { recall: unknown } };
  return { folder, listed: manifest.files.map((f) => f.path) };
}

beforeAll(async () => {
  t = tempApi();
  ({ qa } = await recallPlant(t));
  dir = mkdtempSync(join(tmpdir(), 'lotline-package-recall-'));
  recall = (await qa.call('recalls.create', { title: 'Bottles with contaminated resin', reason: 'Supplier notice 17: metal particles', classification: 'Class II', seeds: { refs: [LOT] } })).number;
  await qa.call('recalls.open', { number: recall, signature: qaSignature });
  drill = (await qa.call('recalls.create', { title: 'Annual mock recall', drill: true, reason: 'BRCGS traceability test', classification: 'Mock recall', seeds: { refs: [LOT] } })).number;
  await qa.call('recalls.open', { number: drill, signature: qaSignature });
}, 120_000);

afterAll(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recall campaigns in an audit package', () => {
  it('a lot under a recall: the letter to each customer and the report, in the preview, index.html and manifest; a running drill is untouched', async () => {
    const preview = await t.call('packages.preview', { scope: { by: 'lot', ref: LOT } });
    // The recall writes to CUST (pumps made from the lot) and CUST2 (the lot itself and a pump); the drill writes no letters.
    expect(preview.recall).toEqual({ campaigns: 2, letters: 2, reports: 2 });
    const before = head();
    const drillBefore = await qa.call('recalls.get', { number: drill });
    expect(drillBefore.reportedAt).toBeNull();

    const { folder, listed } = await exportChecked('lot', '--lot', LOT);
    const recallFiles = listed.filter((p) => p.startsWith('records/recall/')).sort();
    expect(recallFiles).toEqual([`records/recall/${drill}/report.pdf`, `records/recall/${recall}/letter-CUST.pdf`, `records/recall/${recall}/letter-CUST2.pdf`, `records/recall/${recall}/report.pdf`].sort());
    expect(listed.length + 2).toBe(preview.files); // the manifest lists every file but itself and manifest.sha256
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { counts: { recall: unknown } };
    expect(manifest.counts.recall).toEqual({ campaigns: 2, letters: 2, reports: 2 });

    const second = pdfText(join(folder, `records/recall/${recall}/letter-CUST2.pdf`));
    expect(second).toContain('URGENT: PRODUCT RECALL');
    expect(second).toContain(recall);
    expect(second).toContain('Second customer');
    expect(second).toMatch(/SH-B \S+ .*BOTTLE .*B-1 5 ea/);
    const first = pdfText(join(folder, `records/recall/${recall}/letter-CUST.pdf`));
    expect(first).toContain('Customer (CUST)');
    expect(first).toContain('P-0001');
    expect(first).not.toContain('Second customer');
    const report = pdfText(join(folder, `records/recall/${recall}/report.pdf`));
    expect(report).toContain(`Recall impact and mass-balance ${recall} — Bottles with contaminated resin report`);
    expect(report).toMatch(/CUST2 Second customer Dana Buyer/);
    expect(report).toContain('Every lot in scope balances.');
    const drillReport = pdfText(join(folder, `records/recall/${drill}/report.pdf`));
    expect(drillReport).toContain('Mock recall report');
    expect(drillReport).toMatch(/\d+\.\d\d minutes from opening to this complete impact and mass-balance report, against a target of 240 minutes/);

    const index = readFileSync(join(folder, 'index.html'), 'utf8');
    expect(index).toContain('<h2>Recall campaigns</h2>');
    expect(index).toContain(`href="records/recall/${recall}/letter-CUST2.pdf"`);
    expect(index).toContain(`Recall drill ${drill}: Annual mock recall (a mock recall: no letters are sent)`);
    expect(index).toContain(`${recall}: Letter to Second customer (CUST2)`);

    // Nothing but the package's own record was written: the drill's timer still runs, and the one new audit row is the package's.
    expect((await qa.call('recalls.get', { number: drill })).reportedAt).toBeNull();
    expect(head()?.seq).toBe((before?.seq ?? 0) + 1);
    expect(newRows(before?.seq ?? 0)).toEqual([{ entity: 'packages', action: 'create' }]);
  }, 120_000);

  it('a drill already reported shows the time it was reported at, in a campaign package', async () => {
    const reported = await qa.call('recalls.report', { number: drill, out: join(dir, 'drill.pdf') });
    const { folder, listed } = await exportChecked('drill', '--campaign', drill);
    expect(listed.filter((p) => p.startsWith(`records/recall/${drill}/`))).toEqual([`records/recall/${drill}/report.pdf`]);
    expect(readdirSync(join(folder, 'records/recall'))).toEqual(expect.arrayContaining([drill]));
    const page = pdfText(join(folder, `records/recall/${drill}/report.pdf`));
    expect(page).toContain(`${reported.elapsedMinutes.toFixed(2)} minutes from opening`);
    expect((await qa.call('recalls.get', { number: drill })).elapsedMinutes).toBe(reported.elapsedMinutes);
  }, 120_000);
});
