// The users and user_credentials tables: named statements and the row shapes.
import type { Database as Db } from 'better-sqlite3';
import type { Role, User } from '../../../common/api/users';
import { perConnection } from '../db/statements';

export interface UserRow {
  id: number;
  username: string;
  printed_name: string;
  roles: string;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  created_by: string;
}

export interface CredentialRow {
  id: number;
  user_id: number;
  hash: string;
  set_at: string;
}

export const userStatements = perConnection((db: Db) => ({
  count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
  byName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?'),
  byId: db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?'),
  all: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username'),
  insert: db.prepare<{ username: string; printed_name: string; roles: string; created_at: string; created_by: string }>(
    'INSERT INTO users (username, printed_name, roles, created_at, created_by) VALUES (@username, @printed_name, @roles, @created_at, @created_by)',
  ),
  setRoles: db.prepare<[string, number]>('UPDATE users SET roles = ? WHERE id = ?'),
  setActive: db.prepare<[number, number]>('UPDATE users SET active = ? WHERE id = ?'),
  setLock: db.prepare<[number, string | null, number]>('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?'),
  credential: db.prepare<[number], CredentialRow>('SELECT * FROM user_credentials WHERE user_id = ? ORDER BY id DESC LIMIT 1'),
  addCredential: db.prepare<[number, string, string, string]>('INSERT INTO user_credentials (user_id, hash, set_at, set_by) VALUES (?, ?, ?, ?)'),
}));

export function rolesOf(row: UserRow): Role[] {
  return JSON.parse(row.roles) as Role[];
}

export function toUser(db: Db, row: UserRow): User {
  return {
    username: row.username,
    printedName: row.printed_name,
    roles: rolesOf(row),
    active: row.active === 1,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    passwordChangedAt: userStatements(db).credential.get(row.id)?.set_at ?? row.created_at,
  };
}
