// Test results of lots and serials, judged against the spec version in force when the test was made. Never
// overwritten: a correction is a new result superseding the earlier one with its reason. An out-of-spec result is
// recorded under a nonconformance (a new one, or an open one of the same unit that is named).
import type { Database as Db } from 'better-sqlite3';
import type { NcStatus, TestOutcome, TestResult, UnitTests } from '../../../common/api/quality';
import { describeCriterion, judge } from '../../../common/quality/judge';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { resolveRef, unitById, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { ncById, ncByNumber, openNc } from './nonconformances';
import { characteristicsOf, criterionOf, specInForceAt, specVersion } from './specs';
import type { CharacteristicRow, SpecRow } from './specs';

interface ResultRow {
  id: number;
  unit_id: number;
  spec_id: number;
  characteristic_id: number;
  value_num: number | null;
  value_text: string | null;
  outcome: TestOutcome;
  equipment: string | null;
  tested_at: string;
  tested_by: string;
  recorded_at: string;
  supersedes_id: number | null;
  correction_reason: string | null;
  nc_id: number | null;
}

interface ResultView extends ResultRow {
  name: string;
  method: string;
  unit: string | null;
  lower_limit: number | null;
  upper_limit: number | null;
  expected_text: string | null;
  spec_version: number;
  superseded_by: number | null;
  nc_number: string | null;
  nc_status: NcStatus | null;
}

const RESULT_SELECT = `SELECT r.*, c.name, c.method, c.unit, c.lower_limit, c.upper_limit, c.expected_text, s.version AS spec_version,
    (SELECT n.id FROM test_results n WHERE n.supersedes_id = r.id) AS superseded_by, nc.number AS nc_number, nc.status AS nc_status
  FROM test_results r JOIN spec_characteristics c ON c.id = r.characteristic_id JOIN specs s ON s.id = r.spec_id
  LEFT JOIN nonconformances nc ON nc.id = r.nc_id`;

/** How far ahead of the clock a test time may be (clocks of stations differ a little). */
const CLOCK_SLACK_MS = 5 * 60_000;

const statements = perConnection((db: Db) => ({
  ofUnit: db.prepare<[number], ResultView>(`${RESULT_SELECT} WHERE r.unit_id = ? ORDER BY r.id`),
  byId: db.prepare<[number], ResultView>(`${RESULT_SELECT} WHERE r.id = ?`),
  insert: db.prepare(
    `INSERT INTO test_results (unit_id, spec_id, characteristic_id, value_num, value_text, outcome, equipment, tested_at, tested_by, recorded_at, supersedes_id, correction_reason, nc_id)
     VALUES (@unit_id, @spec_id, @characteristic_id, @value_num, @value_text, @outcome, @equipment, @tested_at, @tested_by, @recorded_at, @supersedes_id, @correction_reason, @nc_id)`,
  ),
}));

function toResult(row: ResultView, ref: string): TestResult {
  return {
    id: row.id,
    ref,
    characteristic: row.name,
    method: row.method,
    specVersion: row.spec_version,
    criterion: criterionOf(row),
    value: row.value_num ?? row.value_text ?? '',
    outcome: row.outcome,
    equipment: row.equipment,
    testedAt: row.tested_at,
    testedBy: row.tested_by,
    recordedAt: row.recorded_at,
    supersedes: row.supersedes_id,
    correctionReason: row.correction_reason,
    supersededBy: row.superseded_by,
    nonconformance: row.nc_number === null || row.nc_status === null ? null : { number: row.nc_number, status: row.nc_status },
  };
}

function resultById(db: Db, id: number): ResultView {
  const row = statements(db).byId.get(id);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no test result ${id}`);
  return row;
}

function testTime(core: Core, at: string | undefined): string {
  const now = core.now();
  if (at === undefined) return now.toISOString();
  const time = new Date(at);
  if (time.getTime() > now.getTime() + CLOCK_SLACK_MS)
    throw new LotlineError('VALIDATION', `testedAt: ${at} is in the future; record a test once it has been made`);
  return time.toISOString();
}

function specAt(db: Db, unit: UnitRow, at: string): SpecRow {
  const spec = specInForceAt(db, unit.item_id, at);
  if (!spec)
    throw new LotlineError(
      'STATUS',
      `No approved test specification of ${unit.part} was in force at ${at}: approve one on the Quality screen first`,
    );
  return spec;
}

function characteristicNamed(db: Db, spec: SpecRow, name: string): CharacteristicRow {
  const list = characteristicsOf(db, spec.id);
  const found = list.find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
  if (!found) {
    throw new LotlineError(
      'VALIDATION',
      `characteristic: ${spec.part} spec version ${spec.version} has no characteristic “${name}”; it has ${list.map((c) => c.name).join(', ')}`,
    );
  }
  return found;
}

interface Measurement {
  unit: UnitRow;
  characteristic: string;
  value: number | string;
  equipment: string | null;
  testedAt: string;
  /** For an out-of-spec value: the open nonconformance it goes under (a new one is opened otherwise). */
  ncNumber?: string | undefined;
  correction?: { of: ResultView; reason: string };
}

function write(core: Core, m: Measurement): TestResult {
  const spec = specAt(core.db, m.unit, m.testedAt);
  const characteristic = characteristicNamed(core.db, spec, m.characteristic);
  const criterion = criterionOf(characteristic);
  const judged = judge(characteristic.name, criterion, m.value);
  if (!judged.ok) throw new LotlineError('VALIDATION', `value: ${judged.problem}`);
  let ncId: number | null = null;
  if (m.ncNumber !== undefined) {
    const nc = ncByNumber(core.db, m.ncNumber);
    if (nc.unit_id !== m.unit.id)
      throw new LotlineError('VALIDATION', `nonconformance: ${nc.number} is about ${nc.part} ${nc.code}, not ${unitName(m.unit)}`);
    if (nc.status !== 'open')
      throw new LotlineError('STATUS', `nonconformance: ${nc.number} is closed; a new result goes under an open one`);
    ncId = nc.id;
  } else if (judged.outcome === 'fail') {
    const earlier = m.correction?.of.nc_id;
    ncId =
      earlier !== undefined && earlier !== null && ncById(core.db, earlier).status === 'open'
        ? earlier
        : openNc(
            core,
            m.unit,
            `OOS ${characteristic.name}`,
            `${characteristic.name} of ${unitName(m.unit)} measured ${String(judged.value)}${criterion.kind === 'numeric' ? ` ${criterion.unit}` : ''}, outside the specification ${describeCriterion(criterion)} (spec version ${spec.version}, ${characteristic.method}${m.equipment ? `, equipment ${m.equipment}` : ''}).`,
          );
  }
  const id = Number(
    statements(core.db).insert.run({
      unit_id: m.unit.id,
      spec_id: spec.id,
      characteristic_id: characteristic.id,
      value_num: typeof judged.value === 'number' ? judged.value : null,
      value_text: typeof judged.value === 'string' ? judged.value : null,
      outcome: judged.outcome,
      equipment: m.equipment,
      tested_at: m.testedAt,
      tested_by: core.actor,
      recorded_at: core.now().toISOString(),
      supersedes_id: m.correction?.of.id ?? null,
      correction_reason: m.correction?.reason ?? null,
      nc_id: ncId,
    }).lastInsertRowid,
  );
  auditCreate(core, 'test_results', id, m.correction ? `Correction of result ${m.correction.of.id}: ${m.correction.reason}` : null);
  return toResult(resultById(core.db, id), unitRef(m.unit));
}

export function recordResult(
  core: Core,
  input: {
    ref: string;
    characteristic: string;
    value: number | string;
    equipment?: string | undefined;
    testedAt?: string | undefined;
    nonconformance?: string | undefined;
  },
): TestResult {
  return write(core, {
    unit: resolveRef(core.db, input.ref),
    characteristic: input.characteristic,
    value: input.value,
    equipment: input.equipment ?? null,
    testedAt: testTime(core, input.testedAt),
    ncNumber: input.nonconformance,
  });
}

export function correctResult(
  core: Core,
  input: { result: number; value: number | string; reason: string; equipment?: string | undefined; testedAt?: string | undefined },
): TestResult {
  const original = resultById(core.db, input.result);
  if (original.superseded_by !== null) {
    throw new LotlineError(
      'CONFLICT',
      `Result ${original.id} was already corrected by result ${original.superseded_by}; correct that one instead`,
    );
  }
  return write(core, {
    unit: unitById(core.db, original.unit_id),
    characteristic: original.name,
    value: input.value,
    equipment: input.equipment ?? original.equipment,
    testedAt: input.testedAt === undefined ? original.tested_at : testTime(core, input.testedAt),
    correction: { of: original, reason: input.reason },
  });
}

/** Every result of the unit, oldest first (the record PDFs read them too), with the spec in force now. */
export function unitTests(core: Core, ref: string): UnitTests {
  const unit = resolveRef(core.db, ref);
  const spec = specInForceAt(core.db, unit.item_id, core.now().toISOString());
  const name = unitRef(unit);
  return {
    ref: name,
    part: unit.part,
    spec: spec ? specVersion(core, spec) : null,
    results: statements(core.db)
      .ofUnit.all(unit.id)
      .map((r) => toResult(r, name)),
  };
}
