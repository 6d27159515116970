// The shape of a station rule's answer, and the pieces every station uses: refusing, and saying what a station does not take.
import type { StationContext, StationScanResult } from '../../../common/api/stations';
import type { ErrorCode } from '../../../common/errors';
import { LotlineError } from '../../../common/errors';
import type { StationCode } from './scan-code';
import { describeCode } from './scan-code';

export type Applied = Omit<Extract<StationScanResult, { outcome: 'applied' }>, 'outcome' | 'station' | 'context'> & { context: StationContext };

/** Refuses the scan: thrown inside the scan's savepoint, so whatever the rule wrote before is undone. */
export function refuse(code: ErrorCode, reason: string): never {
  throw new LotlineError(code, reason);
}

/** "This station takes …; work order WO-1 is not used here." */
export function notHere(what: string, code: StationCode): never {
  if (code.kind === 'unreadable') refuse('VALIDATION', code.reason);
  refuse('VALIDATION', `This station takes ${what}; ${describeCode(code)} is not used here`);
}
