// Opens the trace database file: durable settings first, then pending migrations in one transaction.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LotlineError } from '../../../common/errors';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';
import type { Migration } from './migrations';

export type { Db };

export interface OpenOptions {
  readonly?: boolean;
  /** For tests: the migrations to know about (defaults to all). */
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, timeout: 5000 });
  try {
    // A second process (a CLI next to the app) waits for the lock instead of failing or corrupting.
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    // A committed scan is on disk before the operator sees the green light.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // 64 MB of page cache (the default is 2 MB): a plant-size database answers lists and traces from memory.
    db.pragma('cache_size = -65536');
    migrate(db, options.migrations ?? migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, list: readonly Migration[]): void {
  const current = schemaVersion(db);
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new LotlineError(
      'CONFLICT',
      `This database was written by a newer Lotline (schema ${current}; this app knows up to ${latest}). Update Lotline to open it.`,
    );
  }
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (db.readonly) throw new LotlineError('CONFLICT', `The database needs migrating to schema ${latest} and is open read-only`);
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

export { LATEST_SCHEMA_VERSION };
