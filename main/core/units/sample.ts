// Taking a sample out of a lot or serial (a QC retain, a destructive test): the quantity leaves what is on hand as an
// audited `sampling` event in the command's transaction, so a recall's mass balance counts it as sampled, not unexplained.
import type { UnitSummary } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { fromMilli } from '../../../common/quantity';
import type { Core } from '../context';
import { appendEvent } from '../events/ledger';
import { eventTime } from '../time';
import { resolveRef, toSummary, unitById, unitName } from './rows';
import { statusWords } from './status';
import { moveQuantity } from './write';

/** The CBV business step a sample is recorded under; the mass balance sums these events. */
export const SAMPLING_BIZ_STEP = 'sampling';

// A sample is taken before release (incoming inspection), from released stock, or from a held lot for its
// investigation (a campaign's hold included: the sample neither ships nor goes into a product). Rejected, recalled,
// consumed and shipped units are not sampled.
const SAMPLEABLE = new Set(['quarantine', 'released', 'on_hold']);

export function takeSample(core: Core, input: { ref: string; quantity: number; reason: string }): UnitSummary {
  const unit = resolveRef(core.db, input.ref);
  if (!SAMPLEABLE.has(unit.status)) {
    throw new LotlineError('STATUS', `${unitName(unit)} is ${statusWords[unit.status]} and cannot be sampled. Sample a lot in quarantine, released or on hold.`);
  }
  if (input.quantity > unit.qty_on_hand) {
    throw new LotlineError(
      'QUANTITY',
      `${unitName(unit)} has ${fromMilli(unit.qty_on_hand)} ${unit.uom} on hand; a sample of ${fromMilli(input.quantity)} ${unit.uom} cannot be taken.`,
    );
  }
  const reason = `sampled ${fromMilli(input.quantity)} ${unit.uom}: ${input.reason}`;
  const move = moveQuantity(core, unit, { onHand: -input.quantity, emptiedAs: 'consumed' }, reason);
  appendEvent(core, {
    kind: 'object',
    action: 'OBSERVE',
    bizStep: SAMPLING_BIZ_STEP,
    time: eventTime(undefined, core.now()),
    reason,
    units: [{ unitId: unit.id, role: 'object', qty: input.quantity }],
    moves: [move],
  });
  return toSummary(unitById(core.db, unit.id));
}
