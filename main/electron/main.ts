// The Electron shell: one instance, one database in userData, windows on the app:// origin, the api behind IPC.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { createThreadedApi, workerScript } from '../api/threaded';
import { withDevices } from '../api/devices';
import type { LotlineApi } from '../api/types';
import { INVOKE_CHANNEL } from '../../preload/bridge';
import { APP_SCHEME, isLotlineAppUrl } from './app-path';
import { createAppProtocolHandler } from './app-protocol';
import { createInvokeHandler, relayApiEvents } from './ipc';
import { createWindow } from './window';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/.
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

// Must happen before `ready`: a standard, secure scheme gets an origin of its own, so 'self' in the CSP means app://lotline.
// corsEnabled lets Vite's `<script type="module" crossorigin>` load from it; no response carries Access-Control-Allow-Origin,
// so no other origin can read it.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one trace database would fight over it; the running instance gets focus instead.
  app.quit();
} else {
  let api: LotlineApi | null = null;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    api?.close();
    api = null;
  });

  // Defence in depth for any webContents, not only the windows the factory made.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app
    .whenReady()
    .then(async () => {
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

      const dbPath = join(app.getPath('userData'), 'lotline.db');
      const firstRun = !existsSync(dbPath);
      // The core runs in a worker thread: a long trace or recall must not freeze every window with the main process.
      // The scanners run on this thread (serialport cannot read in a worker); their settings belong to this machine,
      // so they live beside the database in userData, not in it.
      const ready = (async () => {
        const opened = withDevices(await createThreadedApi({ dbPath }, workerScript(import.meta.url)), { configFile: join(app.getPath('userData'), 'devices.json') });
        api = opened;
        if (firstRun) await opened.seedDemoIfEmpty();
        relayApiEvents(opened, () => BrowserWindow.getAllWindows().map((window) => window.webContents));
        return opened;
      })();
      // The window opens at once and its commands wait until the database is open: opening a large one, or bringing
      // it up to this version's schema (about a minute for a plant's years of data), must not look like an app that
      // did not start. The sign-in screen says what it is waiting for.
      ipcMain.handle(
        INVOKE_CHANNEL,
        createInvokeHandler(async (command, input, session) => (await ready).invoke(command, input, session), isLotlineAppUrl),
      );

      Menu.setApplicationMenu(buildMenu());
      createWindow({ preload: preloadPath });
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createWindow({ preload: preloadPath });
      });
      await ready;
    })
    .catch((error: unknown) => {
      // An operator never sees stderr: say it in a dialog too (a database from a newer version, a locked file...).
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Lotline could not start: ${error instanceof Error ? (error.stack ?? message) : message}`);
      dialog.showErrorBox('Lotline could not start', message);
      app.exit(1);
    });
}

function buildMenu(): Menu {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    // Edit roles make cut/copy/paste shortcuts work in text fields on macOS.
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
