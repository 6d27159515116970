// The one window factory: every Lotline window is sandboxed, isolated, and stays on the app:// origin.
import { BrowserWindow } from 'electron';
import type { Session } from 'electron';
import { APP_ORIGIN, isLotlineAppUrl } from './app-path';

export const MIN_WIDTH = 1366;
export const MIN_HEIGHT = 768;

/**
 * Permissions a page may have. Writing plain text to the clipboard ("copy lot code") is the only one; cameras,
 * microphones, notifications, geolocation, HID, serial and USB are refused (devices are driven by the main process).
 */
const grantedPermissions = new Set<string>(['clipboard-sanitized-write']);

const hardenedSessions = new WeakSet<Session>();

function hardenSession(session: Session): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(grantedPermissions.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => grantedPermissions.has(permission));
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

export interface WindowOptions {
  /** Absolute path of out/preload/index.cjs. */
  preload: string;
  /** Path inside the app origin to open, e.g. `/` or `/lots`. */
  route?: string;
}

export function createWindow({ preload, route = '/' }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Lotline',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  hardenSession(contents.session);

  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // In-app navigation is client-side routing; a full navigation may only reload our own origin.
  contents.on('will-navigate', (event, url) => {
    if (!isLotlineAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isLotlineAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  const url = new URL(route, APP_ORIGIN).toString();
  window.loadURL(url).catch((error: unknown) => {
    // The window stays open (a reload may succeed); the reason goes where a supporting engineer will look.
    console.error(`Lotline could not load ${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}
