// The session carried across the thread boundary (the core in its worker, as the app and `lotline serve` run it) and
// through the device commands answered beside it: a token names its user, none is refused, roles apply to both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDevices } from './devices';
import { sessionCaller } from './test-plant';
import { createThreadedApi, workerScript } from './threaded';
import type { LotlineApi } from './types';

const dir = mkdtempSync(join(tmpdir(), 'lotline-session-thread-'));
let api: LotlineApi;
beforeAll(async () => {
  const core = await createThreadedApi({ dbPath: join(dir, 'lotline.db'), actor: 'tester' }, workerScript(import.meta.url));
  api = withDevices(core, { configFile: join(dir, 'devices.json') });
  const system = sessionCaller(api, undefined);
  await system.call('users.create', { username: 'viewer1', printedName: 'Vera Lind', roles: ['viewer'], password: 'viewer1-pass' });
  await system.call('users.create', { username: 'op1', printedName: 'Owen Park', roles: ['operator'], password: 'op1-pass-12' });
}, 60_000);
afterAll(() => {
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sessions through the threaded api and the device commands', () => {
  it('carries the token to the core in its worker, and refuses a door without one', async () => {
    const door = sessionCaller(api, null);
    const viewer = sessionCaller(api, (await door.call('auth.login', { username: 'viewer1', password: 'viewer1-pass' })).token);
    expect(await viewer.call('auth.status', {})).toEqual({ needsSetup: false, user: { username: 'viewer1', printedName: 'Vera Lind', roles: ['viewer'] } });
    expect((await viewer.call('system.info', {})).actor).toBe('viewer1');
    expect(await door.refuse('items.list', {})).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in first: this command needs a signed-in user' });
  });

  it('checks the session and the roles of device commands answered beside the core', async () => {
    const door = sessionCaller(api, null);
    expect(await door.refuse('devices.list', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    const viewer = sessionCaller(api, (await door.call('auth.login', { username: 'viewer1', password: 'viewer1-pass' })).token);
    expect((await viewer.call('devices.list', {})).devices).toEqual([]);
    expect(await viewer.refuse('devices.remove', { id: 'nope' })).toMatchObject({ code: 'FORBIDDEN', message: 'Changing the scanners of this workstation needs the operator, QA or admin role; you are signed in as a viewer' });
    const op = sessionCaller(api, (await door.call('auth.login', { username: 'op1', password: 'op1-pass-12' })).token);
    expect(await op.refuse('devices.remove', { id: 'nope' })).not.toMatchObject({ code: 'FORBIDDEN' });
  });
});
