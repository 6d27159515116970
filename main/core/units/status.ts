// Status rules: which changes a person may make, and whether a lot or serial may be used.
import type { ManualStatus, UnitStatus } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { fromMilli } from '../../../common/quantity';
import { unitName } from './rows';
import type { UnitRow } from './rows';

const allowed: Record<UnitStatus, readonly ManualStatus[]> = {
  quarantine: ['released', 'rejected', 'on_hold'],
  released: ['on_hold', 'quarantine'],
  on_hold: ['released', 'rejected', 'quarantine'],
  rejected: [],
  consumed: [],
  shipped: [],
  recalled: [],
};

export const statusWords: Record<UnitStatus, string> = {
  quarantine: 'in quarantine',
  released: 'released',
  on_hold: 'on hold',
  rejected: 'rejected',
  consumed: 'fully consumed',
  shipped: 'shipped',
  recalled: 'recalled',
};

/** Why the change is not allowed, or undefined when it is. */
export function transitionProblem(unit: Pick<UnitRow, 'kind' | 'part' | 'code' | 'status'>, to: ManualStatus): string | undefined {
  if (unit.status === to) return `${unitName(unit)} is already ${statusWords[to]}`;
  if (!allowed[unit.status].includes(to)) {
    const options = allowed[unit.status];
    return `${unitName(unit)} is ${statusWords[unit.status]} and cannot be set to ${statusWords[to]}${
      options.length > 0 ? ` (it can go to: ${options.map((s) => statusWords[s]).join(', ')})` : ''
    }`;
  }
  return undefined;
}

/** How a recall or field-action campaign words the hold it puts on a unit: "held by recall RC-2026-003 (…)". */
export function campaignHoldReason(kind: 'recall' | 'field-action', number: string, why: string): string {
  const short = why.length > 120 ? `${why.slice(0, 117)}…` : why;
  return `held by ${kind === 'recall' ? 'recall' : 'field action'} ${number} (${short})`;
}

const CAMPAIGN_HOLD = /^held by (recall|field action) (RC|FA)-\d{4}-\d+ /;

/** Why a unit in its status cannot be used ("… is held by recall RC-2026-003 (…) and cannot be packed. …"). */
export function statusRefusal(unit: UnitRow, verb: 'consumed' | 'shipped' | 'packed'): string {
  if (unit.status_reason !== null && CAMPAIGN_HOLD.test(unit.status_reason)) {
    return `${unitName(unit)} is ${unit.status_reason} and cannot be ${verb}. Set it aside and scan another; only QA can lift the hold, in the campaign.`;
  }
  const reason = unit.status_reason ? ` (reason: ${unit.status_reason})` : '';
  const next = unit.status === 'quarantine' || unit.status === 'on_hold' ? ' Ask QA to release it, or scan another.' : '';
  return `${unitName(unit)} is ${statusWords[unit.status]}${reason} and cannot be ${verb}.${next}`;
}

/** Refuses to consume or ship a unit that is not released, has expired, or has too little left. */
export function assertUsable(unit: UnitRow, use: 'consumed' | 'shipped', qty: number, today: string): void {
  const verb = use === 'consumed' ? 'consumed' : 'shipped';
  if (unit.status !== 'released') throw new LotlineError('STATUS', statusRefusal(unit, verb));
  if (unit.expires_at !== null && unit.expires_at < today) {
    throw new LotlineError('STATUS', `${unitName(unit)} expired on ${unit.expires_at} and cannot be ${verb}.`);
  }
  if (qty > unit.qty_on_hand) {
    throw new LotlineError(
      'QUANTITY',
      `${unitName(unit)} has ${fromMilli(unit.qty_on_hand)} ${unit.uom} on hand; ${fromMilli(qty)} ${unit.uom} cannot be ${verb}.`,
    );
  }
}
