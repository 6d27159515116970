// What every signed-in command reads to know who calls (the sign-in policy, the user's row), kept per connection and
// read again only after it may have changed: a users or settings change audited through this connection, or any
// commit by another connection (`PRAGMA data_version`). Saves the reads and parsing on each scan of a station.
import type { Database as Db, Statement } from 'better-sqlite3';
import type { SecurityPolicy } from '../../../common/api/users';
import { auditedChanges } from '../audit/trail';
import { perConnection } from '../db/statements';
import { readPolicy } from './policy';
import { rolesOf, userStatements } from './store';
import type { Person } from '../context';

interface Cached {
  version: string;
  policy: SecurityPolicy | undefined;
  people: Map<number, Person | undefined>;
}

const state = perConnection((db: Db): { dataVersion: Statement<[], number>; cached: Cached } => ({
  dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
  cached: { version: '', policy: undefined, people: new Map() },
}));

function current(db: Db): Cached {
  // Inside a transaction of this connection the rows may hold what a rollback will undo: read them, keep nothing.
  if (db.inTransaction) return { version: '', policy: undefined, people: new Map() };
  const s = state(db);
  const version = `${s.dataVersion.get() ?? 0}:${auditedChanges(db, 'users')}:${auditedChanges(db, 'settings')}`;
  if (s.cached.version !== version) s.cached = { version, policy: undefined, people: new Map() };
  return s.cached;
}

/** The sign-in policy as `readPolicy` reads it. */
export function cachedPolicy(db: Db): SecurityPolicy {
  const cached = current(db);
  return (cached.policy ??= readPolicy(db));
}

/** The active user with this id as a command's caller, or undefined when there is none or it is disabled. */
export function cachedPerson(db: Db, id: number): Person | undefined {
  const cached = current(db);
  if (!cached.people.has(id)) {
    const row = userStatements(db).byId.get(id);
    cached.people.set(id, row === undefined || row.active === 0 ? undefined : Object.freeze({ id: row.id, username: row.username, printedName: row.printed_name, roles: Object.freeze(rolesOf(row)) }));
  }
  return cached.people.get(id);
}
