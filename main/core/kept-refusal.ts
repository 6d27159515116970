// A refusal whose writes stand: a wrong password is refused, yet the failure it counts toward lockout and the
// audit row that records it must be committed, not rolled back with the command.
import { LotlineError } from '../../common/errors';

export class KeptRefusal extends LotlineError {
  readonly keepWrites = true;
}
