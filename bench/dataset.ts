// The benchmark dataset: a synthetic plant generated once per size and seed and kept in bench/.data.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateScalePlant, scaleSizes } from '../main/demo/scale-plant';
import type { ScaleName, ScaleReport, ScaleSize } from '../main/demo/scale-plant';

export const DATA_DIR = join(import.meta.dirname, '.data');

export function datasetPath(size: ScaleName, seed: number): string {
  return join(DATA_DIR, `${size}-seed${seed}.db`);
}

/**
 * A database a benchmark may write to, in a temporary folder removed when the process exits (a copy of the plant is
 * 10 GB): a dataset under bench/.data is copied there first (≈ 1 min for the plant; the shared file is never opened
 * for writing); a database named elsewhere (your own copy) is used in place.
 */
export function writableDataset(file: string, prefix: string): { path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  if (!resolve(file).startsWith(`${resolve(DATA_DIR)}/`)) return { path: file, dir };
  const path = join(dir, 'bench.db');
  process.stderr.write(`copying ${file} to ${path} (the shared dataset is never written)…\n`);
  copyFileSync(file, path);
  return { path, dir };
}

/** The generator's report kept next to the dataset, so later runs can say how long generation took. */
export function sidecarPath(file: string): string {
  return `${file}.json`;
}

export type DatasetReport = ScaleReport & { params?: ScaleSize; generator?: string; note?: string };

/** A fingerprint of the generator's source: a dataset made by other code is stale even at the same sizes. */
export function generatorVersion(): string {
  const source = readFileSync(join(import.meta.dirname, '..', 'main', 'demo', 'scale-plant.ts'));
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}

export function readSidecar(file: string): DatasetReport | undefined {
  const path = sidecarPath(file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DatasetReport) : undefined;
}

/** Whether the dataset was made by another generator or with other sizes than now (it is kept until deleted). */
export function isStale(size: ScaleName, report: DatasetReport | undefined): boolean {
  if (report?.generator !== undefined && report.generator !== generatorVersion()) return true;
  return report?.params !== undefined && JSON.stringify(report.params) !== JSON.stringify(scaleSizes[size]);
}

/** Returns the dataset file and the generator's report (from this run, or from the sidecar when it existed). */
export function ensureDataset(
  size: ScaleName,
  seed: number,
  log: (line: string) => void,
): { file: string; report?: DatasetReport; generatedNow: boolean } {
  const file = datasetPath(size, seed);
  if (existsSync(file)) {
    const report = readSidecar(file);
    if (isStale(size, report))
      log(`${file} was made by another version of the generator or other sizes than scaleSizes.${size}; delete it to generate it anew`);
    return { file, report, generatedNow: false };
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  rmSync(`${partial}-wal`, { force: true });
  let lastPct = -1;
  const report = generateScalePlant(partial, scaleSizes[size], seed, (day, days) => {
    const pct = Math.floor((day / days) * 20) * 5;
    if (pct !== lastPct) log(`generating ${size} plant: ${(lastPct = pct)}% (day ${day} of ${days})`);
  });
  const recorded: DatasetReport = { ...report, params: scaleSizes[size], generator: generatorVersion() };
  writeFileSync(sidecarPath(file), `${JSON.stringify({ ...recorded, seed, size }, null, 2)}\n`);
  renameSync(partial, file);
  return { file, report: recorded, generatedNow: true };
}

if (process.argv[1] === import.meta.filename) {
  const size = (process.argv[2] ?? 'plant') as ScaleName;
  const { file, report } = ensureDataset(size, Number(process.argv[3] ?? 1), (l) => console.error(l));
  console.log(file, report);
}
