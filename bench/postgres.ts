// PostgreSQL side by side with Lotline: Debian's server started on loopback in a temp folder, loaded with the same
// lineage by COPY streamed out of SQLite, given the same indexes, then asked the same recursive SQL as walkCte.
import type { Database as Db } from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Direction, Walk, WalkEdge } from '../main/core/trace/walk';

/** Settings that give PostgreSQL a fair chance on this machine; the write-up lists them. */
export const PG_SETTINGS: Record<string, string> = {
  shared_buffers: '1GB',
  work_mem: '64MB',
  maintenance_work_mem: '512MB',
  effective_cache_size: '4GB',
  // A JIT compile costs more than these queries take.
  jit: 'off',
  // Loading a fixture: durability is not what is measured here.
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const latest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!latest) throw new Error(`PostgreSQL's server is not installed (no ${root}/*/bin/initdb): apt-get install postgresql`);
  return join(root, latest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export class PgServer {
  private stopped = false;
  private readonly onExit = () => this.stop();

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly asUser: string | undefined,
    readonly port: number,
    readonly version: string,
  ) {
    process.once('exit', this.onExit);
  }

  /** initdb + pg_ctl start in a fresh temp folder; as the `postgres` user when running as root (initdb refuses root). */
  static async start(log: (line: string) => void): Promise<PgServer> {
    const bin = pgBin();
    const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-pg-'));
    const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
    if (asUser) {
      const uid = Number(execFileSync('id', ['-u', asUser], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', asUser], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const run = (tool: string, args: string[]) =>
      asUser
        ? execFileSync('runuser', ['-u', asUser, '--', join(bin, tool), ...args], { stdio: 'pipe' })
        : execFileSync(join(bin, tool), args, { stdio: 'pipe' });
    const data = join(dir, 'data');
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale']);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-c listen_addresses=127.0.0.1`,
      `-k ${dir}`,
      ...Object.entries(PG_SETTINGS).map(([k, v]) => `-c ${k}=${v}`),
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    const version = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
    log(`PostgreSQL started: ${version} on 127.0.0.1:${port} in ${dir}`);
    return new PgServer(bin, dir, asUser, port, version);
  }

  async client(): Promise<pg.Client> {
    const client = new pg.Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    return client;
  }

  /** COPY FROM STDIN through psql, fed by `rows` (tab-separated lines), with backpressure. */
  async copy(table: string, rows: Iterable<string>): Promise<void> {
    const psql = spawn(
      join(this.bin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-c', `COPY ${table} FROM STDIN`],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    psql.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<void>((resolve, reject) => {
      psql.once('error', reject);
      psql.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`COPY ${table} failed (psql exit ${code}): ${stderr}`))));
    });
    let batch = '';
    for (const line of rows) {
      batch += line;
      if (batch.length >= 1 << 20) {
        if (!psql.stdin.write(batch)) await new Promise((resolve) => psql.stdin.once('drain', resolve));
        batch = '';
      }
    }
    psql.stdin.end(batch);
    await done;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    process.off('exit', this.onExit);
    try {
      const args = ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop'];
      if (this.asUser) execFileSync('runuser', ['-u', this.asUser, '--', join(this.bin, 'pg_ctl'), ...args], { stdio: 'pipe' });
      else execFileSync(join(this.bin, 'pg_ctl'), args, { stdio: 'pipe' });
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function* tsv(db: Db, sql: string): Generator<string> {
  for (const row of db.prepare<[], number[]>(sql).raw().iterate()) yield `${row.join('\t')}\n`;
}

export interface PgLoad {
  edges: number;
  voids: number;
  copySeconds: number;
  indexSeconds: number;
  analyzeSeconds: number;
  tableBytes: number;
}

/** The lineage and its voids with the same keys and indexes as in SQLite, then VACUUM ANALYZE. */
export async function loadLineage(server: PgServer, client: pg.Client, db: Db): Promise<PgLoad> {
  await client.query(`DROP TABLE IF EXISTS lineage_void; DROP TABLE IF EXISTS lineage;
    CREATE TABLE lineage (input_id integer NOT NULL, output_id integer NOT NULL, event_id integer NOT NULL);
    CREATE TABLE lineage_void (input_id integer NOT NULL, output_id integer NOT NULL, event_id integer NOT NULL, void_event_id integer NOT NULL);`);
  let t = performance.now();
  await server.copy('lineage', tsv(db, 'SELECT input_id, output_id, event_id FROM lineage'));
  await server.copy('lineage_void', tsv(db, 'SELECT input_id, output_id, event_id, void_event_id FROM lineage_void'));
  const copySeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await client.query(`ALTER TABLE lineage ADD PRIMARY KEY (input_id, output_id, event_id);
    CREATE INDEX lineage_backward ON lineage (output_id, input_id);
    ALTER TABLE lineage_void ADD PRIMARY KEY (input_id, output_id, event_id);
    CREATE INDEX lineage_void_by_event ON lineage_void (void_event_id);`);
  const indexSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  // VACUUM sets the visibility map, without which index-only scans would visit the heap.
  await client.query('VACUUM ANALYZE lineage');
  await client.query('VACUUM ANALYZE lineage_void');
  const analyzeSeconds = (performance.now() - t) / 1000;
  const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  return {
    edges: await count('SELECT count(*) AS n FROM lineage'),
    voids: await count('SELECT count(*) AS n FROM lineage_void'),
    copySeconds,
    indexSeconds,
    analyzeSeconds,
    tableBytes: await count(`SELECT pg_total_relation_size('lineage') AS n`),
  };
}

// walkCte's SQL, adapted only where PostgreSQL's syntax differs: json_each(@roots) → unnest($1::int[]).
const live =
  'NOT EXISTS (SELECT 1 FROM lineage_void v WHERE v.input_id = l.input_id AND v.output_id = l.output_id AND v.event_id = l.event_id)';

const walkSql = (from: string, to: string) => `
  WITH RECURSIVE walk(id, depth) AS (
    SELECT unnest($1::int[]), 0
    UNION
    SELECT l.${to}, w.depth + 1 FROM walk w JOIN lineage l ON l.${from} = w.id
     WHERE w.depth < $2 AND ${live}
  )
  SELECT id, min(depth) AS depth FROM walk GROUP BY id`;

const edgesSql = (from: string, to: string) => `
  SELECT l.${from} AS src, l.${to} AS dst, l.event_id FROM lineage l
   WHERE l.${from} IN (SELECT unnest($1::int[])) AND ${live}`;

export const pgWalkSql = { forward: walkSql('input_id', 'output_id'), backward: walkSql('output_id', 'input_id') };

/**
 * The same walk as walkCte: the recursive CTE for the reached nodes and their depths, then the edges among them
 * (both statements prepared once on the connection).
 */
export async function pgWalk(client: pg.Client, roots: readonly number[], direction: Direction, depthLimit: number): Promise<Pick<Walk, 'depths' | 'edges' | 'truncated'>> {
  const [from, to] = direction === 'forward' ? ['input_id', 'output_id'] : ['output_id', 'input_id'];
  const nodes = await client.query<{ id: number; depth: number }>({
    name: `walk-${direction}`,
    text: walkSql(from, to),
    values: [roots, depthLimit],
  });
  const depths = new Map(nodes.rows.map((r) => [r.id, r.depth]));
  const rows = await client.query<{ src: number; dst: number; event_id: number }>({
    name: `edges-${direction}`,
    text: edgesSql(from, to),
    values: [[...depths.keys()]],
  });
  const edges: WalkEdge[] = [];
  let truncated = false;
  for (const e of rows.rows) {
    if (!depths.has(e.dst)) truncated = true;
    else
      edges.push(
        direction === 'forward' ? { from: e.src, to: e.dst, eventId: e.event_id } : { from: e.dst, to: e.src, eventId: e.event_id },
      );
  }
  return { depths, edges, truncated };
}

export async function pgExplain(client: pg.Client, roots: readonly number[], direction: Direction, depthLimit: number): Promise<string> {
  const res = await client.query<{ 'QUERY PLAN': string }>({
    text: `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${pgWalkSql[direction]}`,
    values: [roots, depthLimit],
  });
  return res.rows.map((r) => r['QUERY PLAN']).join('\n');
}
