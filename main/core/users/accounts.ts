// Users as an admin manages them: add, roles, enable/disable, password reset, unlock. Every change is audited.
import type { Database as Db } from 'better-sqlite3';
import type { Role, User } from '../../../common/api/users';
import { LotlineError, notFound } from '../../../common/errors';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { rolesOf, toUser, userStatements } from './store';
import type { UserRow } from './store';

export function userByName(db: Db, username: string): UserRow {
  const row = userStatements(db).byName.get(username);
  if (row === undefined) throw notFound(`User ${username}`);
  return row;
}

export function hasUsers(db: Db): boolean {
  return (userStatements(db).count.get()?.n ?? 0) > 0;
}

export function listUsers(db: Db): User[] {
  return userStatements(db).all.all().map((row) => toUser(db, row));
}

export function createUser(core: Core, input: { username: string; printedName: string; roles: readonly Role[] }, passwordHash: string): User {
  const s = userStatements(core.db);
  if (s.byName.get(input.username) !== undefined) throw new LotlineError('CONFLICT', `The user ID ${input.username} is taken; choose another`);
  const at = core.now().toISOString();
  const id = Number(s.insert.run({ username: input.username, printed_name: input.printedName, roles: JSON.stringify([...input.roles].sort()), created_at: at, created_by: core.actor }).lastInsertRowid);
  s.addCredential.run(id, passwordHash, at, core.actor);
  auditCreate(core, 'users', id, 'User added');
  return toUser(core.db, userStatements(core.db).byId.get(id) as UserRow);
}

/** The last active admin cannot lose the role or be disabled: nobody could manage users any more. */
function keepAnAdmin(db: Db, changing: UserRow, stillAdmin: boolean): void {
  if (stillAdmin || changing.active === 0 || !rolesOf(changing).includes('admin')) return;
  const others = userStatements(db)
    .all.all()
    .filter((u) => u.id !== changing.id && u.active === 1 && rolesOf(u).includes('admin'));
  if (others.length === 0) throw new LotlineError('CONFLICT', `${changing.username} is the last active admin; make someone else an admin first`);
}

export function setRoles(core: Core, username: string, roles: readonly Role[], reason: string): User {
  const row = userByName(core.db, username);
  keepAnAdmin(core.db, row, roles.includes('admin'));
  auditUpdate(core, 'users', row.id, reason, () => userStatements(core.db).setRoles.run(JSON.stringify([...roles].sort()), row.id));
  return toUser(core.db, userByName(core.db, username));
}

export function setActive(core: Core, username: string, active: boolean, reason: string): User {
  const row = userByName(core.db, username);
  if (!active) keepAnAdmin(core.db, row, false);
  if ((row.active === 1) !== active) auditUpdate(core, 'users', row.id, reason, () => userStatements(core.db).setActive.run(active ? 1 : 0, row.id));
  return toUser(core.db, userByName(core.db, username));
}

/** A new credential row (the old ones stay), and the account unlocked. */
export function resetPassword(core: Core, username: string, passwordHash: string, reason: string): User {
  const row = userByName(core.db, username);
  const s = userStatements(core.db);
  auditUpdate(core, 'users', row.id, reason, () => {
    s.addCredential.run(row.id, passwordHash, core.now().toISOString(), core.actor);
    if (row.failed_attempts !== 0 || row.locked_until !== null) s.setLock.run(0, null, row.id);
  });
  return toUser(core.db, userByName(core.db, username));
}

export function unlock(core: Core, username: string, reason: string): User {
  const row = userByName(core.db, username);
  if (row.failed_attempts !== 0 || row.locked_until !== null) auditUpdate(core, 'users', row.id, reason, () => userStatements(core.db).setLock.run(0, null, row.id));
  return toUser(core.db, userByName(core.db, username));
}
