// What a decoded scan names, in a few words ("lot RES-PC:24-117", "work order WO-26101"): for terminals and screens.
import { toBracketed } from '../../../common/gs1';
import type { Scan } from './types';

export function scanSummary(scan: Scan): string {
  const id = scan.identity;
  if (scan.kind === 'unit' && id) {
    return id.by === 'part' ? `${id.kind} ${id.part}${id.kind === 'lot' ? ':' : '#'}${id.code}` : `${id.kind} ${id.code} of GTIN ${id.gtin}`;
  }
  if (scan.kind === 'workOrder') return `work order ${scan.number ?? ''}`;
  if (scan.kind === 'shipment') return `shipment ${scan.number ?? ''}`;
  if (scan.kind === 'gs1' && scan.elements) return `GS1 ${toBracketed([...scan.elements])}`;
  return scan.kind;
}
