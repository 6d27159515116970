// Runs the real script in a scratch project whose better-sqlite3 and npm are stand-ins, so the decision
// (rebuild or not) is exercised without touching the shared node_modules.
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, 'ensure-node-native.js');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotline-native-'));
  await mkdir(join(dir, 'scripts'));
  await mkdir(join(dir, 'bin'));
  await mkdir(join(dir, 'node_modules', 'better-sqlite3'), { recursive: true });
  await copyFile(script, join(dir, 'scripts', 'ensure-node-native.js'));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  // `npm rebuild` stand-in: records its arguments and "rebuilds" by writing the marker the module checks for.
  await writeFile(
    join(dir, 'bin', 'npm'),
    `#!/bin/sh\necho "$@" >> "${join(dir, 'npm-calls.txt')}"\ntouch "${join(dir, 'node_modules', 'better-sqlite3', 'built-for-node')}"\n`,
  );
  await chmod(join(dir, 'bin', 'npm'), 0o755);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeModule(failure: string): Promise<void> {
  await writeFile(
    join(dir, 'node_modules', 'better-sqlite3', 'index.js'),
    `const { existsSync } = require('node:fs');
if (!existsSync(__dirname + '/built-for-node')) throw new Error(${JSON.stringify(failure)});
module.exports = class Database { close() {} };`,
  );
}

function run(): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(dir, 'scripts', 'ensure-node-native.js')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}` },
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

async function npmCalls(): Promise<string[]> {
  const file = join(dir, 'npm-calls.txt');
  return existsSync(file) ? (await readFile(file, 'utf8')).trim().split('\n') : [];
}

describe.skipIf(process.platform === 'win32')('ensure-node-native', () => {
  it('does nothing, silently, when better-sqlite3 already loads', async () => {
    await fakeModule('unused');
    await writeFile(join(dir, 'node_modules', 'better-sqlite3', 'built-for-node'), '');
    expect(run()).toEqual({ status: 0, output: '' });
    expect(await npmCalls()).toEqual([]);
  });

  it('rebuilds for Node when the binary was built for Electron, then checks again', async () => {
    await fakeModule(
      "The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 145. This version of Node.js requires NODE_MODULE_VERSION 115.",
    );
    const { status, output } = run();
    expect(status).toBe(0);
    expect(output).toContain('NODE_MODULE_VERSION 145, likely Electron');
    expect(output).toContain('better-sqlite3 now loads under Node.');
    expect(await npmCalls()).toEqual(['rebuild better-sqlite3']);
  });

  it('does not rebuild for an unrelated failure and says why it stopped', async () => {
    await fakeModule('libstdc++.so.6: cannot open shared object file');
    const { status, output } = run();
    expect(status).toBe(1);
    expect(output).toContain('a rebuild would not fix it');
    expect(output).toContain('libstdc++.so.6');
    expect(await npmCalls()).toEqual([]);
  });
});
