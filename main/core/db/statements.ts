// Statements are prepared once per connection: each store declares its named statements with `perConnection`.
import type { Database as Db } from 'better-sqlite3';

export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) {
      value = build(db);
      cache.set(db, value);
    }
    return value;
  };
}

/**
 * Whether `table` has exactly these columns: then a row inserted with values for all of them but `id` is,
 * as stored, those values and its rowid, so a writer can take its audit snapshot without RETURNING *
 * (which costs about as much again as the insert). A column added later turns this off, not wrong.
 */
export function hasExactlyColumns(db: Db, table: string, columns: readonly string[]): boolean {
  const actual = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
  return actual.length === columns.length && columns.every((c) => actual.includes(c));
}
