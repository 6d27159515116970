// Which campaign holds a lot or serial now: a hold not yet lifted. A person's own status change may not undo it.
import type { Database as Db } from 'better-sqlite3';
import { perConnection } from '../db/statements';
import { unitName } from '../units/rows';
import type { UnitRow } from '../units/rows';

const statements = perConnection((db: Db) => ({
  activeOfUnit: db.prepare<[number], { number: string; kind: string }>(
    `SELECT c.number, c.kind FROM recall_holds h JOIN recall_campaigns c ON c.id = h.campaign_id
      WHERE h.unit_id = ? AND NOT EXISTS (SELECT 1 FROM recall_lifts l WHERE l.hold_id = h.id) ORDER BY h.id LIMIT 1`,
  ),
}));

/** "Lot R001 of RESIN is held by recall RC-2026-001: lift the hold in the campaign (a signed decision)", or undefined. */
export function campaignHoldProblem(db: Db, unit: Pick<UnitRow, 'id' | 'kind' | 'part' | 'code'>): string | undefined {
  const hold = statements(db).activeOfUnit.get(unit.id);
  if (hold === undefined) return undefined;
  const what = hold.kind === 'recall' ? 'recall' : 'field action';
  return `${unitName(unit)} is held by ${what} ${hold.number}: only a signed decision in the campaign lifts the hold`;
}
