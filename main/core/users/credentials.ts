// Proving who you are with user ID and password, at sign-in and at each signature. The password is checked against
// scrypt outside the write transaction (it takes about a second); the outcome is then applied inside it, where
// wrong passwords are counted toward lockout and audited even though the command itself is refused.
import type { Database as Db } from 'better-sqlite3';
import { LotlineError } from '../../../common/errors';
import { auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { KeptRefusal } from '../kept-refusal';
import { eventTime, withOffset } from '../time';
import { decoyHash, verifyPassword } from './passwords';
import { readPolicy } from './policy';
import { userStatements } from './store';
import type { UserRow } from './store';

/** The outcome of the scrypt check, made before the command's transaction. */
export interface CredentialProof {
  username: string;
  /** The credential the password was checked against (null: no such user); a password changed since counts as wrong. */
  credentialId: number | null;
  matches: boolean;
}

export async function proveCredential(db: Db, username: string, password: string): Promise<CredentialProof> {
  const s = userStatements(db);
  const row = s.byName.get(username);
  const credential = row === undefined ? undefined : s.credential.get(row.id);
  // An unknown user ID costs as much time as a wrong password, so timing does not tell which user IDs exist.
  const matches = await verifyPassword(password, credential?.hash ?? (await decoyHash()));
  return { username: row?.username ?? username, credentialId: credential?.id ?? null, matches: matches && credential !== undefined };
}

export type CredentialUse = 'sign-in' | 'signature';

const WRONG = 'The user ID or password is wrong';

function lockedUntil(row: UserRow, now: Date): string | null {
  if (row.locked_until === null) return null;
  if (row.locked_until === 'admin' || Date.parse(row.locked_until) > now.getTime()) return row.locked_until;
  return null;
}

function describeLock(until: string, now: Date): string {
  if (until === 'admin') return 'until an admin unlocks it';
  const local = withOffset(until, eventTime(undefined, now).offset);
  return `until ${local.slice(11, 16)} (${local.slice(0, 10)}) or until an admin unlocks it`;
}

/**
 * Applies a proof inside the command's transaction: the user row when the password was right; otherwise a refusal
 * whose writes stand (the failure counted, the account locked at the policy's limit, and both audited).
 */
export function acceptCredential(core: Core, proof: CredentialProof, use: CredentialUse): UserRow {
  const s = userStatements(core.db);
  const row = s.byName.get(proof.username);
  if (row === undefined) throw new LotlineError('FORBIDDEN', WRONG);
  if (row.active === 0) throw new LotlineError('FORBIDDEN', `${row.username} is disabled; ask an admin`);
  const now = core.now();
  const policy = readPolicy(core.db);
  const locked = lockedUntil(row, now);
  const current = s.credential.get(row.id);
  const right = proof.matches && proof.credentialId !== null && proof.credentialId === current?.id;
  const who = use === 'sign-in' ? { ...core, actor: core.user?.username ?? `(sign-in as ${row.username})` } : core;

  if (locked !== null) {
    // Still counted and audited: an attempt on a locked account is worth knowing about.
    auditUpdate(who, 'users', row.id, `${use === 'sign-in' ? 'Sign-in' : 'Signature'} refused: the account is locked`, () => s.setLock.run(row.failed_attempts + 1, locked, row.id));
    throw new KeptRefusal('FORBIDDEN', `${row.username} is locked after ${policy.lockoutAttempts} wrong passwords, ${describeLock(locked, now)}`, { locked: true });
  }
  if (!right) {
    // A lock that has run out starts the count again.
    const failures = (row.locked_until === null ? row.failed_attempts : 0) + 1;
    const lockNow = failures >= policy.lockoutAttempts ? (policy.lockoutMinutes === 0 ? 'admin' : new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString()) : null;
    const what = use === 'sign-in' ? 'Wrong password at sign-in' : 'Wrong password when signing';
    auditUpdate(who, 'users', row.id, `${what} (${failures} of ${policy.lockoutAttempts})${lockNow ? '; account locked' : ''}`, () => s.setLock.run(failures, lockNow, row.id));
    const left = policy.lockoutAttempts - failures;
    throw new KeptRefusal(
      'FORBIDDEN',
      lockNow ? `${WRONG}. ${row.username} is now locked ${describeLock(lockNow, now)}` : `${WRONG} (${left} more wrong ${left === 1 ? 'try locks' : 'tries lock'} the account)`,
      { locked: lockNow !== null, attemptsLeft: left },
    );
  }
  if (row.failed_attempts !== 0 || row.locked_until !== null) {
    auditUpdate(who, 'users', row.id, use === 'sign-in' ? 'Signed in: wrong-password count cleared' : 'Signed: wrong-password count cleared', () => s.setLock.run(0, null, row.id));
  }
  return s.byId.get(row.id) as UserRow;
}
