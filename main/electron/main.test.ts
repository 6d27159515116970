// The Electron entry wired against a stand-in for Electron (no binary here) and the real api (in its worker thread)
// on a temp database:
// what it registers before `ready`, the database it opens, the IPC door, the event relay, the single-instance lock.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../common/errors';
import { createApi } from '../api/index';

type Handler = (...args: unknown[]) => unknown;

interface FakeWindow {
  options: { webPreferences?: { preload?: string } };
  sent: [string, unknown][];
}

const electron = vi.hoisted(() => ({
  userData: '',
  lock: true,
  readyCalls: 0,
  schemesRegisteredBeforeReady: false,
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, Handler>(),
  ipcHandlers: new Map<string, Handler>(),
  windows: [] as FakeWindow[],
  windowCreated: null as null | (() => void),
  menus: [] as unknown[],
  quit: 0,
  errors: [] as [string, string][],
  sandboxed: false,
  appEvents: null as null | EventEmitter,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => electron.lock,
    quit: () => (electron.quit += 1),
    exit: () => {},
    enableSandbox: () => (electron.sandboxed = true),
    whenReady: () => {
      electron.readyCalls += 1;
      return Promise.resolve();
    },
    getPath: (name: string) => (name === 'userData' ? electron.userData : '/nonexistent'),
    isPackaged: false,
  });
  electron.appEvents = app;
  class FakeSession {
    setPermissionRequestHandler() {}
    setPermissionCheckHandler() {}
    setDevicePermissionHandler() {}
    on() {}
  }
  const session = new FakeSession();
  class BrowserWindow extends Emitter {
    static getAllWindows = () => electron.windows;
    sent: [string, unknown][] = [];
    webContents = Object.assign(new Emitter(), {
      session,
      setWindowOpenHandler: () => {},
      isDestroyed: () => false,
      send: (channel: string, message: unknown) => this.sent.push([channel, message]),
    });
    constructor(readonly options: FakeWindow['options']) {
      super();
      electron.windows.push(this);
      electron.windowCreated?.();
    }
    loadURL() {
      return Promise.resolve();
    }
    show() {}
  }
  return {
    app,
    BrowserWindow,
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => electron.menus.push(menu) },
    dialog: { showErrorBox: (title: string, message: string) => electron.errors.push([title, message]) },
    ipcMain: { handle: (channel: string, handler: Handler) => electron.ipcHandlers.set(channel, handler) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        electron.schemes.push(...schemes);
        electron.schemesRegisteredBeforeReady = electron.readyCalls === 0;
      },
      handle: (scheme: string, handler: Handler) => electron.protocolHandlers.set(scheme, handler),
    },
  };
});

const dirs: string[] = [];

/** Users in the database file at this moment (0 when it does not exist yet). */
function usersNow(): number {
  const file = join(electron.userData, 'lotline.db');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, timeout: 5000 });
  try {
    return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'users'").get()?.n === 1
      ? (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users').get()?.n ?? 0)
      : 0;
  } finally {
    db.close();
  }
}

/**
 * Loads main.ts afresh (it runs on import, like Electron's entry) and waits until it has opened its window; hands back
 * how many users the database had when the window opened.
 */
async function start(): Promise<{ usersWhenWindowOpened: number }> {
  vi.resetModules();
  const windowOpened = new Promise<number>((resolve) => (electron.windowCreated = () => resolve(usersNow())));
  await import('./main');
  return { usersWhenWindowOpened: await windowOpened };
}

function invoke(command: string, input: unknown, url = 'app://lotline/', session?: string): Promise<Envelope<unknown>> {
  const handler = electron.ipcHandlers.get('lotline:invoke');
  if (handler === undefined) throw new Error('no invoke handler registered');
  return handler({ senderFrame: { url } }, command, input, session) as Promise<Envelope<unknown>>;
}

