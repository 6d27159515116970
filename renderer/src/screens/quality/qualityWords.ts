// How quality records read on screen: stages, dispositions, spec states and the specification of a characteristic.
import type { CharacteristicCriterion, NcDisposition, SpecStage, SpecVersion } from '../../../../common/api/quality';
import { describeCriterion } from '../../../../common/quality/judge';

export const stageWords: Record<SpecStage, string> = {
  incoming: 'Incoming inspection',
  in_process: 'In-process',
  finished: 'Finished product',
  acceptance: 'Device acceptance',
};

export const dispositionWords: Record<NcDisposition, string> = {
  use_as_is: 'Use as is',
  rework: 'Rework',
  scrap: 'Scrap',
  return_to_supplier: 'Return to supplier',
  reject: 'Reject',
};

export type SpecStateWord = 'Draft' | 'Approved' | 'In force' | 'Superseded';

/** Draft; In force; Approved (its effective time still to come); Superseded (a later version took over). */
export function specStateWord(spec: Pick<SpecVersion, 'status' | 'inForce' | 'effectiveFrom'>, now = Date.now()): SpecStateWord {
  if (spec.status === 'draft') return 'Draft';
  if (spec.inForce) return 'In force';
  return spec.effectiveFrom !== null && Date.parse(spec.effectiveFrom) > now ? 'Approved' : 'Superseded';
}

/** "6.5 – 7.5 pH (v2)" */
export function specificationText(criterion: CharacteristicCriterion, version?: number): string {
  return version === undefined ? describeCriterion(criterion) : `${describeCriterion(criterion)} (v${version})`;
}

/** The value as recorded, with its unit for a measured one. */
export function valueText(value: number | string, criterion: CharacteristicCriterion): string {
  return criterion.kind === 'numeric' ? `${value} ${criterion.unit}` : String(value);
}
