// A key for "the database as it is now", for answers kept between commands (a wide trace, a campaign's scope):
// every change through the app appends to the audit trail (its head's seq and hash; a rolled-back change leaves a
// different hash at that seq), and any commit by another connection — an edit outside the app included — moves
// SQLite's data_version.
import type { Database as Db } from 'better-sqlite3';
import { trailHead } from '../audit/trail';
import { perConnection } from './statements';

const statements = perConnection((db: Db) => ({ dataVersion: db.prepare<[], { data_version: number }>('PRAGMA data_version') }));

export function databaseMoment(db: Db): string {
  const head = trailHead(db);
  return `${statements(db).dataVersion.get()?.data_version ?? 0}|${head?.seq ?? 0}:${head?.hash ?? ''}`;
}
