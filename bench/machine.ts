// What the figures were measured on.
import type { Database as Db } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramBytes: number;
  os: string;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  postgres?: string;
  pgClient: string;
  loadAverage: number[];
}

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

export function describeMachine(db: Db): Machine {
  const require = createRequire(import.meta.url);
  const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(read('/proc/cpuinfo'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramBytes: totalmem(),
    os: `${/^PRETTY_NAME="?([^"\n]+)"?$/m.exec(read('/etc/os-release'))?.[1] ?? process.platform}, Linux ${release()}`,
    node: process.version,
    sqlite: db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? 'unknown',
    betterSqlite3: version('better-sqlite3'),
    pgClient: version('pg'),
    loadAverage: loadavg(),
  };
}