/** Signs in through IPC as a window does (`auth.setup` creates the first administrator of an empty database). */
async function signIn(command: 'auth.login' | 'auth.setup', input: Record<string, string>): Promise<string> {
  const signed = await invoke(command, input);
  if (!signed.ok) throw new Error(`${command} refused: ${signed.error.message}`);
  return (signed.value as { token: string }).token;
}

beforeEach(() => {
  electron.userData = mkdtempSync(join(tmpdir(), 'lotline-electron-'));
  dirs.push(electron.userData);
  Object.assign(electron, { lock: true, readyCalls: 0, schemesRegisteredBeforeReady: false, quit: 0, sandboxed: false });
  electron.schemes.length = 0;
  electron.windows.length = 0;
  electron.menus.length = 0;
  electron.errors.length = 0;
  electron.protocolHandlers.clear();
  electron.ipcHandlers.clear();
});

afterAll(() => {
  electron.appEvents?.emit('will-quit');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('Electron main', () => {
  it('on first run: registers app:// before ready, seeds the demo plant, serves commands and relays changes', async () => {
    const started = await start();
    expect(electron.schemesRegisteredBeforeReady).toBe(true);
    expect(electron.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(electron.sandboxed).toBe(true);
    expect(electron.protocolHandlers.has('app')).toBe(true);
    expect(electron.menus).toHaveLength(1);
    expect(electron.windows[0]?.options.webPreferences?.preload).toMatch(/preload[/\\]index\.cjs$/);
    // The window opens while the database is still being opened and seeded; its first command waits for it.
    expect(started.usersWhenWindowOpened).toBe(0);
    expect(await invoke('auth.status', {})).toMatchObject({ ok: true, value: { user: null, needsSetup: false } });
    expect(usersNow()).toBeGreaterThan(0);

    // A window speaks for a signed-in person: without a session it is asked to sign in.
    expect(await invoke('items.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const session = await signIn('auth.login', { username: 'admin', password: 'demo-admin-pw' });
    const items = await invoke('items.list', {}, undefined, session);
    expect(items.ok && Array.isArray(items.value) && items.value.length > 0).toBe(true);

    const forbidden = await invoke('items.list', {}, 'https://evil.example/', session);
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');

    const created = await invoke('items.create', { part: 'NEW-1', description: 'New part', tracking: 'lot', category: 'raw', unit: 'kg' }, undefined, session);
    expect(created.ok).toBe(true);
    // Events come back from the core's worker thread as messages of their own.
    await expect
      .poll(() => electron.windows[0]?.sent)
      .toContainEqual(['lotline:event', { topic: 'changed', payload: { command: 'items.create' } }]);
    electron.appEvents?.emit('will-quit');
  });

  it('does not seed a database that already exists', async () => {
    createApi({ dbPath: join(electron.userData, 'lotline.db') }).close();
    await start();
    const session = await signIn('auth.setup', { username: 'admin', printedName: 'First Admin', password: 'a-long-first-password' });
    expect(await invoke('items.list', {}, undefined, session)).toEqual({ ok: true, value: [] });
    electron.appEvents?.emit('will-quit');
  });

  it('says so in a dialog when the database cannot be opened; the commands of the open window get the reason', async () => {
    const raw = new Database(join(electron.userData, 'lotline.db'));
    raw.pragma('user_version = 999');
    raw.close();
    await start();
    expect(await invoke('auth.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/newer Lotline \(schema 999/) } });
    await expect.poll(() => electron.errors).toEqual([['Lotline could not start', expect.stringMatching(/newer Lotline \(schema 999/)]]);
  });

  it('quits at once when another instance holds the lock', async () => {
    electron.lock = false;
    vi.resetModules();
    await import('./main');
    expect(electron.quit).toBe(1);
    expect(electron.readyCalls).toBe(0);
    expect(electron.ipcHandlers.size).toBe(0);
    expect(existsSync(join(electron.userData, 'lotline.db'))).toBe(false);
  });
});
