// stations.scan: decode the code, route it to the station's rule, and answer applied or refused. The rule runs in
// a savepoint: a refusal — ours or one from the domain services — undoes whatever the rule had written.
import type { StationScanInput, StationScanResult } from '../../../common/api/stations';
import { LotlineError } from '../../../common/errors';
import type { Database as Db } from 'better-sqlite3';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import type { Applied } from './outcome';
import { packScan } from './pack-station';
import { receivingScan } from './receiving-station';
import { decodeStationCode } from './scan-code';
import type { StationCode } from './scan-code';
import { serialiseScan } from './serialise-station';
import { shipScan } from './ship-station';
import { workOrderScan } from './work-order-station';

function route(core: Core, input: StationScanInput, code: StationCode): Applied {
  switch (input.station) {
    case 'receiving':
      return receivingScan(core, input, code);
    case 'workOrder':
      return workOrderScan(core, input, code);
    case 'serialise':
      return serialiseScan(core, input, code);
    case 'pack':
      return packScan(core, input, code);
    case 'ship':
      return shipScan(core, input, code);
  }
}

/** The rule in its savepoint: one transaction function per connection, not one made per scan. */
const inSavepoint = perConnection((db: Db) => db.transaction((core: Core, input: StationScanInput, code: StationCode) => route(core, input, code)));

export function stationScan(core: Core, input: StationScanInput): StationScanResult {
  const code = decodeStationCode(input.code, core.now());
  try {
    const applied = inSavepoint(core.db)(core, input, code);
    return { outcome: 'applied', station: input.station, ...applied };
  } catch (error) {
    if (!(error instanceof LotlineError)) throw error;
    return { outcome: 'refused', station: input.station, reason: error.message, code: error.code, context: input.context };
  }
}
