import type { Database as Db } from 'better-sqlite3';
import type { Role } from '../../common/api/users';

/** The person a command runs for: the session's user. */
export interface Person {
  id: number;
  username: string;
  printedName: string;
  roles: readonly Role[];
}

/** What every core operation needs: the connection, who acts, and the clock (fixed in tests and the demo). */
export interface Core {
  db: Db;
  /** The name the audit trail records: the signed-in user, or the local system identity. */
  actor: string;
  /** The signed-in person; absent for the local system identity (the process holding the database file). */
  user?: Person;
  now(): Date;
}
