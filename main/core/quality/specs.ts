// Test specifications per item: each version a new row with its characteristics, a draft until approved; the
// version in force at a time is the newest approved one whose effective time has come.
import type { Database as Db } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  CharacteristicCriterion,
  ItemSpecs,
  SpecCharacteristic,
  SpecStage,
  SpecStatus,
  SpecVersion,
  createSpecInput,
} from '../../../common/api/quality';
import { LotlineError } from '../../../common/errors';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { itemByPart } from '../masterdata/items';
import { requireRole } from '../users/access';

export interface SpecRow {
  id: number;
  item_id: number;
  version: number;
  stage: SpecStage;
  note: string | null;
  status: SpecStatus;
  effective_from: string | null;
  approved_at: string | null;
  approved_by: string | null;
  created_at: string;
  created_by: string;
  part: string;
  description: string;
}

export interface CharacteristicRow {
  id: number;
  spec_id: number;
  seq: number;
  name: string;
  method: string;
  sample_size: number;
  unit: string | null;
  lower_limit: number | null;
  upper_limit: number | null;
  expected_text: string | null;
}

const SPEC_SELECT = 'SELECT s.*, i.part, i.description FROM specs s JOIN items i ON i.id = s.item_id';

const statements = perConnection((db: Db) => ({
  byVersion: db.prepare<[number, number], SpecRow>(`${SPEC_SELECT} WHERE s.item_id = ? AND s.version = ?`),
  byId: db.prepare<[number], SpecRow>(`${SPEC_SELECT} WHERE s.id = ?`),
  newest: db.prepare<[number], SpecRow>(`${SPEC_SELECT} WHERE s.item_id = ? ORDER BY s.version DESC LIMIT 1`),
  ofItem: db.prepare<[number], SpecRow>(`${SPEC_SELECT} WHERE s.item_id = ? ORDER BY s.version DESC`),
  all: db.prepare<[], SpecRow>(`${SPEC_SELECT} ORDER BY i.part, s.version DESC`),
  inForceAt: db.prepare<[number, string], SpecRow>(
    `${SPEC_SELECT} WHERE s.item_id = ? AND s.status = 'approved' AND s.effective_from <= ? ORDER BY s.effective_from DESC, s.version DESC LIMIT 1`,
  ),
  latestEffective: db.prepare<[number], { effective_from: string; version: number }>(
    `SELECT effective_from, version FROM specs WHERE item_id = ? AND status = 'approved' ORDER BY effective_from DESC LIMIT 1`,
  ),
  latestTest: db.prepare<[number], { tested_at: string }>(
    'SELECT max(r.tested_at) AS tested_at FROM test_results r JOIN specs s ON s.id = r.spec_id WHERE s.item_id = ? HAVING count(*) > 0',
  ),
  characteristics: db.prepare<[number], CharacteristicRow>('SELECT * FROM spec_characteristics WHERE spec_id = ? ORDER BY seq'),
  insert: db.prepare<[number, number, string, string | null, string, string]>(
    `INSERT INTO specs (item_id, version, stage, note, status, created_at, created_by) VALUES (?, ?, ?, ?, 'draft', ?, ?)`,
  ),
  insertCharacteristic: db.prepare(
    `INSERT INTO spec_characteristics (spec_id, seq, name, method, sample_size, unit, lower_limit, upper_limit, expected_text)
     VALUES (@spec_id, @seq, @name, @method, @sample_size, @unit, @lower_limit, @upper_limit, @expected_text)`,
  ),
  approve: db.prepare<[string, string, string, number]>(
    `UPDATE specs SET status = 'approved', effective_from = ?, approved_at = ?, approved_by = ? WHERE id = ?`,
  ),
}));

export function criterionOf(
  row: Pick<CharacteristicRow, 'unit' | 'lower_limit' | 'upper_limit' | 'expected_text'>,
): CharacteristicCriterion {
  return row.expected_text !== null
    ? { kind: 'text', expected: row.expected_text }
    : { kind: 'numeric', unit: row.unit ?? '', lower: row.lower_limit, upper: row.upper_limit };
}

export function characteristicsOf(db: Db, specId: number): CharacteristicRow[] {
  return statements(db).characteristics.all(specId);
}

function toCharacteristic(row: CharacteristicRow): SpecCharacteristic {
  return { name: row.name, method: row.method, sampleSize: row.sample_size, criterion: criterionOf(row) };
}

function toVersion(db: Db, row: SpecRow, inForceId: number | undefined): SpecVersion {
  return {
    part: row.part,
    description: row.description,
    version: row.version,
    stage: row.stage,
    note: row.note,
    status: row.status,
    effectiveFrom: row.effective_from,
    inForce: row.id === inForceId,
    createdAt: row.created_at,
    createdBy: row.created_by,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    characteristics: characteristicsOf(db, row.id).map(toCharacteristic),
  };
}

