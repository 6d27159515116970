#!/usr/bin/env node
// Playwright's webServer: a fresh demo database on every run, served by the real `lotline serve`.
// Usage: node e2e/serve.mjs [--port 4317] [--token …]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { port: { type: 'string', default: '4317' }, token: { type: 'string', default: 'e2e-token-playwright' } },
});

// One folder per port, so that two runs on different ports (E2E_PORT) never share a database.
const tmpDir = join(root, 'e2e', '.tmp', values.port);
const db = join(tmpDir, 'e2e.db');
// No scanners from an earlier run: the devices spec configures its own (on socat ptys).
const devices = join(tmpDir, 'devices.json');

/** The newest modification time under a folder. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath ?? dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// Testing an old build of the UI passes or fails for the wrong reasons: refuse it.
const built = join(root, 'out', 'renderer', 'index.html');
if (!existsSync(built) || !existsSync(join(root, 'out', 'main', 'cli.js'))) {
  console.error('e2e/serve.mjs: the app is not built; run `npx electron-vite build` (npm run build) first.');
  process.exit(2);
}
if (newest(join(root, 'renderer')) > statSync(built).mtimeMs) {
  console.error('e2e/serve.mjs: out/renderer is older than renderer/; run `npx electron-vite build` (npm run build) first.');
  process.exit(2);
}

mkdirSync(dirname(db), { recursive: true });
for (const file of [db, `${db}-wal`, `${db}-shm`, devices]) rmSync(file, { force: true });

const child = spawn(
  process.execPath,
  [join(root, 'bin', 'lotline.js'), '--db', db, 'serve', '--port', values.port, '--token', values.token, '--demo', '--devices', devices],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
