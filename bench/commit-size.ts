// What a commit's size costs on this disk: commits that each write one small row into 1 to 9 tables (so 1 to 9
// pages appended to the WAL), with synchronous=FULL and OFF, at 4 KB pages (Lotline's) and 1 KB pages, alternated
// round by round. A station's scan writes ≈ 9 pages (bench/run.ts --only ingest counts them by b-tree); the bare
// insert it is compared with writes 1. The difference FULL − OFF is what the sync costs at each size.
// Run: npx tsx bench/commit-size.ts [commits per round]   (default 1,000; prints a table, writes nothing)
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ms, table, times } from './format';

const COMMITS = Number(process.argv[2] ?? 1000);
const ROUNDS = 5;
const TABLES = [1, 2, 4, 6, 9];
const PAGE_SIZES = [4096, 1024];
const SYNCS = ['FULL', 'OFF'] as const;

interface Case {
  pageSize: number;
  tables: number;
  sync: (typeof SYNCS)[number];
  db: Db;
  commit: () => void;
  samples: number[];
}

const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-commit-size-'));
try {
  const cases: Case[] = [];
  for (const pageSize of PAGE_SIZES)
    for (const tables of TABLES)
      for (const sync of SYNCS) {
        const db = new Database(join(dir, `p${pageSize}-t${tables}-${sync}.db`));
        db.pragma(`page_size = ${pageSize}`);
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${sync}`);
        const inserts: Statement[] = [];
        for (let t = 0; t < tables; t++) {
          db.exec(`CREATE TABLE t${t} (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT`);
          inserts.push(db.prepare(`INSERT INTO t${t} (v) VALUES (?)`));
        }
        const commit = db.transaction(() => {
          for (const insert of inserts) insert.run('x'.repeat(100));
        });
        cases.push({ pageSize, tables, sync, db, commit, samples: [] });
      }
  // Round by round over every case, so that a slow patch of the disk weighs on all alike; round 0 warms up.
  for (let round = 0; round <= ROUNDS; round++)
    for (const c of cases) {
      const t = performance.now();
      for (let i = 0; i < COMMITS; i++) c.commit();
      if (round > 0) c.samples.push((performance.now() - t) / COMMITS);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const of = (pageSize: number, tables: number, sync: Case['sync']) => median(cases.find((c) => c.pageSize === pageSize && c.tables === tables && c.sync === sync)?.samples ?? []);
  const bare = of(4096, 1, 'FULL');
  const rows = PAGE_SIZES.flatMap((p) =>
    TABLES.map((t) => {
      const full = of(p, t, 'FULL');
      const off = of(p, t, 'OFF');
      return [`${p / 1024} KB`, String(t), ms(full), ms(off), ms(full - off), times(full, bare)];
    }),
  );
  console.log(`Commits of one row into each of N tables (median of ${ROUNDS} alternated rounds of ${COMMITS.toLocaleString('en-US')} commits), ms per commit:\n`);
  console.log(table(['Page size', 'Tables (pages per commit)', 'synchronous=FULL', 'OFF', 'FULL − OFF (the sync)', 'vs 1 page at 4 KB, FULL'], rows, ['l', 'r', 'r', 'r', 'r', 'r']));
  for (const c of cases) c.db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
