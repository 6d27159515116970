// The signing components of a signature (21 CFR 11.200(a)(1)): at the first signing of a session both the user ID and
// the password; at later ones the password alone. A signature is always the signer's own.
import { LotlineError } from '../../common/errors';
import { acceptCredential } from '../core/users/credentials';
import type { UserRow } from '../core/users/store';
import type { HandlerContext } from './handlers';

/** The signer's user row once their password is proved (a wrong one is counted and audited, and refused). */
export function provenSigner(ctx: HandlerContext, named: string | undefined, field = 'username'): UserRow {
  const { user } = ctx.core;
  const session = ctx.caller.session;
  if (user !== undefined) {
    if (named === undefined && !session?.hasSigned) {
      throw new LotlineError('VALIDATION', `${field}: is required at the first signing of a session (user ID and password; later signings need the password only)`);
    }
    if (named !== undefined && named.toLowerCase() !== user.username.toLowerCase()) {
      throw new LotlineError('FORBIDDEN', `You are signed in as ${user.username}; a signature must be your own (sign in as ${named} to sign as them)`);
    }
  }
  const proof = ctx.prepared.proof;
  if (proof === undefined) throw new LotlineError('INTERNAL', 'The password was not checked before signing');
  const signer = acceptCredential(ctx.core, proof, 'signature');
  if (session) session.hasSigned = true;
  return signer;
}
