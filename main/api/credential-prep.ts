// The slow half of commands that take a password: scrypt runs here, before the command's transaction, so that the
// write lock is never held for the second it takes. The handler then applies the outcome inside the transaction.
import type { CommandName, ParsedInput } from '../../common/api';
import { LotlineError } from '../../common/errors';
import { proveCredential } from '../core/users/credentials';
import { hashPassword } from '../core/users/passwords';
import type { Prepared } from './caller';
import type { HandlerContext } from './handlers';

type Preparer<K extends CommandName> = (input: ParsedInput<K>, ctx: HandlerContext) => Promise<Prepared>;
type Preparers = { [K in CommandName]?: Preparer<K> };

/** Whose password a signature checks: the one named, else the session's user. */
export function signerName(ctx: HandlerContext, named: string | undefined): string {
  const username = named ?? ctx.core.user?.username;
  if (username === undefined) throw new LotlineError('VALIDATION', 'signature.username: is required: no session names the signer');
  return username;
}

const hash = async (password: string): Promise<Prepared> => ({ passwordHash: await hashPassword(password) });

/** A decision signed in its own command (a release, a spec approval): the signer's password proved when it is given. */
const signatureProof = async (signature: { username?: string | undefined; password: string } | undefined, ctx: HandlerContext): Promise<Prepared> =>
  signature ? { proof: await proveCredential(ctx.core.db, signerName(ctx, signature.username), signature.password) } : {};

const preparers: Preparers = {
  'auth.setup': (input) => hash(input.password),
  'users.create': (input) => hash(input.password),
  'users.resetPassword': (input) => hash(input.password),
  'auth.login': async (input, ctx) => ({ proof: await proveCredential(ctx.core.db, input.username, input.password) }),
  'signatures.sign': async (input, ctx) => ({ proof: await proveCredential(ctx.core.db, signerName(ctx, input.username), input.password) }),
  'units.setStatus': (input, ctx) => signatureProof(input.signature, ctx),
  'specs.approve': (input, ctx) => signatureProof(input.signature, ctx),
  'recalls.addRule': (input, ctx) => signatureProof(input.signature, ctx),
  'recalls.open': (input, ctx) => signatureProof(input.signature, ctx),
  'recalls.monitor': (input, ctx) => signatureProof(input.signature, ctx),
  'recalls.close': (input, ctx) => signatureProof(input.signature, ctx),
  'recalls.lift': (input, ctx) => signatureProof(input.signature, ctx),
  'review.approve': (input, ctx) => signatureProof(input, ctx),
  'packages.export': (input, ctx) => signatureProof(input.sign, ctx),
};

export function prepare<K extends CommandName>(name: K, input: ParsedInput<K>, ctx: HandlerContext): Promise<Prepared> | undefined {
  const preparer = preparers[name];
  return preparer?.(input, ctx);
}
