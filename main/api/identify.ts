// Who runs a command: the session's user (checked against the command's roles) or the local system identity.
import type { CommandSpec } from '../../common/api/contract';
import { roles as allRoles, WRITE_ROLES } from '../../common/api/users';
import type { Role } from '../../common/api/users';
import type { ErrorBody } from '../../common/errors';
import { hasRole, roleRefusalMessage } from '../core/users/access';
import { cachedPerson, cachedPolicy } from '../core/users/identity-cache';
import type { HandlerContext } from './handlers';

export type Identified = { ok: true; ctx: HandlerContext } | { ok: false; error: ErrorBody };

/** Who may run a command: what it declares, else every signed-in user for reads and operator, QA and admin for writes. */
export function allowedRoles(spec: Pick<CommandSpec, 'roles' | 'writes'>): readonly Role[] {
  return spec.roles ?? (spec.writes ? WRITE_ROLES : allRoles);
}

/** The subject of a refusal: what the command declares, else what kind of thing it does. */
export function actionOf(spec: Pick<CommandSpec, 'action' | 'writes'>): string {
  return spec.action ?? (spec.writes ? 'Changing records' : 'Reading records');
}

const signIn = (message: string): Identified => ({ ok: false, error: { code: 'UNAUTHENTICATED', message } });

export function identify(base: HandlerContext, spec: CommandSpec, token: string | null | undefined): Identified {
  // An in-process caller: the local system identity, with every role (it holds the database file itself).
  if (token === undefined) return { ok: true, ctx: base };
  const anonymous = (): Identified => ({ ok: true, ctx: { ...base, core: { ...base.core, actor: 'anonymous' }, caller: { token, session: null } } });
  if (token === null || token === '') return spec.anonymous ? anonymous() : signIn('Sign in first: this command needs a signed-in user');
  const { db } = base.core;
  const found = base.sessions.lookup(token, base.core.now(), cachedPolicy(db).idleMinutes);
  if (!found.ok) {
    if (spec.anonymous) return anonymous();
    return signIn(
      found.reason === 'idle'
        ? `You were signed out after ${found.idleMinutes ?? ''} minutes without activity; sign in again`
        : 'Your session has ended (signed out, or Lotline restarted); sign in again',
    );
  }
  const user = cachedPerson(db, found.session.userId);
  if (user === undefined) {
    base.sessions.end(token);
    return spec.anonymous ? anonymous() : signIn('Your account was disabled; ask an admin');
  }
  const allowed = allowedRoles(spec);
  if (!spec.anonymous && !hasRole(user.roles, allowed)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: roleRefusalMessage(actionOf(spec), allowed, user.roles), details: { needed: allowed, has: user.roles } } };
  }
  return { ok: true, ctx: { ...base, core: { ...base.core, actor: user.username, user }, caller: { token, session: found.session } } };
}
