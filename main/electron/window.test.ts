// The window factory against a stand-in for Electron (the binary is not installed here): the security settings and
// the handlers it installs are the point of the factory, so they are asserted one by one.
import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown;
  class FakeSession {
    permissionRequest: Handler | null = null;
    permissionCheck: Handler | null = null;
    devicePermission: Handler | null = null;
    events = new Map<string, Handler>();
    setPermissionRequestHandler(handler: Handler) {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: Handler) {
      this.permissionCheck = handler;
    }
    setDevicePermissionHandler(handler: Handler) {
      this.devicePermission = handler;
    }
    on(event: string, handler: Handler) {
      this.events.set(event, handler);
    }
  }
  const session = new FakeSession();
  const windows: {
    options: Record<string, unknown>;
    loaded: string[];
    webContents: { openHandler: Handler | null; emit: (event: string, ...args: unknown[]) => boolean };
  }[] = [];
  return { session, windows };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    session = fake.session;
    openHandler: ((...args: unknown[]) => unknown) | null = null;
    setWindowOpenHandler(handler: (...args: unknown[]) => unknown) {
      this.openHandler = handler;
    }
  }
  class BrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
  }
  return { BrowserWindow };
});

const { createWindow, MIN_HEIGHT, MIN_WIDTH } = await import('./window');

/** Emits a navigation event the way Electron does and says whether the handler cancelled it. */
function navigate(contents: EventEmitter, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('createWindow', () => {
  beforeEach(() => {
    fake.windows.length = 0;
  });

  it('locks the page down: sandbox, isolation, no Node, no webview, our preload', () => {
    createWindow({ preload: '/app/out/preload/index.cjs' });
    const [window] = fake.windows;
    expect(window?.options).toMatchObject({ minWidth: 1366, minHeight: 768, show: false });
    expect(MIN_WIDTH).toBe(1366);
    expect(MIN_HEIGHT).toBe(768);
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('loads the app origin, at the route asked for', () => {
    createWindow({ preload: 'p' });
    createWindow({ preload: 'p', route: '/lots?status=on_hold' });
    expect(fake.windows.map((w) => (w as unknown as { loaded: string[] }).loaded)).toEqual([
      ['app://lotline/'],
      ['app://lotline/lots?status=on_hold'],
    ]);
  });

  it('denies window.open', () => {
    createWindow({ preload: 'p' });
    expect(fake.windows[0]?.webContents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(fake.windows[0]?.webContents.openHandler?.({ url: 'app://lotline/lots' })).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from app://lotline', () => {
    createWindow({ preload: 'p' });
    const contents = fake.windows[0]?.webContents as unknown as EventEmitter;
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      expect(navigate(contents, event, 'https://evil.example/')).toBe(true);
      expect(navigate(contents, event, 'file:///etc/passwd')).toBe(true);
      expect(navigate(contents, event, 'app://lotline.evil/')).toBe(true);
      expect(navigate(contents, event, 'app://lotline/lots')).toBe(false);
    }
  });

  it('refuses to attach webviews', () => {
    createWindow({ preload: 'p' });
    const contents = fake.windows[0]?.webContents as unknown as EventEmitter;
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies permission requests and checks, except writing text to the clipboard', () => {
    createWindow({ preload: 'p' });
    const granted: Record<string, boolean> = {};
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
      'clipboard-sanitized-write',
    ]) {
      fake.session.permissionRequest?.({}, permission, (allowed: boolean) => (granted[permission] = allowed));
    }
    expect(granted).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      hid: false,
      serial: false,
      usb: false,
      'clipboard-read': false,
      'clipboard-sanitized-write': true,
    });
    expect(fake.session.permissionCheck?.({}, 'media')).toBe(false);
    expect(fake.session.permissionCheck?.({}, 'clipboard-sanitized-write')).toBe(true);
    expect(fake.session.devicePermission?.({ deviceType: 'hid' })).toBe(false);
  });

  it('cancels device pickers', () => {
    createWindow({ preload: 'p' });
    let chosen: unknown = 'untouched';
    let prevented = false;
    fake.session.events.get('select-serial-port')?.(
      { preventDefault: () => (prevented = true) },
      [{ portId: '1' }],
      {},
      (id: unknown) => (chosen = id),
    );
    expect(prevented).toBe(true);
    expect(chosen).toBe('');
  });
});
