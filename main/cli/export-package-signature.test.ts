// The exporter's e-signature of an audit package's manifest, on the demo plant in a real SQLite file:
// `lotline --user qa1 export package … --sign` stores the package record, signs it, and writes manifest.signature.json
// after the manifests (not listed in them; linked from index.html); `export verify` reports the signature and checks
// it against manifest.json and the database's signature record. A manifest changed after signing is reported, and a
// wrong password is refused with nothing exported.
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newestShippedLot, tempApi } from '../api/test-plant';
import type { TestApi } from '../api/test-plant';
import { stopZplPreview } from '../labels/preview';
import { openDatabase } from '../core/db/open';
import { writePackage } from '../core/packages/write';
import { userStatements } from '../core/users/store';
import { runCli } from './run';

let t: TestApi;
let dir: string;
let lot = '';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', t.dbPath, ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function count(sql: string): number {
  const db = new Database(t.dbPath, { readonly: true });
  try {
    return (db.prepare<[], { n: number }>(sql).get()?.n ?? 0);
  } finally {
    db.close();
  }
}

function rezip(folder: string, out: string): void {
  rmSync(out, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', out, '.'], { cwd: folder });
}

beforeAll(async () => {
  t = tempApi();
  dir = mkdtempSync(join(tmpdir(), 'lotline-package-sign-'));
  expect(await t.api.seedDemoIfEmpty()).toBe(true);
  lot = newestShippedLot(t.dbPath, 'SET-IV2');
  expect(lot).not.toBe('');
}, 120_000);

afterEach(() => {
  delete process.env.LOTLINE_PASSWORD;
});

afterAll(async () => {
  await stopZplPreview();
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a signed audit package', () => {
  const file = () => join(dir, 'signed.zip');
  const folder = () => join(dir, 'signed');

  it('is signed by the exporter: manifest.signature.json binds manifest.json, sits outside the manifests, and verifies with its record', async () => {
    process.env.LOTLINE_PASSWORD = 'demo-qa1-pw';
    const made = await cli('--user', 'qa1', 'export', 'package', '--lot', lot, '--out', file(), '--sign');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/Manifest signed by .* \(qa1\) as approved: manifest\.signature\.json\.$/);

    execFileSync('unzip', ['-q', file(), '-d', folder()]);
    const manifestBytes = readFileSync(join(folder(), 'manifest.json'));
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as { files: { path: string }[] };
    const signature = JSON.parse(readFileSync(join(folder(), 'manifest.signature.json'), 'utf8')) as {
      manifest: { sha256: string };
      package: { id: number };
      signature: { id: number; username: string; meaning: string; contentSha256: string };
      signedContent: string;
    };
    // The signature binds the manifest as it is in the zip, through content anyone can hash.
    expect(signature.manifest.sha256).toBe(sha256(manifestBytes));
    expect(sha256(signature.signedContent)).toBe(signature.signature.contentSha256);
    expect((JSON.parse(signature.signedContent) as { kind: string; id: string; content: { manifestSha256: string } })).toMatchObject({
      kind: 'package',
      id: String(signature.package.id),
      content: { manifestSha256: sha256(manifestBytes) },
    });
    expect(signature.signature).toMatchObject({ username: 'qa1', meaning: 'approved' });
    // Not in the manifest it signs, nor in manifest.sha256; sha256sum -c still passes.
    expect(manifest.files.map((f) => f.path)).not.toContain('manifest.signature.json');
    const sums = readFileSync(join(folder(), 'manifest.sha256'), 'utf8');
    expect(sums).not.toContain('manifest.signature.json');
    const checked = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: folder(), encoding: 'utf8' });
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    // index.html links it and says why the manifest cannot list it.
    const index = readFileSync(join(folder(), 'index.html'), 'utf8');
    expect(index).toContain('<a href="manifest.signature.json">manifest.signature.json</a>: manifest.json signed by');
    expect(index).toContain('a manifest cannot hold the hash of the signature that signs it');

    // The record and its signature are in the database, audited.
    const record = await t.call('signatures.list', { record: { kind: 'package', id: String(signature.package.id) } });
    expect(record.signatures).toEqual([expect.objectContaining({ id: signature.signature.id, username: 'qa1', meaning: 'approved', valid: true })]);
    expect(record.title).toContain(sha256(manifestBytes));
    expect(count(`SELECT count(*) AS n FROM audit_trail WHERE entity = 'packages' AND entity_id = ${signature.package.id}`)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM audit_trail WHERE entity = 'signatures' AND entity_id = ${signature.signature.id}`)).toBe(1);

    const verified = await cli('export', 'verify', file());
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/\nThe manifest is signed by .* \(qa1\) as approved at .*, signature \d+ of package \d+; it binds manifest\.json SHA-256 [0-9a-f]{64}, and the signature record in the database is valid\.$/);
    const alone = await cli('export', 'verify', '--package-only', file());
    const outs: string[] = [];
    expect(alone.code).toBe(0);
    expect(alone.out).toContain('(its signature record: not looked up in a database).');
    // With a database that never saw the package: verified on the package alone, and said so.
    const elsewhere = await runCli(['--db', join(dir, 'elsewhere.db'), 'export', 'verify', file()], { out: (s) => outs.push(s), err: () => undefined });
    expect(elsewhere).toBe(0);
    expect(outs.join('\n')).toMatch(/\(its signature record: package \d+ is not recorded in this database \(elsewhere\.db\), so its signature record was not checked: verify with --db and the database it was exported from\)\.$/);
  }, 120_000);

  it('reports a manifest changed after signing, even with manifest.sha256 recomputed to match', async () => {
    const manifestPath = join(folder(), 'manifest.json');
    const original = readFileSync(manifestPath);
    const forged = Buffer.from(original.toString('utf8').replace(/"exportedBy": "[^"]*"/, '"exportedBy": "Somebody Else (qa2)"'));
    expect(forged.equals(original)).toBe(false);
    writeFileSync(manifestPath, forged);
    const sumsPath = join(folder(), 'manifest.sha256');
    const sums = readFileSync(sumsPath, 'utf8');
    writeFileSync(sumsPath, sums.replace(sha256(original), sha256(forged)));
    const changedZip = join(dir, 'manifest-changed.zip');
    rezip(folder(), changedZip);

    for (const args of [[changedZip], ['--package-only', changedZip]]) {
      const v = await cli('export', 'verify', ...args);
      expect(v.code).toBe(1);
      expect(v.out).toContain('Package NOT verified');
      expect(v.out).toContain('The manifest signature does NOT hold');
      expect(v.out).toContain(`manifest.json was changed after it was signed: its SHA-256 is ${sha256(forged)}, the signature binds ${sha256(original)}`);
    }
    // Moving the signature file's hashes along with it breaks the signed content's hash, and the database's record.
    const sigPath = join(folder(), 'manifest.signature.json');
    const sigText = readFileSync(sigPath, 'utf8');
    writeFileSync(sigPath, sigText.split(sha256(original)).join(sha256(forged)));
    const bothZip = join(dir, 'both-changed.zip');
    rezip(folder(), bothZip);
    const both = await cli('export', 'verify', bothZip);
    expect(both.code).toBe(1);
    expect(both.out).toContain("the signed content does not hash to the signature's content SHA-256 (the file was edited)");
    expect(both.out).toMatch(/this database's package \d+ \(signed\.zip\) has manifest SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} the signature states/);
    writeFileSync(manifestPath, original);
    writeFileSync(sumsPath, sums);
    writeFileSync(sigPath, sigText);
  }, 60_000);

  it('refuses a wrong password and exports nothing; --sign needs --user', async () => {
    const out = join(dir, 'wrong-password.zip');
    const packagesBefore = count('SELECT count(*) AS n FROM packages');
    const signaturesBefore = count('SELECT count(*) AS n FROM signatures');
    // Signed in as qa1 with the right password (asked first), signing with a wrong one (asked for the signature).
    const errors: string[] = [];
    const code = await runCli(['--db', t.dbPath, '--user', 'qa1', 'export', 'package', '--lot', lot, '--out', out, '--sign', 'authored'], {
      out: () => undefined,
      err: (s) => errors.push(s),
      password: (prompt) => Promise.resolve(prompt.includes('signing') ? 'not-the-password' : 'demo-qa1-pw'),
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/The user ID or password is wrong \(\d more wrong tries? locks? the account\)/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('wrong-password'))).toEqual([]);
    expect(count('SELECT count(*) AS n FROM packages')).toBe(packagesBefore);
    expect(count('SELECT count(*) AS n FROM signatures')).toBe(signaturesBefore);
    // The wrong password is counted and audited all the same.
    expect(count(`SELECT count(*) AS n FROM audit_trail WHERE entity = 'users' AND reason LIKE 'Wrong password when signing%'`)).toBe(1);

    const unsigned = await cli('export', 'package', '--lot', lot, '--out', join(dir, 'nobody.zip'), '--sign');
    expect(unsigned.code).toBe(2);
    expect(unsigned.err).toContain('--sign needs --user NAME');
  }, 60_000);

  it('from a database open read-only: written unrecorded, and a signature refused before anything is written', async () => {
    const db = openDatabase(t.dbPath, { readonly: true });
    try {
      const core = { db, actor: 'auditor-copy', now: () => new Date() };
      const out = join(dir, 'read-only.zip');
      const written = await writePackage(core, { scope: { by: 'lot', ref: lot }, file: out }, { appVersion: 'test' });
      expect(written.packageId).toBeNull();
      expect(written.signature).toBeNull();
      expect(existsSync(out)).toBe(true);
      const qa1 = userStatements(db).byName.get('qa1');
      if (qa1 === undefined) throw new Error('no qa1');
      const refusedOut = join(dir, 'read-only-signed.zip');
      await expect(writePackage(core, { scope: { by: 'lot', ref: lot }, file: refusedOut, sign: { meaning: 'approved', signer: qa1 } }, { appVersion: 'test' })).rejects.toThrow(
        'sign: the database is open read-only, so the package cannot be recorded and signed; open it for writing to sign',
      );
      expect(existsSync(refusedOut)).toBe(false);
    } finally {
      db.close();
    }
  }, 60_000);
  it('recorded and signed, but its file then cannot be completed: the error says so, nothing is left on disk, and the trail notes it', async () => {
    const db = openDatabase(t.dbPath);
    try {
      const qa1 = userStatements(db).byName.get('qa1');
      if (qa1 === undefined) throw new Error('no qa1');
      const core = { db, actor: 'qa1', now: () => new Date() };
      const out = join(dir, 'unfinished.zip');
      // Once the package is recorded and signed, a folder appears under the file's name: the zip cannot be put there.
      const phase = (name: string) => {
        if (name === 'record and signature') mkdirSync(join(out, 'in-the-way'), { recursive: true });
      };
      const failed = await writePackage(core, { scope: { by: 'lot', ref: lot }, file: out, sign: { meaning: 'approved', signer: qa1 } }, { appVersion: 'test', phase }).catch(
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(Error);
      const message = (failed as Error).message;
      expect(message).toMatch(new RegExp(`^Package (\\d+) was recorded but its file could not be completed \\(.+\\)\\. Nothing was written to ${out.replaceAll('.', '\\.')}; the package's audit trail says so\\. Export the package again\\.$`));
      const id = Number(/^Package (\d+)/.exec(message)?.[1]);
      expect(statSync(out).isDirectory()).toBe(true);
      expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
      const trail = db
        .prepare<[number], { action: string; reason: string | null; old_values: string | null }>("SELECT action, reason, old_values FROM audit_trail WHERE entity = 'packages' AND entity_id = ? ORDER BY seq")
        .all(id);
      expect(trail.map((r) => r.action)).toEqual(['create', 'update']);
      expect(trail[1]).toMatchObject({ old_values: '{}' });
      expect(trail[1]?.reason).toMatch(/^The package file was not completed \(.+\); no file was written: export the package again$/);
      expect(count(`SELECT count(*) AS n FROM signatures WHERE record_kind = 'package' AND record_id = '${id}'`)).toBe(1);
    } finally {
      db.close();
    }
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: true, problems: [] });
  }, 60_000);
});
