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
