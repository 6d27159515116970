// What a station scan names: a control code (CMD:…), a work order (WO:… or a bare WO- number), a shipment
// (SH:… or SH- number), a case (SSCC, AI 00), a lot or serial (GS1 or PART:LOT / PART#SERIAL), or other GS1
// label data. The scanner decoder does the GS1 and reference work; this adds the station's own barcodes.
import type { StationControl } from '../../../common/api/stations';
import { stationControls } from '../../../common/api/stations';
import type { Gs1Element } from '../../../common/gs1';
import { ssccProblem } from '../../../common/gs1';
import type { UnitIdentity } from '../../../common/refs';
import { decodeFrame } from '../../devices/scanners/scan-decoder';

export type StationCode =
  | { kind: 'control'; control: StationControl }
  | { kind: 'workOrder'; number: string }
  | { kind: 'shipment'; number: string }
  | { kind: 'case'; sscc: string }
  | { kind: 'unit'; identity: UnitIdentity; elements: readonly Gs1Element[] }
  | { kind: 'label'; elements: readonly Gs1Element[] }
  | { kind: 'unreadable'; reason: string };

const documentCode = /^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/;
const controlByCode = new Map<string, StationControl>(Object.entries(stationControls).map(([control, code]) => [code, control as StationControl]));

export function decodeStationCode(text: string, at: Date): StationCode {
  const trimmed = text.replace(/^[\s\0]+|[\s\0]+$/g, '');
  const prefixed = /^(CMD|WO|SH):(.*)$/i.exec(trimmed);
  if (prefixed) {
    const prefix = (prefixed[1] as string).toUpperCase();
    const rest = prefixed[2] as string;
    if (prefix === 'CMD') {
      const control = controlByCode.get(`CMD:${rest.toUpperCase()}`);
      return control
        ? { kind: 'control', control }
        : { kind: 'unreadable', reason: `"${trimmed}" is not a station control code (known: ${[...controlByCode.keys()].join(', ')})` };
    }
    if (!documentCode.test(rest)) return { kind: 'unreadable', reason: `"${rest}" is not a ${prefix === 'WO' ? 'work order' : 'shipment'} number` };
    return prefix === 'WO' ? { kind: 'workOrder', number: rest } : { kind: 'shipment', number: rest };
  }
  const scan = decodeFrame({ device: 'station', at: at.toISOString(), text: trimmed });
  if (scan.problem !== undefined) return { kind: 'unreadable', reason: scan.problem };
  switch (scan.kind) {
    case 'workOrder':
      return { kind: 'workOrder', number: scan.number ?? '' };
    case 'shipment':
      return { kind: 'shipment', number: scan.number ?? '' };
    case 'unit':
      return scan.identity ? { kind: 'unit', identity: scan.identity, elements: scan.elements ?? [] } : { kind: 'unreadable', reason: 'The scan names no lot or serial' };
    case 'gs1': {
      const sscc = scan.trace?.sscc;
      if (sscc !== undefined && scan.trace?.gtin === undefined) {
        const problem = ssccProblem(sscc);
        return problem ? { kind: 'unreadable', reason: problem } : { kind: 'case', sscc };
      }
      return { kind: 'label', elements: scan.elements ?? [] };
    }
    default:
      return { kind: 'unreadable', reason: 'The scan is not a barcode Lotline reads' };
  }
}

/** How a refusal names what was scanned: "work order WO-1", "SSCC 0…", "GTIN 0950… lot 24-117". */
export function describeCode(code: StationCode): string {
  switch (code.kind) {
    case 'control':
      return stationControls[code.control];
    case 'workOrder':
      return `work order ${code.number}`;
    case 'shipment':
      return `shipment ${code.number}`;
    case 'case':
      return `case SSCC ${code.sscc}`;
    case 'unit': {
      const id = code.identity;
      const what = `${id.kind === 'lot' ? 'lot' : 'serial'} ${id.code}`;
      return id.by === 'part' ? `${what} of ${id.part}` : `GTIN ${id.gtin} ${what}`;
    }
    case 'label':
      return 'this GS1 label';
    case 'unreadable':
      return 'this scan';
  }
}
