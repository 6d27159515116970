// Sessions live in memory in the process that runs the core: a token names a user until sign-out or until it has
// been idle too long. Kept out of the database on purpose: touching a stored "last seen" on every command would
// turn every read into a write. Sign-in and its failures are in the audited users table.
import { hash, randomBytes } from 'node:crypto';

export interface Session {
  userId: number;
  lastSeen: number;
  /** Whether the user has signed something in this session (later signings need only the password). */
  hasSigned: boolean;
}

export type SessionLookup = { ok: true; session: Session } | { ok: false; reason: 'unknown' | 'idle'; idleMinutes?: number };

const key = (token: string) => hash('sha256', token, 'hex');

export class SessionStore {
  // By the token's hash, so that a heap dump does not hand out live tokens.
  private readonly sessions = new Map<string, Session>();

  start(userId: number, now: Date): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(key(token), { userId, lastSeen: now.getTime(), hasSigned: false });
    return token;
  }

  /** The live session of a token, touched; an idle one is ended here. */
  lookup(token: string, now: Date, idleMinutes: number): SessionLookup {
    const k = key(token);
    const session = this.sessions.get(k);
    if (session === undefined) return { ok: false, reason: 'unknown' };
    if (now.getTime() - session.lastSeen > idleMinutes * 60_000) {
      this.sessions.delete(k);
      return { ok: false, reason: 'idle', idleMinutes };
    }
    session.lastSeen = now.getTime();
    return { ok: true, session };
  }

  end(token: string): boolean {
    return this.sessions.delete(key(token));
  }

  /** Ends every session of a user (disabled, password reset by an admin). */
  endAllOf(userId: number): void {
    for (const [k, s] of this.sessions) if (s.userId === userId) this.sessions.delete(k);
  }
}
