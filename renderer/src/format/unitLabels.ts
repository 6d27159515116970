// How a unit reads for people: `Lot 24-117` / `S/N PX-000231`, and the GS1 element string from its label.
import type { UnitSummary } from '../../../common/domain';
import { parseUnitIdentity } from '../../../common/refs';

/** `2027-05-31` → `270531` */
function gs1Date(date: string): string {
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

/** Human-readable GS1 data for a unit, or null when its item has no GTIN. */
export function gs1ElementString(unit: Pick<UnitSummary, 'gtin' | 'expiresAt' | 'lot' | 'serial'>): string | null {
  if (!unit.gtin) return null;
  let text = `(01)${unit.gtin.padStart(14, '0')}`;
  if (unit.expiresAt) text += `(17)${gs1Date(unit.expiresAt)}`;
  if (unit.lot) text += `(10)${unit.lot}`;
  if (unit.serial) text += `(21)${unit.serial}`;
  return text;
}

/** How a unit's code reads for people: `Lot 24-117` or `S/N PX-000231`. */
export function unitCodeLabel(unit: Pick<UnitSummary, 'type' | 'lot' | 'serial' | 'ref'>): string {
  const code = unit.type === 'lot' ? unit.lot : unit.serial;
  return `${unit.type === 'lot' ? 'Lot' : 'S/N'} ${code ?? unit.ref}`;
}

/**
 * `PUMP-2#PX-000231` → `S/N PX-000231`; scanned GS1 data → `S/N PX-000231 · GTIN 09506000134352`; text that is
 * neither comes back unchanged.
 */
export function refCodeLabel(ref: string): string {
  const parsed = parseUnitIdentity(ref);
  if (typeof parsed === 'string') return ref;
  const code = `${parsed.kind === 'lot' ? 'Lot' : 'S/N'} ${parsed.code}`;
  return parsed.by === 'gtin' ? `${code} · GTIN ${parsed.gtin}` : code;
}
