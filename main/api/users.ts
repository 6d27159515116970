// auth.*, users.* and security.* handlers.
import type { SessionUser, SignedIn, UserCommandName } from '../../common/api/users';
import { LotlineError } from '../../common/errors';
import type { Core } from '../core/context';
import { createUser, hasUsers, listUsers, resetPassword, setActive, setRoles, unlock, userByName } from '../core/users/accounts';
import { acceptCredential } from '../core/users/credentials';
import { readPolicy, writePolicy } from '../core/users/policy';
import { rolesOf } from '../core/users/store';
import type { UserRow } from '../core/users/store';
import type { Prepared } from './caller';
import type { HandlerContext, Handlers } from './handlers';

function sessionUser(row: UserRow): SessionUser {
  return { username: row.username, printedName: row.printed_name, roles: rolesOf(row) };
}

function signedIn(ctx: HandlerContext, row: UserRow): SignedIn {
  const token = ctx.sessions.start(row.id, ctx.core.now());
  return { token, user: sessionUser(row), idleMinutes: readPolicy(ctx.core.db).idleMinutes };
}

function preparedHash(prepared: Prepared): string {
  if (prepared.passwordHash === undefined) throw new LotlineError('INTERNAL', 'The password was not hashed before the command ran');
  return prepared.passwordHash;
}

/** Ends the sessions of a user whose access an admin just changed. */
function endSessions(ctx: HandlerContext, core: Core, username: string): void {
  ctx.sessions.endAllOf(userByName(core.db, username).id);
}

export const userHandlers: Pick<Handlers, UserCommandName> = {
  'auth.status': (_input, { core }) => ({
    needsSetup: !hasUsers(core.db),
    user: core.user ? { username: core.user.username, printedName: core.user.printedName, roles: [...core.user.roles] } : null,
  }),
  'auth.setup': (input, ctx) => {
    if (hasUsers(ctx.core.db)) throw new LotlineError('FORBIDDEN', 'Lotline already has users: sign in, or ask an admin to add you');
    const core = { ...ctx.core, actor: ctx.core.user?.username ?? input.username };
    createUser(core, { username: input.username, printedName: input.printedName, roles: ['admin'] }, preparedHash(ctx.prepared));
    return signedIn(ctx, userByName(core.db, input.username));
  },
  'auth.login': (_input, ctx) => {
    if (ctx.prepared.proof === undefined) throw new LotlineError('INTERNAL', 'The password was not checked before signing in');
    return signedIn(ctx, acceptCredential(ctx.core, ctx.prepared.proof, 'sign-in'));
  },
  'auth.logout': (_input, { sessions, caller }) => ({ ended: caller.token !== null && sessions.end(caller.token) }),

  'users.list': (_input, { core }) => listUsers(core.db),
  'users.create': (input, ctx) => createUser(ctx.core, input, preparedHash(ctx.prepared)),
  // Roles are read afresh at every command, so a change applies at once without ending sessions.
  'users.setRoles': (input, { core }) => setRoles(core, input.username, input.roles, input.reason),
  'users.setActive': (input, ctx) => {
    const user = setActive(ctx.core, input.username, input.active, input.reason);
    if (!input.active) endSessions(ctx, ctx.core, input.username);
    return user;
  },
  'users.resetPassword': (input, ctx) => {
    const user = resetPassword(ctx.core, input.username, preparedHash(ctx.prepared), input.reason);
    endSessions(ctx, ctx.core, input.username);
    return user;
  },
  'users.unlock': (input, { core }) => unlock(core, input.username, input.reason),
  'security.get': (_input, { core }) => readPolicy(core.db),
  'security.set': (input, { core }) => writePolicy(core, input),
};
