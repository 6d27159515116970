// Who is signed in in this window. The api is the judge: the store only follows what it answers.
import { create } from 'zustand';
import type { SessionUser, SignedIn } from '../../../common/api/users';
import { call, onSessionEnded, setSession } from '../api/client';

export type AuthPhase = 'checking' | 'needs-setup' | 'signed-out' | 'signed-in';

interface AuthState {
  phase: AuthPhase;
  user: SessionUser | null;
  idleMinutes: number;
  /** Why the last session ended (idle, signed out), shown on the sign-in screen. */
  notice: string | null;
  /** Whether this session has signed something: later signatures need the password only (21 CFR 11.200). */
  hasSigned: boolean;
  check: () => Promise<void>;
  accept: (signedIn: SignedIn) => void;
  signOut: (notice?: string) => Promise<void>;
  ended: (notice: string) => void;
  signed: () => void;
}

export const useAuth = create<AuthState>()((set) => ({
  phase: 'checking',
  user: null,
  idleMinutes: 15,
  notice: null,
  hasSigned: false,
  async check() {
    try {
      const status = await call('auth.status', {});
      if (status.user) set({ phase: 'signed-in', user: status.user });
      else set({ phase: status.needsSetup ? 'needs-setup' : 'signed-out', user: null });
    } catch (error) {
      set({ phase: 'signed-out', user: null, notice: error instanceof Error ? error.message : String(error) });
    }
  },
  accept(signedIn) {
    setSession(signedIn.token);
    set({ phase: 'signed-in', user: signedIn.user, idleMinutes: signedIn.idleMinutes, notice: null, hasSigned: false });
  },
  async signOut(notice) {
    await call('auth.logout', {}).catch(() => undefined);
    setSession(null);
    set({ phase: 'signed-out', user: null, notice: notice ?? null, hasSigned: false });
  },
  ended(notice) {
    set({ phase: 'signed-out', user: null, notice, hasSigned: false });
  },
  signed() {
    set({ hasSigned: true });
  },
}));

onSessionEnded((reason) => useAuth.getState().ended(reason));
