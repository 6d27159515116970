// The benchmark dataset: a synthetic plant generated once per size and seed and kept in bench/.data.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateScalePlant, scaleSizes } from '../main/demo/scale-plant';
import type { ScaleName, ScaleReport } from '../main/demo/scale-plant';

export const DATA_DIR = join(import.meta.dirname, '.data');

export function datasetPath(size: ScaleName, seed: number): string {
  return join(DATA_DIR, `${size}-seed${seed}.db`);
}

/** Returns the dataset file, generating it first when missing (the report is undefined when it existed). */
export function ensureDataset(size: ScaleName, seed: number, log: (line: string) => void): { file: string; report?: ScaleReport } {
  const file = datasetPath(size, seed);
  if (existsSync(file)) return { file };
  mkdirSync(DATA_DIR, { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  rmSync(`${partial}-wal`, { force: true });
  let lastPct = -1;
  const report = generateScalePlant(partial, scaleSizes[size], seed, (day, days) => {
    const pct = Math.floor((day / days) * 20) * 5;
    if (pct !== lastPct) log(`generating ${size} plant: ${(lastPct = pct)}% (day ${day} of ${days})`);
  });
  renameSync(partial, file);
  return { file, report };
}

if (process.argv[1] === import.meta.filename) {
  const size = (process.argv[2] ?? 'plant') as ScaleName;
  const { file, report } = ensureDataset(size, Number(process.argv[3] ?? 1), (l) => console.error(l));
  console.log(file, report);
}
