// `audit verify` at plant scale: the whole trail's hash chain walked and replayed against every record, on the shared
// dataset opened read-only, beside the chain alone (every row read and its hash recomputed, no replay) in the same run.
// Reports wall and CPU time, rows per second and the process's peak RSS (VmHWM, reset before each part).
// Run: npx tsx bench/audit-verify.ts [db]   (default bench/.data/plant-seed1.db). Writes bench/RESULTS-audit.md.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GENESIS_HASH, rowHash } from '../main/core/audit/trail';
import type { TrailRow } from '../main/core/audit/trail';
import { verifyAudit } from '../main/core/audit/verify';
import { openDatabase } from '../main/core/db/open';
import { datasetPath } from './dataset';
import { int, mb, ms, table } from './format';
import { describeMachine } from './machine';
import { machineSection, withFindings } from './report';

const file = resolve(process.argv[2] ?? datasetPath('plant', 1));
const db = openDatabase(file, { readonly: true });
const machine = describeMachine(db);

/** The process's peak resident set since the last reset, in bytes (Linux). */
function peakRss(): number {
  const line = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB$/m);
  return line ? Number(line[1]) * 1024 : process.memoryUsage().rss;
}

function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the peak then covers the whole process.
  }
}

interface Part {
  name: string;
  wallMs: number;
  cpuMs: number;
  rows: number;
  peak: number;
  note: string;
}

function measure(name: string, run: () => { rows: number; note: string }): Part {
  global.gc?.();
  resetPeak();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { rows, note } = run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const part = { name, wallMs, cpuMs: (used.user + used.system) / 1000, rows, peak: peakRss(), note };
  process.stderr.write(`${name}: ${ms(wallMs)} ms, ${int(rows)} rows, peak ${mb(part.peak)}\n`);
  return part;
}

const chain = measure('The chain alone: every row read in order, its hash recomputed', () => {
  let prev = GENESIS_HASH;
  let rows = 0;
  let broken = 0;
  for (const row of db.prepare<[], TrailRow>('SELECT * FROM audit_trail ORDER BY seq').iterate()) {
    if (row.prev_hash !== prev || rowHash(row.prev_hash, row) !== row.hash) broken++;
    prev = row.hash;
    rows++;
  }
  return { rows, note: broken === 0 ? 'intact' : `${broken} rows broken` };
});
const verify = measure('audit verify: the chain, then every record replayed against its last audited state', () => {
  const result = verifyAudit(db);
  return { rows: result.rows, note: `${result.ok ? 'intact' : `${result.problems.length} problems`}; ${int(result.recordsChecked)} records checked` };
});
const counts = db.prepare<[], { rows: number; moves: number; imports: number }>(
  `SELECT count(*) AS rows, count(moves) AS moves, sum(entity = 'import') AS imports FROM audit_trail`,
).get() ?? { rows: 0, moves: 0, imports: 0 };
db.close();

const report = `# audit verify at plant scale

Written by \`npx tsx bench/audit-verify.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, on \`${file.split('/').slice(-2).join('/')}\`
(${mb(statSync(file).size)}; ${int(counts.rows)} trail rows, of which ${int(counts.moves)} carry the lots and serials their
event changed and ${int(counts.imports)} are EPCIS import batches), opened read-only. One run of each part; the peak RSS
is reset before each.

${table(
  ['', 'Wall', 'CPU', 'Rows/s', 'Peak RSS', 'Result'],
  [chain, verify].map((p) => [p.name, `${(p.wallMs / 1000).toFixed(1)} s`, `${(p.cpuMs / 1000).toFixed(1)} s`, int(p.rows / (p.wallMs / 1000)), mb(p.peak), p.note]),
  ['l', 'r', 'r', 'r', 'r', 'l'],
)}

## Machine

${machineSection(machine)}
`;
writeFileSync(join(import.meta.dirname, 'RESULTS-audit.md'), withFindings('audit', report));
process.stdout.write(report);
