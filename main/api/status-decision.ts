// units.setStatus: a person's status decision. Releasing or rejecting is QA's decision and is signed: the signer's
// password is proved first (a wrong one is counted and audited, and nothing changes), then the status changes and
// the decision record it wrote is signed with the meaning released or rejected, all in one transaction.
import type { ParsedInput } from '../../common/api';
import type { UnitSummary } from '../../common/domain';
import { LotlineError } from '../../common/errors';
import { requireRole } from '../core/users/access';
import { signRecord } from '../core/signatures/signatures';
import { resolveRef } from '../core/units/rows';
import { latestDecisionId } from '../core/units/signable';
import { changeStatus } from '../core/units/write';
import type { HandlerContext } from './handlers';
import { provenSigner } from './signing';

const SIGNED: Partial<Record<string, { meaning: 'released' | 'rejected'; action: string }>> = {
  released: { meaning: 'released', action: 'Releasing a lot' },
  rejected: { meaning: 'rejected', action: 'Rejecting a lot' },
};

export function decideStatus(ctx: HandlerContext, input: ParsedInput<'units.setStatus'>): UnitSummary {
  const { core } = ctx;
  const unit = resolveRef(core.db, input.ref);
  const signed = SIGNED[input.status];
  if (signed === undefined) return changeStatus(core, unit, input.status, input.reason);
  const action = unit.kind === 'lot' ? signed.action : signed.action.replace('a lot', 'a serial');
  requireRole(core, ['qa'], action);
  const { signature } = input;
  // The local system identity (no session) may decide unsigned: it is the process holding the database file, and its
  // decision is recorded under its name. A signed-in person always signs.
  if (signature === undefined) {
    if (core.user === undefined) return changeStatus(core, unit, input.status, input.reason);
    throw new LotlineError('VALIDATION', `signature: ${action.toLowerCase()} is signed: give the meaning ${signed.meaning} and your password`);
  }
  if (signature.meaning !== signed.meaning) throw new LotlineError('VALIDATION', `signature.meaning: must be ${signed.meaning} to set the status ${input.status}, not ${signature.meaning}`);
  const signer = provenSigner(ctx, signature.username, 'signature.username');
  const summary = changeStatus({ ...core, actor: core.user?.username ?? signer.username }, unit, input.status, input.reason);
  signRecord(core, { kind: 'lot-decision', id: String(latestDecisionId(core.db, unit.id)) }, signature.meaning, signer);
  return summary;
}
