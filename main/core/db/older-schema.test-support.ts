// Tests of a migration: a database file at an older schema version holding rows written by the latest one.
import type { Database as Db } from 'better-sqlite3';
import { migrations } from './migrations';
import { openDatabase, schemaVersion } from './open';

/**
 * Makes `file` a database at schema `version` and copies into it the rows of `tables` from the database at `latest`
 * (the columns the older version has; later versions added some), then runs `more` with `latest` attached as `latest`.
 */
export function copyIntoOlderSchema(latest: string, file: string, version: number, tables: readonly string[], more?: (db: Db) => void): void {
  const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= version) });
  try {
    if (schemaVersion(old) !== version) throw new Error(`${file} is at schema ${schemaVersion(old)}, not ${version}`);
    old.exec(`ATTACH '${latest}' AS latest`);
    old.transaction(() => {
      for (const table of tables) {
        const columns = old.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((c) => c.name).join(', ');
        old.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM latest.${table}`);
      }
      more?.(old);
    })();
    old.exec('DETACH latest');
  } finally {
    old.close();
  }
}