/** The approved version that judges a test made at `at` (UTC ISO), or undefined when none was in force. */
export function specInForceAt(db: Db, itemId: number, at: string): SpecRow | undefined {
  return statements(db).inForceAt.get(itemId, at);
}

export function specVersion(core: Core, row: SpecRow): SpecVersion {
  return toVersion(core.db, row, specInForceAt(core.db, row.item_id, core.now().toISOString())?.id);
}

export function specRowOrUndefined(db: Db, itemId: number, version: number): SpecRow | undefined {
  return statements(db).byVersion.get(itemId, version);
}

export function specById(db: Db, id: number): SpecRow {
  const row = statements(db).byId.get(id);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no spec with id ${id}`);
  return row;
}

function specRow(db: Db, part: string, version: number | undefined): SpecRow {
  const item = itemByPart(db, part);
  const s = statements(db);
  const row = version === undefined ? s.newest.get(item.id) : s.byVersion.get(item.id, version);
  if (!row)
    throw new LotlineError(
      'NOT_FOUND',
      version === undefined ? `Item ${item.part} has no test specification yet` : `Item ${item.part} has no spec version ${version}`,
    );
  return row;
}

export function getSpec(core: Core, part: string, version: number | undefined): SpecVersion {
  return specVersion(core, specRow(core.db, part, version));
}

export function listSpecs(core: Core, part: string | undefined): ItemSpecs[] {
  const s = statements(core.db);
  const rows = part === undefined ? s.all.all() : s.ofItem.all(itemByPart(core.db, part).id);
  const now = core.now().toISOString();
  const byItem = new Map<number, ItemSpecs>();
  const inForce = new Map<number, number | undefined>();
  for (const row of rows) {
    if (!inForce.has(row.item_id)) inForce.set(row.item_id, specInForceAt(core.db, row.item_id, now)?.id);
    let entry = byItem.get(row.item_id);
    if (!entry) byItem.set(row.item_id, (entry = { part: row.part, description: row.description, versions: [] }));
    entry.versions.push(toVersion(core.db, row, inForce.get(row.item_id)));
  }
  return [...byItem.values()];
}

export function createSpec(core: Core, input: z.output<typeof createSpecInput>): SpecVersion {
  const item = itemByPart(core.db, input.part);
  const s = statements(core.db);
  const version = (s.newest.get(item.id)?.version ?? 0) + 1;
  const id = Number(s.insert.run(item.id, version, input.stage, input.note ?? null, core.now().toISOString(), core.actor).lastInsertRowid);
  input.characteristics.forEach((c, i) => {
    const text = c.expected !== undefined;
    s.insertCharacteristic.run({
      spec_id: id,
      seq: i + 1,
      name: c.name,
      method: c.method,
      sample_size: c.sampleSize,
      unit: c.unit ?? null,
      lower_limit: text ? null : (c.lower ?? null),
      upper_limit: text ? null : (c.upper ?? null),
      expected_text: c.expected ?? null,
    });
  });
  auditCreate(
    core,
    'specs',
    id,
    version === 1 ? 'First version of the test specification' : `Version ${version} of the test specification`,
  );
  return specVersion(core, specById(core.db, id));
}

/**
 * Approves a draft. It judges results from `effectiveFrom` (default now), which may not come before the version in
 * force last nor before a test already judged for the item: results keep the spec that judged them.
 */
export function approveSpec(
  core: Core,
  input: { part: string; version: number; effectiveFrom?: string | undefined; reason?: string | undefined },
): SpecVersion {
  const row = specRow(core.db, input.part, input.version);
  requireRole(core, ['qa'], 'Approving a test specification');
  if (row.status === 'approved')
    throw new LotlineError(
      'CONFLICT',
      `${row.part} spec version ${row.version} was already approved by ${row.approved_by ?? '?'} on ${row.approved_at ?? '?'}`,
    );
  const now = core.now().toISOString();
  const effective = input.effectiveFrom === undefined ? now : new Date(input.effectiveFrom).toISOString();
  const s = statements(core.db);
  const previous = s.latestEffective.get(row.item_id);
  if (previous && effective < previous.effective_from) {
    throw new LotlineError(
      'CONFLICT',
      `${row.part} spec version ${previous.version} is in force from ${previous.effective_from}; version ${row.version} cannot take effect before it (${effective})`,
    );
  }
  const tested = s.latestTest.get(row.item_id);
  if (tested && effective < tested.tested_at) {
    throw new LotlineError(
      'CONFLICT',
      `${row.part} has results tested up to ${tested.tested_at}, judged against the spec in force then; version ${row.version} can take effect from that time on, not ${effective}`,
    );
  }
  auditUpdate(core, 'specs', row.id, input.reason ?? `Spec version ${row.version} approved`, () =>
    s.approve.run(effective, now, core.actor, row.id),
  );
  return specVersion(core, specById(core.db, row.id));
}
