// The host in front of the real api and a real SQLite file: what `lotline serve` runs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Item } from '../../common/domain';
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
