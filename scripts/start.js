#!/usr/bin/env node
// `npm start`: builds, then opens Lotline in Electron, or, where the Electron binary is missing (installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1), serves the same app on the loopback web host. Extra arguments go to `serve`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const onWindows = process.platform === 'win32';

function localBin(name) {
  return join(root, 'node_modules', '.bin', onWindows ? `${name}.cmd` : name);
}

/** Runs a step to completion; a failed step ends `npm start` with its exit code. */
function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: onWindows && command.endsWith('.cmd') });
  if (result.error) {
    console.error(`${command} could not be started: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Hands the terminal to the app and leaves with its exit code; Ctrl-C and kill reach it. */
function handOver(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  // Ctrl-C in a terminal already reaches the child (same process group); forwarding it again would be a second
  // Ctrl-C, which cuts the web host's graceful shutdown short. Signals sent to this process alone are passed on.
  process.on('SIGINT', () => {
    if (!process.stdin.isTTY) child.kill('SIGINT');
  });
  for (const signal of ['SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`${command} could not be started: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** The Electron executable, or null when the package was installed without its binary. */
function electronBinary() {
  try {
    // The package's main export is the path of the binary; it throws when the download was skipped.
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Asks Electron's own Node (ELECTRON_RUN_AS_NODE) whether better-sqlite3 loads, which is the only reliable test. */
function loadsUnderElectron(electron) {
  const probe = "const Database = require('better-sqlite3'); new Database(':memory:').close();";
  const result = spawnSync(electron, ['-e', probe], { cwd: root, stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return result.status === 0;
}

step(localBin('electron-vite'), ['build']);

const electron = electronBinary();
if (electron !== null) {
  // better-sqlite3 is built against V8 and must match Electron's ABI (`npm test` switches it back for Node). node-hid
  // and serialport are N-API and load as they are; `electron-builder install-app-deps` would rebuild those too, from
  // source, and fails where libusb's headers are not installed, so only better-sqlite3 is rebuilt, and only when
  // Electron cannot load it.
  if (!loadsUnderElectron(electron)) step(localBin('electron-rebuild'), ['--only', 'better-sqlite3', '--force']);
  handOver(electron, ['.']);
} else {
  console.log(
    'Electron is not installed on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD); serving Lotline on the web host instead.',
  );
  step(process.execPath, [join(root, 'scripts', 'ensure-node-native.js')]);
  handOver(process.execPath, [join(root, 'bin', 'lotline.js'), 'serve', '--demo', ...process.argv.slice(2)]);
}
