// Which label a station prints after a scan was applied: the serialise station prints the udi label of a serial it
// has just assigned (NEXT SERIAL, or a new pre-printed serial scanned), the pack station the sscc label of a case it
// has just closed. Pure, so each case is tested on its own.
import type { StationContext, StationName, StationScanResult } from '../../../../common/api/stations';

export interface StationLabel {
  template: 'udi' | 'sscc';
  /** What labels.render takes: PART#SERIAL, or the SSCC. */
  ref: string;
  /** For the operator: "S/N PX-000231", "case (00)0950…". */
  what: string;
}

type Applied = Extract<StationScanResult, { outcome: 'applied' }>;

export function labelForScan(station: StationName, before: StationContext, result: Applied): StationLabel | null {
  if (!result.changed) return null;
  const view = result.view;
  if (station === 'serialise' && view.station === 'serialise' && view.serial) {
    const previous = (before as StationContext<'serialise'>).serial;
    const now = (result.context as StationContext<'serialise'>).serial;
    // A test recorded on the serial in hand changes data too, but assigns nothing.
    if (now === undefined || now === previous) return null;
    return { template: 'udi', ref: view.serial.ref, what: `S/N ${view.serial.serial ?? view.serial.ref}` };
  }
  if (station === 'pack' && view.station === 'pack' && view.case?.status === 'closed') {
    return { template: 'sscc', ref: view.case.sscc, what: `case (00)${view.case.sscc}` };
  }
  return null;
}
