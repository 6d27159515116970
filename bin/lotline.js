#!/usr/bin/env node
// `lotline` — runs the built CLI (npm run build makes out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('lotline: the app is not built yet; run `npm run build` first\n');
  process.exit(2);
}
await import(cli.href);
