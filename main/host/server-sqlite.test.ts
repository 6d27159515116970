// The host in front of the real api and a real SQLite file: what `lotline serve` runs.
import { createHash } from 'node:crypto';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Item } from '../../common/domain';
import type { PackageDownload, PackageResult } from '../../common/api/packages';
import type { Envelope } from '../../common/errors';
import { createApi } from '../api/index';
import type { LotlineApi } from '../api/types';
import { startHost } from './server';
import type { RunningHost } from './server';

const TOKEN = 'sqlite-test-token-0123456789abcdef';
let dir: string;
let api: LotlineApi;
let host: RunningHost;
/** The session of qa1, signed in through the host itself. */
let session = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotline-host-db-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Lotline</title>');
  api = createApi({ dbPath: join(dir, 'lotline.db'), actor: 'host-test' });
  host = await startHost({ api, port: 0, token: TOKEN, staticDir: dir });
  for (const [username, roles] of [['qa1', ['qa']], ['viewer1', ['viewer']]] as const) {
    const created = await api.invoke('users.create', { username, printedName: username, roles, password: `${username}-password` });
    expect(created.ok).toBe(true);
  }
  session = await signIn('qa1');
});

async function signIn(username: string): Promise<string> {
  const login = await post('auth.login', { username, password: `${username}-password` }, null);
  if (!login.envelope.ok) throw new Error(login.envelope.error.message);
  return (login.envelope.value as { token: string }).token;
}

afterAll(async () => {
  await host.close();
  api.close();
  await rm(dir, { recursive: true, force: true });
});

async function post(command: string, body: unknown, as: string | null = session): Promise<{ status: number; envelope: Envelope<unknown> }> {
  const res = await fetch(new URL(`/api/${command}`, host.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...(as === null ? {} : { 'X-Lotline-Session': as }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, envelope: (await res.json()) as Envelope<unknown> };
}

it('creates and lists items in a real database through HTTP', async () => {
  const empty = await post('items.list', {});
  expect(empty).toEqual({ status: 200, envelope: { ok: true, value: [] } });

  const created = await post('items.create', { part: 'RM-100', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' });
  expect(created.status).toBe(200);

  const listed = await post('items.list', {});
  expect(listed.status).toBe(200);
  expect(listed.envelope.ok).toBe(true);
  if (listed.envelope.ok) expect((listed.envelope.value as Item[]).map((item) => item.part)).toEqual(['RM-100']);
});

it('carries the real validation and not-found errors with their HTTP status', async () => {
  const invalid = await post('items.create', { part: '', description: 'x', tracking: 'lot', category: 'raw', unit: 'kg' });
  expect(invalid.status).toBe(400);
  expect(invalid.envelope.ok).toBe(false);
  if (!invalid.envelope.ok) expect(invalid.envelope.error.code).toBe('VALIDATION');

  const missing = await post('items.get', { part: 'NOPE-1' });
  expect(missing.status).toBe(404);
  if (!missing.envelope.ok) expect(missing.envelope.error.code).toBe('NOT_FOUND');

  const unknown = await post('items.explode', {});
  expect(unknown.status).toBe(404);
  if (!unknown.envelope.ok) expect(unknown.envelope.error.code).toBe('UNKNOWN_COMMAND');
});

it('carries the user session beside the host token: none is refused with 401, a viewer is refused a change with 403 naming the role, sign-out ends it', async () => {
  expect(await post('items.list', {}, null)).toEqual({ status: 401, envelope: { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first: this command needs a signed-in user' } } });
  expect(await post('auth.status', {}, null)).toEqual({ status: 200, envelope: { ok: true, value: { needsSetup: false, user: null } } });
  const viewer = await signIn('viewer1');
  expect((await post('items.list', {}, viewer)).status).toBe(200);
  const refused = await post('items.create', { part: 'RM-200', description: 'Dye', tracking: 'lot', category: 'raw', unit: 'g' }, viewer);
  expect(refused).toMatchObject({ status: 403, envelope: { ok: false, error: { code: 'FORBIDDEN', message: 'Creating an item needs the admin or QA role; you are signed in as a viewer' } } });
  // The audit trail names the person behind the session.
  const trail = await post('audit.list', { entity: 'items' });
  if (trail.envelope.ok) expect((trail.envelope.value as { actor: string }[])[0]?.actor).toBe('qa1');
  expect((await post('auth.logout', {}, viewer)).envelope).toEqual({ ok: true, value: { ended: true } });
  expect((await post('items.list', {}, viewer)).status).toBe(401);
});

it('streams a package as a download for a one-time link that a QA session asks for', async () => {
  const example = fileURLToPath(new URL('../../reference/epcis/examples/Example_9.6.4-TransformationEventWithDigitalLink.jsonld', import.meta.url));
  expect((await api.invoke('epcis.import', { file: example })).ok).toBe(true);
  const written = await api.invoke('packages.export', { scope: { by: 'lot', ref: 'GTIN-00614141777778:987' }, file: join(dir, 'Package 987 — lot.zip') });
  if (!written.ok) throw new Error(written.error.message);
  const result = written.value as PackageResult;

  const viewer = await signIn('viewer1');
  expect((await post('packages.download', { id: result.packageId }, viewer)).status).toBe(403);
  expect((await post('packages.download', { id: 999 })).envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no audit package 999 in this database' } });
  const asked = await post('packages.download', { id: result.packageId });
  if (!asked.envelope.ok) throw new Error(asked.envelope.error.message);
  const link = asked.envelope.value as PackageDownload;
  expect(link.path).toMatch(/^\/api\/download\/[A-Za-z0-9_-]{43}$/);

  // The host's own step (ticket → file on this machine) is not a command the browser can send; the ticket stays good.
  const claimed = await post('packages.claimDownload', { ticket: link.path.slice('/api/download/'.length) });
  expect(claimed.status).toBe(404);
  expect(claimed.envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: expect.stringMatching(/^packages\.claimDownload is the web host’s own step/) } });
  expect(JSON.stringify(claimed.envelope)).not.toContain(dir);

  // The host's token is needed (in the query: a followed link cannot send headers).
  expect((await fetch(new URL(link.path, host.url))).status).toBe(401);
  const res = await fetch(new URL(`${link.path}?token=${TOKEN}`, host.url));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Package 987 _ lot.zip"; filename*=UTF-8''${encodeURIComponent('Package 987 — lot.zip')}`);
  const body = Buffer.from(await res.arrayBuffer());
  const onDisk = await readFile(result.file);
  expect(body.length).toBe(onDisk.length);
  expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(onDisk).digest('hex'));

  // Once only.
  const again = await fetch(new URL(`${link.path}?token=${TOKEN}`, host.url));
  expect(again.status).toBe(404);
  expect(((await again.json()) as Envelope<unknown>)).toMatchObject({ ok: false, error: { message: 'This download link has expired or was used already; start the download again from the Audit packages screen' } });
}, 60_000);
