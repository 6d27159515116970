// A record read by id answers undefined for a unit that does not exist (the signature registry's "no such record"),
// while other refusals (a serial asked for as a CoA) still say why.
import { LotlineError } from '../../../common/errors';

export function unlessMissing<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof LotlineError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
