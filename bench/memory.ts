// Peak memory, each measurement in its own child process: opening the scaled database (with the first
// dashboard), building the lineage index, and the widest trace with and without the index.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ProbeName, ProbeReport } from './memory-probe';

const PROBE = join(import.meta.dirname, 'memory-probe.ts');

export function memoryBenchmark(file: string, widestRef: string, log: (line: string) => void): ProbeReport[] {
  const probes: ProbeName[] = ['open', 'index', 'trace', 'trace-cte'];
  return probes.map((probe) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', PROBE, probe, file, widestRef], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const report = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ProbeReport;
    log(`memory ${probe}: peak RSS ${(report.maxRssBytes / 1024 / 1024).toFixed(0)} MB`);
    return report;
  });
}
