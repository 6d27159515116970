import type { Database as Db } from 'better-sqlite3';

/** What every core operation needs: the connection, who acts, and the clock (fixed in tests and the demo). */
export interface Core {
  db: Db;
  actor: string;
  now(): Date;
}
