// Nonconformances (NC-####) against a lot or serial: opened by hand or by an out-of-spec result, investigated
// (description, root cause, disposition; each change audited) and closed by someone at a time. A lot with an open
// nonconformance cannot be released.
import type { Database as Db } from 'better-sqlite3';
import type { NcDisposition, NcStatus, Nonconformance } from '../../../common/api/quality';
import { LotlineError } from '../../../common/errors';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { nextCode } from '../numbering/patterns';
import { resolveRef, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';

export interface NcRow {
  id: number;
  number: string;
  unit_id: number;
  title: string;
  description: string;
  root_cause: string | null;
  disposition: NcDisposition | null;
  status: NcStatus;
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  closed_by: string | null;
  kind: UnitRow['kind'];
  code: string;
  part: string;
  results: string;
}

const NC_PATTERN = 'NC-{SEQ:4}';
const NC_SELECT = `SELECT n.*, u.kind, u.code, i.part,
    (SELECT json_group_array(r.id) FROM (SELECT id FROM test_results WHERE nc_id = n.id ORDER BY id) r) AS results
  FROM nonconformances n JOIN units u ON u.id = n.unit_id JOIN items i ON i.id = u.item_id`;

const statements = perConnection((db: Db) => ({
  byNumber: db.prepare<[string], NcRow>(`${NC_SELECT} WHERE n.number = ?`),
  byId: db.prepare<[number], NcRow>(`${NC_SELECT} WHERE n.id = ?`),
  taken: db.prepare<[string], { id: number }>('SELECT id FROM nonconformances WHERE number = ?'),
  openOfUnit: db.prepare<[number], { number: string; title: string }>(
    `SELECT number, title FROM nonconformances WHERE unit_id = ? AND status = 'open' ORDER BY id LIMIT 1`,
  ),
  ofUnit: db.prepare<[number], NcRow>(`${NC_SELECT} WHERE n.unit_id = ? ORDER BY n.id DESC`),
  ofUnitWithStatus: db.prepare<[number, string], NcRow>(`${NC_SELECT} WHERE n.unit_id = ? AND n.status = ? ORDER BY n.id DESC`),
  withStatus: db.prepare<[string], NcRow>(`${NC_SELECT} WHERE n.status = ? ORDER BY n.id DESC LIMIT 1000`),
  all: db.prepare<[], NcRow>(`${NC_SELECT} ORDER BY n.id DESC LIMIT 1000`),
  insert: db.prepare<[string, number, string, string, string, string]>(
    `INSERT INTO nonconformances (number, unit_id, title, description, status, opened_at, opened_by) VALUES (?, ?, ?, ?, 'open', ?, ?)`,
  ),
  investigate: db.prepare<[string, string | null, string | null, number]>(
    'UPDATE nonconformances SET description = ?, root_cause = ?, disposition = ? WHERE id = ?',
  ),
  close: db.prepare<[string | null, string | null, string, string, number]>(
    `UPDATE nonconformances SET root_cause = ?, disposition = ?, status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?`,
  ),
}));

export function toNonconformance(row: NcRow): Nonconformance {
  return {
    number: row.number,
    ref: unitRef(row),
    part: row.part,
    title: row.title,
    description: row.description,
    rootCause: row.root_cause,
    disposition: row.disposition,
    status: row.status,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    results: JSON.parse(row.results) as number[],
  };
}

export function ncByNumber(db: Db, number: string): NcRow {
  const row = statements(db).byNumber.get(number);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no nonconformance ${number}`);
  return row;
}

export function ncById(db: Db, id: number): NcRow {
  const row = statements(db).byId.get(id);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no nonconformance with id ${id}`);
  return row;
}

/** Opens a nonconformance against the unit and returns its row id. */
export function openNc(core: Core, unit: UnitRow, title: string, description: string): number {
  const s = statements(core.db);
  const number = nextCode(core.db, 'nonconformance', NC_PATTERN, core.now(), '', (n) => s.taken.get(n) !== undefined);
  const id = Number(s.insert.run(number, unit.id, title, description, core.now().toISOString(), core.actor).lastInsertRowid);
  auditCreate(core, 'nonconformances', id, `${title} on ${unitName(unit)}`);
  return id;
}

export function openNonconformance(core: Core, input: { ref: string; title: string; description: string }): Nonconformance {
  return toNonconformance(ncById(core.db, openNc(core, resolveRef(core.db, input.ref), input.title, input.description)));
}

function assertOpen(row: NcRow): void {
  if (row.status === 'closed')
    throw new LotlineError(
      'STATUS',
      `${row.number} was closed by ${row.closed_by ?? '?'} on ${row.closed_at ?? '?'} and is fixed; open a new nonconformance`,
    );
}

export function updateNonconformance(
  core: Core,
  input: {
    number: string;
    description?: string | undefined;
    rootCause?: string | undefined;
    disposition?: NcDisposition | undefined;
    reason?: string | undefined;
  },
): Nonconformance {
  const row = ncByNumber(core.db, input.number);
  assertOpen(row);
  const description = input.description ?? row.description;
  const rootCause = input.rootCause ?? row.root_cause;
  const disposition = input.disposition ?? row.disposition;
  if (description !== row.description || rootCause !== row.root_cause || disposition !== row.disposition) {
    auditUpdate(core, 'nonconformances', row.id, input.reason ?? `Investigation of ${row.number} recorded`, () =>
      statements(core.db).investigate.run(description, rootCause, disposition, row.id),
    );
  }
  return toNonconformance(ncById(core.db, row.id));
}

export function closeNonconformance(
  core: Core,
  input: { number: string; rootCause?: string | undefined; disposition?: NcDisposition | undefined },
): Nonconformance {
  const row = ncByNumber(core.db, input.number);
  assertOpen(row);
  const rootCause = input.rootCause ?? row.root_cause;
  const disposition = input.disposition ?? row.disposition;
  const missing = [rootCause === null ? 'root cause' : null, disposition === null ? 'disposition' : null].filter((m) => m !== null);
  if (missing.length > 0)
    throw new LotlineError(
      'VALIDATION',
      `${row.number} cannot be closed without its ${missing.join(' and ')}: record the investigation first`,
    );
  auditUpdate(core, 'nonconformances', row.id, `${row.number} closed`, () =>
    statements(core.db).close.run(rootCause, disposition, core.now().toISOString(), core.actor, row.id),
  );
  return toNonconformance(ncById(core.db, row.id));
}

export function listNonconformances(db: Db, input: { status?: NcStatus | undefined; ref?: string | undefined }): Nonconformance[] {
  const s = statements(db);
  if (input.ref !== undefined) {
    const unit = resolveRef(db, input.ref);
    return (input.status === undefined ? s.ofUnit.all(unit.id) : s.ofUnitWithStatus.all(unit.id, input.status)).map(toNonconformance);
  }
  return (input.status === undefined ? s.all.all() : s.withStatus.all(input.status)).map(toNonconformance);
}

/** Why the unit may not be released: "Lot 26-0117 of RES-PC has an open nonconformance NC-0042 (OOS pH): close it first". */
export function openNonconformanceProblem(db: Db, unit: Pick<UnitRow, 'id' | 'kind' | 'part' | 'code'>): string | undefined {
  const open = statements(db).openOfUnit.get(unit.id);
  return open ? `${unitName(unit)} has an open nonconformance ${open.number} (${open.title}): close it first` : undefined;
}
