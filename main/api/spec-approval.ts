// specs.approve: approving a test specification is QA's decision and is signed. The signer's password is proved first
// (before the transaction), then the draft is approved and its content signed with the meaning approved, in one
// transaction: a refused signature (wrong role, two-person rule) leaves the draft a draft.
import type { ParsedInput } from '../../common/api';
import type { SpecVersion } from '../../common/api/quality';
import { LotlineError } from '../../common/errors';
import { SPEC_RECORD, specRecordId } from '../core/quality/signable';
import { approveSpec } from '../core/quality/specs';
import { signRecord } from '../core/signatures/signatures';
import { requireRole } from '../core/users/access';
import type { HandlerContext } from './handlers';
import { provenSigner } from './signing';

const ACTION = 'Approving a test specification';

export function approveSpecSigned(ctx: HandlerContext, input: ParsedInput<'specs.approve'>): SpecVersion {
  const { core } = ctx;
  requireRole(core, ['qa'], ACTION);
  const { signature, ...approval } = input;
  // The local system identity (no session) may approve unsigned, under its own name; a signed-in person always signs.
  if (signature === undefined) {
    if (core.user === undefined) return approveSpec(core, approval);
    throw new LotlineError('VALIDATION', 'signature: approving a test specification is signed: give the meaning approved and your password');
  }
  if (signature.meaning !== 'approved') throw new LotlineError('VALIDATION', `signature.meaning: must be approved to approve a test specification, not ${signature.meaning}`);
  const signer = provenSigner(ctx, signature.username, 'signature.username');
  const approved = approveSpec({ ...core, actor: core.user?.username ?? signer.username }, approval);
  signRecord(core, { kind: SPEC_RECORD, id: specRecordId(approved.part, approved.version) }, 'approved', signer);
  return approved;
}
