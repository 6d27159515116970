// Who a command runs for, decided by the dispatcher before the command runs: a door (IPC, the web host, the CLI
// signed in with --user) carries a session token; an in-process caller without one (tests, the demo loader, the
// CLI without --user) is the local system identity, the process that holds the database file.
import type { CredentialProof } from '../core/users/credentials';
import type { Session } from '../core/users/sessions';

export interface Caller {
  /** The session token presented, or null for the local system identity. */
  token: string | null;
  /** The live session behind the token (null for the system identity, or an anonymous command without one). */
  session: Session | null;
}

/** Work done before the command's transaction because it is slow: a password checked or hashed with scrypt. */
export interface Prepared {
  proof?: CredentialProof;
  passwordHash?: string;
}

export const SYSTEM_CALLER: Caller = { token: null, session: null };
