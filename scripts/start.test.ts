// Runs the real start script in a scratch project whose tools are stand-ins that record how they were called, so
// both paths (Electron present or not) are checked without building or launching anything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
const calls = () => join(dir, 'calls.txt');

async function executable(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  await chmod(path, 0o755);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotline-start-'));
  for (const folder of ['scripts', 'bin', 'node_modules/.bin', 'node_modules/electron', 'node_modules/better-sqlite3']) {
    await mkdir(join(dir, folder), { recursive: true });
  }
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  for (const script of ['start.js', 'ensure-node-native.js'])
    await copyFile(join(import.meta.dirname, script), join(dir, 'scripts', script));
  const record = (name: string) => `#!/bin/sh\necho "${name} $*" >> "${calls()}"\n`;
  await executable(join(dir, 'node_modules/.bin/electron-vite'), record('electron-vite'));
  // Rebuilding makes better-sqlite3 loadable for the stand-in Electron.
  await executable(join(dir, 'node_modules/.bin/electron-rebuild'), `${record('electron-rebuild')}touch "${join(dir, 'sqlite-ok')}"\n`);
  await executable(
    join(dir, 'fake-electron'),
    `#!/bin/sh\nif [ "$ELECTRON_RUN_AS_NODE" = 1 ]; then test -f "${join(dir, 'sqlite-ok')}"; exit $?; fi\n${record('electron')}exit 0\n`,
  );
  await writeFile(
    join(dir, 'bin/lotline.js'),
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(calls())}, 'lotline ' + process.argv.slice(2).join(' ') + '\\n');\nprocess.exit(3);\n`,
  );
  await writeFile(join(dir, 'node_modules/better-sqlite3/index.js'), 'module.exports = class Database { close() {} };');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function start(...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [join(dir, 'scripts', 'start.js'), ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

async function recorded(): Promise<string[]> {
  return existsSync(calls()) ? (await readFile(calls(), 'utf8')).trim().split('\n') : [];
}

describe.skipIf(process.platform === 'win32')('npm start', () => {
  it('without the Electron binary: builds, says so in one line, and serves the demo on the web host', async () => {
    await writeFile(join(dir, 'node_modules/electron/index.js'), "throw new Error('Electron failed to install correctly');");
    const { status, stdout } = start('--port', '0');
    expect(stdout.trim()).toBe(
      'Electron is not installed on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD); serving Lotline on the web host instead.',
    );
    expect(await recorded()).toEqual(['electron-vite build', 'lotline serve --demo --port 0']);
    expect(status).toBe(3); // the server's exit code is npm start's
  });

  it('with Electron: rebuilds better-sqlite3 for it when Electron cannot load it, then opens the app', async () => {
    await writeFile(join(dir, 'node_modules/electron/index.js'), `module.exports = ${JSON.stringify(join(dir, 'fake-electron'))};`);
    const { status } = start();
    expect(await recorded()).toEqual(['electron-vite build', 'electron-rebuild --only better-sqlite3 --force', 'electron .']);
    expect(status).toBe(0);
  });

  it('with Electron: skips the rebuild when better-sqlite3 already loads in it', async () => {
    await writeFile(join(dir, 'node_modules/electron/index.js'), `module.exports = ${JSON.stringify(join(dir, 'fake-electron'))};`);
    await writeFile(join(dir, 'sqlite-ok'), '');
    start();
    expect(await recorded()).toEqual(['electron-vite build', 'electron .']);
  });

  it('stops when the build fails, with its exit code', async () => {
    await executable(join(dir, 'node_modules/.bin/electron-vite'), '#!/bin/sh\nexit 7\n');
    await writeFile(join(dir, 'node_modules/electron/index.js'), `module.exports = ${JSON.stringify(join(dir, 'fake-electron'))};`);
    expect(start().status).toBe(7);
    expect(await recorded()).toEqual([]);
  });
});
