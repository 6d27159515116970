// Cases (logistic units with an SSCC): opened with the next SSCC under the site's GS1 company prefix, filled by
// aggregation events (the case is the parent, each lot or serial a child), closed, and shipped with their contents.
// A case is also a serial of the SSCC item, so the ledger, trace and EPCIS export can name it like any unit.
import type { Database as Db } from 'better-sqlite3';
import type { PackedCase } from '../../../common/api/stations';
import { LotlineError } from '../../../common/errors';
import { buildSscc, ssccCapacity } from '../../../common/gs1';
import { fromMilli, QTY_SCALE } from '../../../common/quantity';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { SSCC_PART } from '../epcis/identifiers';
import { appendEvent } from '../events/ledger';
import { createItem } from '../masterdata/items';
import { readSettings } from '../settings/settings';
import { lastShipmentOf } from '../shipping/shipments';
import { eventTime } from '../time';
import { unitById, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { createUnit } from '../units/write';

export interface CaseRow {
  id: number;
  unit_id: number;
  sscc: string;
  status: 'open' | 'closed';
  opened_at: string;
  closed_at: string | null;
}

const statements = perConnection((db: Db) => ({
  bySscc: db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE sscc = ?'),
  byUnit: db.prepare<[number], CaseRow>('SELECT * FROM cases WHERE unit_id = ?'),
  insert: db.prepare<[{ unit_id: number; sscc: string; opened_at: string }]>(
    `INSERT INTO cases (unit_id, sscc, status, opened_at) VALUES (@unit_id, @sscc, 'open', @opened_at)`,
  ),
  close: db.prepare<[string, number]>(`UPDATE cases SET status = 'closed', closed_at = ? WHERE id = ?`),
  addContent: db.prepare<[number, number, number, number]>('INSERT INTO case_contents (case_id, unit_id, qty, event_id) VALUES (?, ?, ?, ?)'),
  contents: db.prepare<[number], { unit_id: number; qty: number }>('SELECT unit_id, qty FROM case_contents WHERE case_id = ? ORDER BY unit_id'),
  // Cases holding the unit whose case has not shipped yet: what it is still committed to.
  packedIn: db.prepare<[number], { sscc: string; qty: number }>(
    `SELECT c.sscc, cc.qty FROM case_contents cc JOIN cases c ON c.id = cc.case_id JOIN units cu ON cu.id = c.unit_id
      WHERE cc.unit_id = ? AND cu.status <> 'shipped' ORDER BY c.id`,
  ),
  ssccItem: db.prepare<[string], { id: number }>('SELECT id FROM items WHERE part = ?'),
  nextSerialReference: db.prepare<[string], { value: number }>(
    `INSERT INTO counters (key, value) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value`,
  ),
}));

export function caseBySscc(db: Db, sscc: string): CaseRow {
  const row = statements(db).bySscc.get(sscc);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no case with SSCC ${sscc}`);
  return row;
}

export function caseOfUnit(db: Db, unitId: number): CaseRow | undefined {
  return statements(db).byUnit.get(unitId);
}

/** The unshipped cases a lot or serial is packed in, with how much of it each holds. */
export function packedIn(db: Db, unitId: number): { sscc: string; qty: number }[] {
  return statements(db).packedIn.all(unitId);
}

export function caseContents(db: Db, row: CaseRow): { unit: UnitRow; qty: number }[] {
  return statements(db)
    .contents.all(row.id)
    .map((c) => ({ unit: unitById(db, c.unit_id), qty: c.qty }));
}

function ssccItemId(core: Core): number {
  const found = statements(core.db).ssccItem.get(SSCC_PART);
  if (found) return found.id;
  createItem(core, { part: SSCC_PART, description: 'Logistic units (SSCC)', tracking: 'serial', category: 'raw', unit: 'ea' });
  return (statements(core.db).ssccItem.get(SSCC_PART) as { id: number }).id;
}

/** Opens a case with the next SSCC of the site's company prefix; one commissioning event. */
export function openCase(core: Core, at: string | undefined): { row: CaseRow; eventId: number } {
  const settings = readSettings(core.db);
  const prefix = settings.gs1CompanyPrefix;
  if (prefix === null) throw new LotlineError('VALIDATION', 'Set the GS1 company prefix in settings before opening cases: their SSCCs are numbered under it');
  const s = statements(core.db);
  const reference = s.nextSerialReference.get(`sscc|${settings.ssccExtension}${prefix}`)?.value ?? 1;
  if (reference >= ssccCapacity(prefix)) throw new LotlineError('CONFLICT', `Every SSCC under company prefix ${prefix} with extension ${settings.ssccExtension} has been used`);
  const sscc = buildSscc({ extension: settings.ssccExtension, companyPrefix: prefix, serialReference: reference });
  const time = eventTime(at, core.now());
  // A container has no quality status of its own (its contents do): it is usable from the start.
  const unitId = createUnit(core, { itemId: ssccItemId(core), kind: 'serial', code: sscc, status: 'released', qty: QTY_SCALE, producedAt: time.utc });
  const id = Number(s.insert.run({ unit_id: unitId, sscc, opened_at: time.utc }).lastInsertRowid);
  auditCreate(core, 'cases', id);
  const eventId = appendEvent(core, {
    kind: 'object',
    action: 'ADD',
    bizStep: 'commissioning',
    disposition: 'active',
    time,
    units: [{ unitId, role: 'object', qty: QTY_SCALE }],
  });
  return { row: caseBySscc(core.db, sscc), eventId };
}

/** Packs a quantity of a lot, or a serial, into an open case: one aggregation event, its lineage case → unit. */
export function packIntoCase(core: Core, row: CaseRow, unit: UnitRow, qty: number, at: string | undefined): number {
  const eventId = appendEvent(core, {
    kind: 'aggregation',
    action: 'ADD',
    bizStep: 'packing',
    disposition: 'in_progress',
    time: eventTime(at, core.now()),
    units: [
      { unitId: row.unit_id, role: 'parent', qty: QTY_SCALE },
      { unitId: unit.id, role: 'child', qty },
    ],
    edges: [[row.unit_id, unit.id]],
  });
  auditUpdate(core, 'cases', row.id, `packed ${unitRef(unit)}`, () => statements(core.db).addContent.run(row.id, unit.id, qty, eventId));
  return eventId;
}

export function closeCase(core: Core, row: CaseRow, at: string | undefined): number {
  const time = eventTime(at, core.now());
  auditUpdate(core, 'cases', row.id, 'case closed', () => statements(core.db).close.run(time.utc, row.id));
  return appendEvent(core, {
    kind: 'object',
    action: 'OBSERVE',
    bizStep: 'packing',
    disposition: 'container_closed',
    time,
    units: [{ unitId: row.unit_id, role: 'object', qty: QTY_SCALE }],
  });
}

export function caseView(db: Db, sscc: string): PackedCase {
  const row = caseBySscc(db, sscc);
  const caseUnit = unitById(db, row.unit_id);
  return {
    sscc: row.sscc,
    status: row.status,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    shippedOn: caseUnit.status === 'shipped' ? (lastShipmentOf(db, row.unit_id) ?? null) : null,
    contents: caseContents(db, row).map(({ unit, qty }) => ({
      ref: unitRef(unit),
      type: unit.kind,
      item: unit.part,
      description: unit.description,
      quantity: fromMilli(qty),
      unit: unit.uom,
    })),
  };
}
