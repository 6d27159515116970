#!/usr/bin/env node
// Makes sure better-sqlite3 loads under plain Node before tests run. `npm start` with Electron present rebuilds it
// for Electron's ABI (electron-builder install-app-deps); after that, Node cannot load it until it is rebuilt.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Loads the module in a fresh Node, so a failed dlopen here never sticks to the check after a rebuild. */
function probe() {
  const result = spawnSync(process.execPath, ['-e', "const Database = require('better-sqlite3'); new Database(':memory:').close();"], {
    cwd: root,
    encoding: 'utf8',
  });
  return { ok: result.status === 0, output: `${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

/** A binary built for another runtime (Electron) or missing altogether; both are fixed by a rebuild. */
function needsRebuild(output) {
  return /NODE_MODULE_VERSION|compiled against a different Node\.js version|Could not locate the bindings file/.test(output);
}

const first = probe();
if (first.ok) process.exit(0);

if (!needsRebuild(first.output)) {
  console.error(`better-sqlite3 does not load under Node ${process.version}, and a rebuild would not fix it:\n${first.output.trim()}`);
  process.exit(1);
}

const abi = /NODE_MODULE_VERSION (\d+)/.exec(first.output)?.[1];
console.log(
  `better-sqlite3 is built for ${abi ? `another runtime (NODE_MODULE_VERSION ${abi}, likely Electron)` : 'no runtime yet'}; ` +
    `rebuilding it for Node ${process.version} (NODE_MODULE_VERSION ${process.versions.modules}), which can take a few minutes.`,
);
const rebuild = spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (rebuild.status !== 0) {
  console.error(
    `npm rebuild better-sqlite3 failed (exit ${rebuild.status ?? rebuild.signal}); python3, make and a C++ compiler are needed.`,
  );
  process.exit(1);
}

const second = probe();
if (!second.ok) {
  console.error(`better-sqlite3 still does not load under Node after the rebuild:\n${second.output.trim()}`);
  process.exit(1);
}
console.log('better-sqlite3 now loads under Node.');
