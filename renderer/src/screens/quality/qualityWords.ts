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

/** Draft, Approved (superseded or not yet effective) or In force. */
export function specStateWord(spec: Pick<SpecVersion, 'status' | 'inForce'>): 'Draft' | 'Approved' | 'In force' {
  if (spec.status === 'draft') return 'Draft';
  return spec.inForce ? 'In force' : 'Approved';
}

/** "6.5 – 7.5 pH (v2)" */
export function specificationText(criterion: CharacteristicCriterion, version?: number): string {
  return version === undefined ? describeCriterion(criterion) : `${describeCriterion(criterion)} (v${version})`;
}

/** The value as recorded, with its unit for a measured one. */
export function valueText(value: number | string, criterion: CharacteristicCriterion): string {
  return criterion.kind === 'numeric' ? `${value} ${criterion.unit}` : String(value);
}
