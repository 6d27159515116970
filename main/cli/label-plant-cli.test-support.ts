// `lotline …` on a database file holding the label plant (labels/label-plant.test-support.ts), for the CLI tests
// of commands that render from it (labels, records): the plant is built once per file, the temp folder and the
// preview worker cleaned up after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { tempApi } from '../api/test-plant';
import { labelPlant } from '../labels/label-plant.test-support';
import { stopZplPreview } from '../labels/preview';
import { runCli } from './run';

export interface LabelPlantCli {
  /** A temp folder for the files the commands write. */
  readonly dir: string;
  /** The database file (set once the plant is built). */
  dbPath(): string;
  cli(...args: string[]): Promise<{ code: number; out: string; err: string }>;
}

/** Call at the top of a test file. */
export function labelPlantCli(name: string): LabelPlantCli {
  const dir = mkdtempSync(join(tmpdir(), `lotline-cli-${name}-`));
  let db = '';
  beforeAll(async () => {
    const t = tempApi();
    await labelPlant(t);
    t.api.close();
    db = t.dbPath;
  });
  afterAll(async () => {
    await stopZplPreview();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    dbPath: () => db,
    async cli(...args) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['--db', db, ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
  };
}
