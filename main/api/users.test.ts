// Users, sessions and roles through the real api on a real SQLite file: the hashing parameters, first-run setup,
// lockout (counted, audited, unlocked by an admin or by time), idle logout and role refusals with their exact words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, OWASP_SCRYPT, parseStoredHash, scryptParams, TEST_SCRYPT_ENV, verifyPassword } from '../core/users/passwords';
import { sessionCaller } from './test-plant';
import { createApi } from './index';
import type { LotlineApi } from './types';

describe('password hashing', () => {
  it('uses scrypt at the OWASP settings (N=2^17, r=8, p=1) with a 16-byte salt of its own per password', async () => {
    expect(scryptParams({})).toEqual({ N: 131072, r: 8, p: 1 });
    const [a, b] = await Promise.all([hashPassword('correct horse', OWASP_SCRYPT), hashPassword('correct horse', OWASP_SCRYPT)]);
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(parseStoredHash(a).salt).toHaveLength(16);
    expect(parseStoredHash(a).key).toHaveLength(32);
    expect(parseStoredHash(a).salt.equals(parseStoredHash(b).salt)).toBe(false);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
  });

  it('hashes at a lower N only when a test suite asks for it, recording that N so the hash verifies anywhere', async () => {
    expect(scryptParams({ [TEST_SCRYPT_ENV]: '1024' })).toEqual({ N: 1024, r: 8, p: 1 });
    for (const bad of ['1000', '512', '262144', 'fast']) expect(() => scryptParams({ [TEST_SCRYPT_ENV]: bad })).toThrow(`${TEST_SCRYPT_ENV} must be a power of two from 1024 to 131072; it is "${bad}"`);
    const cheap = await hashPassword('correct horse', { N: 1024, r: 8, p: 1 });
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse', cheap)).toBe(true);
    expect(await verifyPassword('correct horsE', cheap)).toBe(false);
  });
});

/** An api whose clock the test moves. */
function clockedApi(dir: string) {
  let now = Date.parse('2026-06-01T08:00:00Z');
  const api = createApi({ dbPath: join(dir, 'users.db'), actor: 'tester', now: () => new Date(now) });
  return { api, advanceMinutes: (m: number) => (now += m * 60_000) };
}


