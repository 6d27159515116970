// The benchmark dataset: a synthetic plant generated once per size and seed and kept in bench/.data.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateScalePlant, scaleSizes } from '../main/demo/scale-plant';
import type { ScaleName, ScaleReport } from '../main/demo/scale-plant';

export const DATA_DIR = join(import.meta.dirname, '.data');

export function datasetPath(size: ScaleName, seed: number): string {
  return join(DATA_DIR, `${size}-seed${seed}.db`);
}

/** The generator's report kept next to the dataset, so later runs can say how long generation took. */
export function sidecarPath(file: string): string {
  return `${file}.json`;
}

export function readSidecar(file: string): ScaleReport | undefined {
  const path = sidecarPath(file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ScaleReport) : undefined;
}

/** Returns the dataset file and the generator's report (from this run, or from the sidecar when it existed). */
export function ensureDataset(
  size: ScaleName,
  seed: number,
  log: (line: string) => void,
): { file: string; report?: ScaleReport; generatedNow: boolean } {
  const file = datasetPath(size, seed);
  if (existsSync(file)) return { file, report: readSidecar(file), generatedNow: false };
  mkdirSync(DATA_DIR, { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  rmSync(`${partial}-wal`, { force: true });
  let lastPct = -1;
  const report = generateScalePlant(partial, scaleSizes[size], seed, (day, days) => {
    const pct = Math.floor((day / days) * 20) * 5;
    if (pct !== lastPct) log(`generating ${size} plant: ${(lastPct = pct)}% (day ${day} of ${days})`);
  });
  writeFileSync(sidecarPath(file), `${JSON.stringify({ ...report, seed, size }, null, 2)}\n`);
  renameSync(partial, file);
  return { file, report, generatedNow: true };
}

if (process.argv[1] === import.meta.filename) {
  const size = (process.argv[2] ?? 'plant') as ScaleName;
  const { file, report } = ensureDataset(size, Number(process.argv[3] ?? 1), (l) => console.error(l));
  console.log(file, report);
}
