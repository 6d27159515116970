// Role checks, and refusals that say which role is needed and which the person has.
import type { Role } from '../../../common/api/users';
import { roleNames } from '../../../common/api/users';
import { LotlineError } from '../../../common/errors';
import type { Core } from '../context';

function list(words: readonly string[], joiner: 'or' | 'and'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${joiner} ${words.at(-1) ?? ''}`;
}

/** "Releasing a lot needs the QA role; you are signed in as an operator" */
export function roleRefusalMessage(action: string, allowed: readonly Role[], has: readonly Role[]): string {
  const needed = list(allowed.map((r) => roleNames[r].name), 'or');
  const as = has.length === 0 ? 'someone without a role' : list(has.map((r) => roleNames[r].asSomeone), 'and');
  return `${action} needs the ${needed} role; you are signed in as ${as}`;
}

export function hasRole(has: readonly Role[], allowed: readonly Role[]): boolean {
  return has.some((r) => allowed.includes(r));
}

/** Throws FORBIDDEN unless the signed-in person holds one of `allowed`; the local system identity holds every role. */
export function requireRole(core: Core, allowed: readonly Role[], action: string): void {
  if (core.user === undefined || hasRole(core.user.roles, allowed)) return;
  throw new LotlineError('FORBIDDEN', roleRefusalMessage(action, allowed, core.user.roles), { needed: allowed, has: core.user.roles });
}