describe('users and sessions', () => {
  let dir: string;
  let api: LotlineApi;
  let advanceMinutes: (m: number) => void;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lotline-users-'));
    ({ api, advanceMinutes } = clockedApi(dir));
  });
  afterEach(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = async (username: string, password: string) => (await sessionCaller(api, null).call('auth.login', { username, password })).token;

  it('first run: only auth.setup (and signing in) work without a session; it creates the admin once', async () => {
    const door = sessionCaller(api, null);
    expect(await door.call('auth.status', {})).toEqual({ needsSetup: true, user: null });
    expect(await door.refuse('items.list', {})).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in first: this command needs a signed-in user' });
    const admin = await door.call('auth.setup', { username: 'admin', printedName: 'Ada Admin', password: 'admin-pass-1' });
    expect(admin.user).toEqual({ username: 'admin', printedName: 'Ada Admin', roles: ['admin'] });
    expect(admin.idleMinutes).toBe(15);
    expect(await sessionCaller(api, admin.token).call('auth.status', {})).toEqual({ needsSetup: false, user: admin.user });
    expect(await door.refuse('auth.setup', { username: 'eve', printedName: 'Eve', password: 'eve-pass-123' })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Lotline already has users: sign in, or ask an admin to add you',
    });
    // The audit trail names the new admin as the one who acted.
    const trail = await sessionCaller(api, admin.token).call('audit.list', { entity: 'users' });
    expect(trail.map((r) => [r.actor, r.action, r.reason])).toEqual([['admin', 'create', 'User added']]);
  });

  it('locks a user after 5 wrong passwords, audits every failure, refuses even the right password, and an admin unlocks', async () => {
    const system = sessionCaller(api, undefined);
    await system.call('users.create', { username: 'admin', printedName: 'Ada Admin', roles: ['admin'], password: 'admin-pass-1' });
    await system.call('users.create', { username: 'qa1', printedName: 'Quinn Archer', roles: ['qa'], password: 'qa1-pass-12' });
    const door = sessionCaller(api, null);
    for (let i = 1; i <= 4; i++) {
      expect(await door.refuse('auth.login', { username: 'qa1', password: `guess-${i}` })).toMatchObject({
        code: 'FORBIDDEN',
        message: `The user ID or password is wrong (${5 - i} more wrong ${5 - i === 1 ? 'try locks' : 'tries lock'} the account)`,
      });
    }
    const fifth = await door.refuse('auth.login', { username: 'qa1', password: 'guess-5' });
    expect(fifth.message).toMatch(/^The user ID or password is wrong\. qa1 is now locked until \d\d:\d\d \(2026-06-01\) or until an admin unlocks it$/);
    expect(await door.refuse('auth.login', { username: 'qa1', password: 'qa1-pass-12' })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^qa1 is locked after 5 wrong passwords, until/) as unknown });

    const admin = sessionCaller(api, await login('admin', 'admin-pass-1'));
    expect((await admin.call('users.list', {})).find((u) => u.username === 'qa1')).toMatchObject({ failedAttempts: 6, lockedUntil: '2026-06-01T08:30:00.000Z' });
    const trail = await admin.call('audit.list', { entity: 'users' });
    const failures = trail.filter((r) => r.reason?.startsWith('Wrong password') || r.reason?.startsWith('Sign-in refused'));
    expect(failures.map((r) => [r.actor, r.reason])).toEqual(
      [
        ['(sign-in as qa1)', 'Wrong password at sign-in (1 of 5)'],
        ['(sign-in as qa1)', 'Wrong password at sign-in (2 of 5)'],
        ['(sign-in as qa1)', 'Wrong password at sign-in (3 of 5)'],
        ['(sign-in as qa1)', 'Wrong password at sign-in (4 of 5)'],
        ['(sign-in as qa1)', 'Wrong password at sign-in (5 of 5); account locked'],
        ['(sign-in as qa1)', 'Sign-in refused: the account is locked'],
      ].reverse(),
    );
    await admin.call('users.unlock', { username: 'qa1', reason: 'Identity confirmed by phone' });
    expect((await sessionCaller(api, await login('qa1', 'qa1-pass-12')).call('auth.status', {})).user?.username).toBe('qa1');
    expect(await sessionCaller(api, 'x').refuse('users.list', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a lock ends by itself after the lockout time; with lockoutMinutes 0 only an admin unlocks', async () => {
    const system = sessionCaller(api, undefined);
    await system.call('users.create', { username: 'op1', printedName: 'Olly Operator', roles: ['operator'], password: 'op1-pass-12' });
    await system.call('security.set', { lockoutAttempts: 2, lockoutMinutes: 10, reason: 'Validation of lockout' });
    const door = sessionCaller(api, null);
    for (const guess of ['a-guess-1', 'a-guess-2']) await door.refuse('auth.login', { username: 'op1', password: guess });
    expect((await door.refuse('auth.login', { username: 'op1', password: 'op1-pass-12' })).message).toMatch(/^op1 is locked after 2 wrong passwords/);
    advanceMinutes(11);
    expect(await door.call('auth.login', { username: 'op1', password: 'op1-pass-12' })).toMatchObject({ user: { username: 'op1' } });

    await system.call('security.set', { lockoutMinutes: 0, reason: 'Admin unlock only' });
    for (const guess of ['b-guess-1', 'b-guess-2']) await door.refuse('auth.login', { username: 'op1', password: guess });
    advanceMinutes(60 * 24);
    expect((await door.refuse('auth.login', { username: 'op1', password: 'op1-pass-12' })).message).toBe('op1 is locked after 2 wrong passwords, until an admin unlocks it');
  });

  it('ends a session after the idle time; every command keeps it alive; sign-out ends it at once', async () => {
    const system = sessionCaller(api, undefined);
    await system.call('users.create', { username: 'viewer1', printedName: 'Vic Viewer', roles: ['viewer'], password: 'viewer1-pass' });
    const token = await login('viewer1', 'viewer1-pass');
    const viewer = sessionCaller(api, token);
    advanceMinutes(14);
    await viewer.call('items.list', {});
    advanceMinutes(14);
    await viewer.call('items.list', {});
    advanceMinutes(16);
    expect(await viewer.refuse('items.list', {})).toEqual({ code: 'UNAUTHENTICATED', message: 'You were signed out after 15 minutes without activity; sign in again' });
    expect(await viewer.call('auth.status', {})).toEqual({ needsSetup: false, user: null });

    const again = sessionCaller(api, await login('viewer1', 'viewer1-pass'));
    expect(await again.call('auth.logout', {})).toEqual({ ended: true });
    expect(await again.refuse('items.list', {})).toEqual({ code: 'UNAUTHENTICATED', message: 'Your session has ended (signed out, or Lotline restarted); sign in again' });
  });

  it('roles, disabling and the idle policy count from the next command, changed through this api or by another connection', async () => {
    const system = sessionCaller(api, undefined);
    await system.call('users.create', { username: 'op1', printedName: 'Olly Operator', roles: ['operator'], password: 'op1-pass-12' });
    await system.call('items.create', { part: 'RESIN', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' });
    await system.call('suppliers.create', { code: 'SUP', name: 'Supplier' });
    const op = sessionCaller(api, await login('op1', 'op1-pass-12'));
    const receive = { supplier: 'SUP', lines: [{ part: 'RESIN', supplierLot: 'S-1', quantity: 5 }] };
    await op.call('receiving.receive', receive);
    // Who calls is remembered between commands; a change through this api is seen at once.
    await system.call('users.setRoles', { username: 'op1', roles: ['viewer'], reason: 'moved to the office' });
    expect((await op.refuse('receiving.receive', receive)).code).toBe('FORBIDDEN');
    // The CLI beside the app: its own connection to the same file.
    const cli = createApi({ dbPath: join(dir, 'users.db'), actor: 'cli' });
    try {
      const beside = sessionCaller(cli, undefined);
      await beside.call('users.setRoles', { username: 'op1', roles: ['operator'], reason: 'back on the line' });
      await op.call('receiving.receive', receive);
      await beside.call('security.set', { idleMinutes: 5, reason: 'shared stations' });
      advanceMinutes(6);
      expect(await op.refuse('items.list', {})).toEqual({ code: 'UNAUTHENTICATED', message: 'You were signed out after 5 minutes without activity; sign in again' });
      const again = sessionCaller(api, await login('op1', 'op1-pass-12'));
      await again.call('items.list', {});
      await beside.call('users.setActive', { username: 'op1', active: false, reason: 'left the company' });
      expect(await again.refuse('items.list', {})).toEqual({ code: 'UNAUTHENTICATED', message: 'Your account was disabled; ask an admin' });
    } finally {
      cli.close();
    }
  });

  it('refuses commands outside the user’s roles, naming the role needed and the role held', async () => {
    const system = sessionCaller(api, undefined);
    await system.call('users.create', { username: 'op1', printedName: 'Olly Operator', roles: ['operator'], password: 'op1-pass-12' });
    await system.call('users.create', { username: 'viewer1', printedName: 'Vic Viewer', roles: ['viewer'], password: 'viewer1-pass' });
    await system.call('users.create', { username: 'qa1', printedName: 'Quinn Archer', roles: ['qa'], password: 'qa1-pass-12' });
    await system.call('items.create', { part: 'RESIN', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' });
    await system.call('suppliers.create', { code: 'SUP', name: 'Supplier' });
    const op = sessionCaller(api, await login('op1', 'op1-pass-12'));
    const viewer = sessionCaller(api, await login('viewer1', 'viewer1-pass'));
    const qa = sessionCaller(api, await login('qa1', 'qa1-pass-12'));

    expect(await op.refuse('items.create', { part: 'CAP', description: 'Cap', tracking: 'lot', category: 'component', unit: 'ea' })).toEqual({
      code: 'FORBIDDEN',
      message: 'Creating an item needs the admin or QA role; you are signed in as an operator',
      details: { needed: ['admin', 'qa'], has: ['operator'] },
    });
    expect((await viewer.refuse('receiving.receive', { supplier: 'SUP', lines: [{ part: 'RESIN', supplierLot: 'S-1', quantity: 5 }] })).message).toBe(
      'Changing records needs the operator, QA or admin role; you are signed in as a viewer',
    );
    expect((await qa.refuse('users.create', { username: 'x1', printedName: 'X One', roles: ['viewer'], password: 'x1-pass-123' })).message).toBe(
      'Adding a user needs the admin role; you are signed in as QA',
    );
    expect((await op.refuse('settings.set', { ssccExtension: '1', reason: 'try it' })).message).toBe('Changing site settings needs the admin role; you are signed in as an operator');

    const lot = (await op.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'RESIN', supplierLot: 'S-1', quantity: 5 }] })).lots[0]?.ref ?? '';
    expect(await op.refuse('units.setStatus', { ref: lot, status: 'released', reason: 'looks fine' })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Releasing a lot needs the QA role; you are signed in as an operator',
    });
    // An operator may still put a lot on hold; the trail names them.
    await op.call('units.setStatus', { ref: lot, status: 'on_hold', reason: 'Bag torn at receiving' });
    const trail = await qa.call('audit.list', { entity: 'units' });
    expect(trail[0]).toMatchObject({ actor: 'op1', reason: 'Bag torn at receiving' });
    // Reads are open to every signed-in user.
    expect((await viewer.call('lots.list', {})).map((l) => l.ref)).toEqual([lot]);
  });
});
