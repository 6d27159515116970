// Users, roles, sessions and the site's sign-in policy: the auth.*, users.* and security.* commands.
import { z } from 'zod';
import { command } from './contract';
import { reasonField } from './fields';

export const roles = ['operator', 'qa', 'admin', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Who may run commands that change records unless the command says otherwise. */
export const WRITE_ROLES: readonly Role[] = ['operator', 'qa', 'admin'];

/** How a role is named in a sentence ("… needs the QA role; you are signed in as an operator"). */
export const roleNames: Record<Role, { name: string; asSomeone: string }> = {
  operator: { name: 'operator', asSomeone: 'an operator' },
  qa: { name: 'QA', asSomeone: 'QA' },
  admin: { name: 'admin', asSomeone: 'an admin' },
  viewer: { name: 'viewer', asSomeone: 'a viewer' },
};

export const MIN_PASSWORD_LENGTH = 8;

export const usernameField = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9._-]{1,39}$/, 'must be a user ID: 2 to 40 letters, digits and . _ -, starting with a letter');

/** A password as typed: never trimmed (spaces count), long enough to resist guessing, short enough to hash quickly. */
export const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'must be at most 256 characters');

/** A password given to prove who you are: any length (a wrong one is refused and counted, not reported as malformed). */
export const passwordProofField = z.string().min(1, 'is required').max(256, 'must be at most 256 characters');

const rolesField = z
  .array(z.enum(roles))
  .min(1, 'give at least one role')
  .transform((list) => [...new Set(list)].sort());

const printedNameField = z.string().trim().min(2, 'must be the name as printed on records (at least 2 characters)').max(120);

export interface User {
  username: string;
  printedName: string;
  roles: Role[];
  active: boolean;
  /** Wrong passwords since the last good one. */
  failedAttempts: number;
  /** Until when sign-in is refused (ISO), 'admin' while only an admin can unlock, or null. */
  lockedUntil: string | null;
  createdAt: string;
  passwordChangedAt: string;
}

/** The signed-in person, as the renderer shows them. */
export interface SessionUser {
  username: string;
  printedName: string;
  roles: Role[];
}

export interface SignedIn {
  /** Sent with every later command (IPC argument, `X-Lotline-Session` header). */
  token: string;
  user: SessionUser;
  /** Minutes without a command after which the session ends. */
  idleMinutes: number;
}

export interface AuthStatus {
  /** No user exists yet: the first run asks for the administrator (auth.setup). */
  needsSetup: boolean;
  /** The session's user, or null without a (live) session. */
  user: SessionUser | null;
}

/** The site's sign-in and signature policy. */
export interface SecurityPolicy {
  /** Wrong passwords in a row before the account locks. */
  lockoutAttempts: number;
  /** How long a lock lasts; 0: until an admin unlocks it. */
  lockoutMinutes: number;
  /** Minutes without a command after which a session ends. */
  idleMinutes: number;
  /** Record kinds whose author or performer may not also verify, review, approve, release or reject them. */
  twoPersonKinds: string[];
}

const credentials = z.object({ username: usernameField, password: passwordProofField });

export const userCommands = {
  'auth.status': command<AuthStatus>()({ input: z.object({}), writes: false, summary: 'Whether the first administrator is still to be created, and who is signed in', anonymous: true }),
  'auth.setup': command<SignedIn>()({
    input: z.object({ username: usernameField, printedName: printedNameField, password: passwordField }),
    writes: true,
    summary: 'Create the first administrator (only while no user exists) and sign them in',
    anonymous: true,
  }),
  'auth.login': command<SignedIn>()({ input: credentials, writes: true, summary: 'Sign in with user ID and password; answers with the session token', anonymous: true }),
  'auth.logout': command<{ ended: boolean }>()({ input: z.object({}), writes: false, summary: 'End this session', anonymous: true }),

  'users.list': command<User[]>()({ input: z.object({}), writes: false, summary: 'Every user with roles and lock state', roles: ['admin'], action: 'Listing users' }),
  'users.create': command<User>()({
    input: z.object({ username: usernameField, printedName: printedNameField, roles: rolesField, password: passwordField }),
    writes: true,
    summary: 'Add a user with roles and a first password',
    roles: ['admin'],
    action: 'Adding a user',
  }),
  'users.setRoles': command<User>()({
    input: z.object({ username: usernameField, roles: rolesField, reason: reasonField }),
    writes: true,
    summary: "Change a user's roles, with the reason",
    roles: ['admin'],
    action: "Changing a user's roles",
  }),
  'users.setActive': command<User>()({
    input: z.object({ username: usernameField, active: z.boolean(), reason: reasonField }),
    writes: true,
    summary: 'Disable a user (they can no longer sign in or sign) or enable them again',
    roles: ['admin'],
    action: 'Disabling or enabling a user',
  }),
  'users.resetPassword': command<User>()({
    input: z.object({ username: usernameField, password: passwordField, reason: reasonField }),
    writes: true,
    summary: "Set a user's password (and unlock them)",
    roles: ['admin'],
    action: 'Resetting a password',
  }),
  'users.unlock': command<User>()({
    input: z.object({ username: usernameField, reason: reasonField }),
    writes: true,
    summary: 'Unlock a user locked out by wrong passwords',
    roles: ['admin'],
    action: 'Unlocking a user',
  }),
  'security.get': command<SecurityPolicy>()({ input: z.object({}), writes: false, summary: 'Lockout, idle logout and two-person rule settings' }),
  'security.set': command<SecurityPolicy>()({
    input: z
      .object({
        lockoutAttempts: z.number().int().min(1).max(20).optional(),
        lockoutMinutes: z.number().int().min(0).max(7 * 24 * 60).optional(),
        idleMinutes: z.number().int().min(1).max(24 * 60).optional(),
        twoPersonKinds: z.array(z.string().trim().regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be a record kind like lot-decision')).optional(),
        reason: reasonField,
      })
      .refine((v) => Object.keys(v).some((k) => k !== 'reason'), { message: 'give at least one setting to change' }),
    writes: true,
    summary: 'Change lockout, idle logout and two-person rule settings, with the reason',
    roles: ['admin'],
    action: 'Changing the security settings',
  }),
};

export type UserCommandName = keyof typeof userCommands;
