// Quality records through the one door on a real database file: specs versioned and approved, results judged against
// the version in force when the test was made (limits inclusive), corrections that keep what they correct, out-of-spec
// results that always carry a nonconformance, release refused while one is open, certificates kept byte-exact, and
// the audit trail replaying all of it.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniPlant, tempApi } from './test-plant';
import type { TestApi } from './test-plant';

let t: TestApi;
let lots: Awaited<ReturnType<typeof miniPlant>>;

const JAN = '2026-01-01T00:00:00Z';
const at = (day: string, time = '08:00:00+01:00') => `2026-${day}T${time}`;

beforeAll(async () => {
  t = tempApi();
  lots = await miniPlant(t);
  await t.call('specs.create', {
    part: 'RESIN',
    stage: 'incoming',
    characteristics: [
      { name: 'pH', method: 'USP <791>', unit: 'pH', lower: 6.5, upper: 7.5, sampleSize: 3 },
      { name: 'Moisture', method: 'Karl Fischer', unit: '%', upper: 0.02, sampleSize: 1 },
      { name: 'Appearance', method: 'Visual', expected: 'Clear granules', sampleSize: 5 },
    ],
  });
  await t.call('specs.approve', { part: 'RESIN', version: 1, effectiveFrom: JAN });
});
afterAll(() => t.close());

describe('specs', () => {
  it('are versioned: a new version is a new draft row and the approved one stays in force until the new one is approved', async () => {
    const v2 = await t.call('specs.create', {
      part: 'CAP',
      stage: 'incoming',
      note: 'first issue',
      characteristics: [{ name: 'Torque', method: 'ASTM D2063', unit: 'N·m', lower: 1, upper: 2, sampleSize: 10 }],
    });
    expect(v2).toMatchObject({
      part: 'CAP',
      version: 1,
      status: 'draft',
      inForce: false,
      effectiveFrom: null,
      approvedBy: null,
      createdBy: 'tester',
    });
    await t.call('specs.approve', { part: 'CAP', version: 1, effectiveFrom: JAN });
    const second = await t.call('specs.create', {
      part: 'CAP',
      stage: 'incoming',
      characteristics: [{ name: 'Torque', method: 'ASTM D2063', unit: 'N·m', lower: 1.2, upper: 2, sampleSize: 10 }],
    });
    expect(second).toMatchObject({ version: 2, status: 'draft', inForce: false });
    const [caps] = await t.call('specs.list', { part: 'CAP' });
    expect(caps?.versions.map((v) => [v.version, v.status, v.inForce])).toEqual([
      [2, 'draft', false],
      [1, 'approved', true],
    ]);
    expect(await t.call('specs.get', { part: 'CAP', version: 1 })).toMatchObject({
      approvedBy: 'tester',
      characteristics: [{ name: 'Torque', criterion: { kind: 'numeric', unit: 'N·m', lower: 1, upper: 2 } }],
    });
    expect(await t.refuse('specs.approve', { part: 'CAP', version: 1 })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^CAP spec version 1 was already approved by tester on /),
    });
    const raw = new Database(t.dbPath);
    expect(() => raw.prepare(`UPDATE spec_characteristics SET upper_limit = 9`).run()).toThrow(
      'A spec version is fixed once written; create a new version instead',
    );
    expect(() => raw.prepare(`UPDATE specs SET effective_from = '2020-01-01T00:00:00.000Z' WHERE version = 1`).run()).toThrow(
      'An approved spec version is fixed; create a new version instead',
    );
    raw.close();
  });

  it('refuses a characteristic without limits or expected value, limits the wrong way round, and names listed twice', async () => {
    const bad = await t.refuse('specs.create', {
      part: 'CAP',
      stage: 'incoming',
      characteristics: [
        { name: 'Colour', method: 'Visual', sampleSize: 1 },
        { name: 'Height', method: 'Caliper', unit: 'mm', lower: 5, upper: 4, sampleSize: 1 },
        { name: 'Weight', method: 'Scale', lower: 1, sampleSize: 1 },
        { name: 'colour', method: 'Visual', expected: 'White', sampleSize: 0 },
      ],
    });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toContain('characteristics[0].lower: give a lower or upper limit (or both), or an expected text value');
    expect(bad.message).toContain('characteristics[1].lower: the lower limit 5 is above the upper limit 4');
    expect(bad.message).toContain('characteristics[2].unit: a measured characteristic needs its unit');
    expect(bad.message).toContain('characteristics[3].sampleSize: must be at least 1');
    expect(bad.message).toContain('characteristics[3].name: “colour” is listed twice');
    expect(
      await t.refuse('specs.create', {
        part: 'NOPE',
        stage: 'incoming',
        characteristics: [{ name: 'X', method: 'Y', expected: 'Z', sampleSize: 1 }],
      }),
    ).toEqual({ code: 'NOT_FOUND', message: 'There is no item NOPE' });
  });
});

describe('results', () => {
  it('pass at both limits (inclusive) and fail just outside; text values match ignoring case', async () => {
    const cases: [string, number | string, 'pass' | 'fail'][] = [
      ['pH', 6.5, 'pass'],
      ['pH', 7.5, 'pass'],
      ['pH', '7.0', 'pass'],
      ['Moisture', 0.02, 'pass'],
      ['Moisture', 0, 'pass'],
      ['Appearance', 'clear  GRANULES', 'pass'],
    ];
    for (const [characteristic, value, outcome] of cases) {
      const r = await t.call('results.record', { ref: lots.resin, characteristic, value, equipment: 'PH-METER-02', testedAt: at('02-01') });
      expect({ characteristic, value, outcome: r.outcome, nc: r.nonconformance }).toEqual({ characteristic, value, outcome, nc: null });
    }
    const low = await t.call('results.record', { ref: lots.cap, characteristic: 'Torque', value: 0.999, testedAt: at('02-01') });
    expect(low).toMatchObject({ outcome: 'fail', specVersion: 1, nonconformance: { status: 'open' } });
    expect(await t.refuse('results.record', { ref: lots.resin, characteristic: 'pH', value: 'seven' })).toEqual({
      code: 'VALIDATION',
      message: 'value: pH is measured in pH: give a number, not “seven”',
    });
    expect(await t.refuse('results.record', { ref: lots.resin, characteristic: 'Appearance', value: 3 })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('Appearance is judged by text'),
    });
    expect(await t.refuse('results.record', { ref: lots.resin, characteristic: 'Colour', value: 3 })).toEqual({
      code: 'VALIDATION',
      message: 'characteristic: RESIN spec version 1 has no characteristic “Colour”; it has pH, Moisture, Appearance',
    });
    expect(await t.refuse('results.record', { ref: lots.dye, characteristic: 'pH', value: 7 })).toMatchObject({
      code: 'STATUS',
      message: expect.stringMatching(/^No approved test specification of DYE was in force at /),
    });
    expect(
      await t.refuse('results.record', { ref: lots.resin, characteristic: 'pH', value: 7, testedAt: '2099-01-01T00:00:00Z' }),
    ).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('is in the future') });
  });

  it('are judged against the spec version in force when the test was made, not the newest', async () => {
    const tighter = await t.call('specs.create', {
      part: 'RESIN',
      stage: 'incoming',
      characteristics: [
        { name: 'pH', method: 'USP <791>', unit: 'pH', lower: 6.8, upper: 7.2, sampleSize: 3 },
        { name: 'Moisture', method: 'Karl Fischer', unit: '%', upper: 0.02, sampleSize: 1 },
      ],
    });
    // Taking effect before results already judged would change what judged them: refused.
    expect(await t.refuse('specs.approve', { part: 'RESIN', version: tighter.version, effectiveFrom: at('01-15') })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('RESIN has results tested up to'),
    });
    await t.call('specs.approve', { part: 'RESIN', version: tighter.version, effectiveFrom: at('03-01') });
    const before = await t.call('results.record', { ref: lots.resin, characteristic: 'pH', value: 6.6, testedAt: at('02-20') });
    const after = await t.call('results.record', { ref: lots.resin, characteristic: 'pH', value: 6.8, testedAt: at('03-01') });
    const afterOut = await t.call('results.record', { ref: lots.resin, characteristic: 'pH', value: 6.6, testedAt: at('03-02') });
    expect([before, after, afterOut].map((r) => [r.specVersion, r.outcome])).toEqual([
      [1, 'pass'],
      [2, 'pass'],
      [2, 'fail'],
    ]);
    expect(before.criterion).toEqual({ kind: 'numeric', unit: 'pH', lower: 6.5, upper: 7.5 });
    // Appearance was dropped in version 2: a test made after it took effect cannot be judged by it.
    expect(
      await t.refuse('results.record', { ref: lots.resin, characteristic: 'Appearance', value: 'Clear granules', testedAt: at('03-05') }),
    ).toMatchObject({
      message: 'characteristic: RESIN spec version 2 has no characteristic “Appearance”; it has pH, Moisture',
    });
    const tests = await t.call('results.list', { ref: lots.resin });
    expect(tests.spec?.version).toBe(2);
  });

  it('an out-of-spec result always has a nonconformance (NC-####) whose description names value and limits', async () => {
    const oos = await t.call('results.record', {
      ref: lots.resin,
      characteristic: 'Moisture',
      value: 0.05,
      equipment: 'KF-1',
      testedAt: at('03-03'),
    });
    expect(oos.outcome).toBe('fail');
    expect(oos.nonconformance?.number).toMatch(/^NC-\d{4}$/);
    const [nc] = await t.call('nc.list', { ref: lots.resin, status: 'open' });
    expect(nc).toMatchObject({
      number: oos.nonconformance?.number,
      title: 'OOS Moisture',
      status: 'open',
      results: [oos.id],
      openedBy: 'tester',
    });
    expect(nc?.description).toBe(
      `Moisture of Lot ${lots.resin.split(':')[1]} of RESIN measured 0.05 %, outside the specification ≤ 0.02 % (spec version 2, Karl Fischer, equipment KF-1).`,
    );
    // A retest that fails again can go under the same open nonconformance instead of a new one.
    const retest = await t.call('results.record', {
      ref: lots.resin,
      characteristic: 'Moisture',
      value: 0.04,
      testedAt: at('03-04'),
      nonconformance: nc?.number,
    });
    expect(retest.nonconformance?.number).toBe(nc?.number);
    expect(
      await t.refuse('results.record', { ref: lots.cap, characteristic: 'Torque', value: 0.5, nonconformance: nc?.number }),
    ).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('is about RESIN') });
    const raw = new Database(t.dbPath);
    const fail = raw.prepare(`SELECT unit_id, spec_id, characteristic_id FROM test_results WHERE id = ?`).get(oos.id) as Record<
      string,
      number
    >;
    expect(() =>
      raw
        .prepare(
          `INSERT INTO test_results (unit_id, spec_id, characteristic_id, value_num, outcome, tested_at, tested_by, recorded_at) VALUES (?, ?, ?, 1, 'fail', 'x', 'x', 'x')`,
        )
        .run(fail.unit_id, fail.spec_id, fail.characteristic_id),
    ).toThrow(/CHECK constraint failed/);
    raw.close();
  });

  it('a correction is a new result superseding the earlier one with its reason; both are kept and the earlier cannot be changed', async () => {
    const typo = await t.call('results.record', {
      ref: lots.resin,
      characteristic: 'pH',
      value: 71,
      equipment: 'PH-METER-02',
      testedAt: at('03-10'),
    });
    expect(typo.outcome).toBe('fail');
    const fixed = await t.call('results.correct', { result: typo.id, value: 7.1, reason: 'Transcription error: decimal point missed' });
    expect(fixed).toMatchObject({
      outcome: 'pass',
      supersedes: typo.id,
      correctionReason: 'Transcription error: decimal point missed',
      testedAt: typo.testedAt,
      equipment: 'PH-METER-02',
    });
    const { results } = await t.call('results.list', { ref: lots.resin });
    expect(results.find((r) => r.id === typo.id)).toMatchObject({
      value: 71,
      outcome: 'fail',
      supersededBy: fixed.id,
      nonconformance: typo.nonconformance,
    });
    expect(results.find((r) => r.id === fixed.id)).toMatchObject({ value: 7.1, supersededBy: null });
    expect(await t.refuse('results.correct', { result: typo.id, value: 7.2, reason: 'again' })).toEqual({
      code: 'CONFLICT',
      message: `Result ${typo.id} was already corrected by result ${fixed.id}; correct that one instead`,
    });
    expect(await t.refuse('results.correct', { result: fixed.id, value: 7.2, reason: '' })).toMatchObject({
      code: 'VALIDATION',
      message: 'reason: must say why (at least 3 characters)',
    });
    const raw = new Database(t.dbPath);
    expect(() => raw.prepare(`UPDATE test_results SET value_num = 7.1 WHERE id = ?`).run(typo.id)).toThrow(
      'Test results are never overwritten: record a correction with its reason',
    );
    expect(() => raw.prepare(`DELETE FROM test_results WHERE id = ?`).run(typo.id)).toThrow(
      'Test results are part of the record and cannot be deleted',
    );
    raw.close();
  });
});

describe('nonconformances and release', () => {
  it('refuse release while a nonconformance of the lot is open, and allow it once closed with root cause and disposition', async () => {
    const receipt = await t.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'RESIN', supplierLot: 'S-2', quantity: 50 }] });
    const ref = receipt.lots[0]?.ref ?? '';
    const oos = await t.call('results.record', { ref, characteristic: 'pH', value: 8.1, equipment: 'PH-METER-02' });
    const number = oos.nonconformance?.number ?? '';
    const code = ref.split(':')[1];
    expect(await t.refuse('units.setStatus', { ref, status: 'released', reason: 'incoming inspection' })).toEqual({
      code: 'STATUS',
      message: `Lot ${code} of RESIN has an open nonconformance ${number} (OOS pH): close it first`,
    });
    // Holding or rejecting it is still possible.
    await t.call('units.setStatus', { ref, status: 'on_hold', reason: `OOS pH, ${number}` });
    expect(await t.refuse('nc.close', { number })).toEqual({
      code: 'VALIDATION',
      message: `${number} cannot be closed without its root cause and disposition: record the investigation first`,
    });
    await t.call('nc.update', { number, rootCause: 'pH probe out of calibration (last calibrated 14 months ago)' });
    const retest = await t.call('results.record', {
      ref,
      characteristic: 'pH',
      value: 7.0,
      equipment: 'PH-METER-03',
      nonconformance: number,
    });
    expect(retest).toMatchObject({ outcome: 'pass', nonconformance: { number, status: 'open' } });
    const closed = await t.call('nc.close', { number, disposition: 'use_as_is' });
    expect(closed).toMatchObject({
      status: 'closed',
      closedBy: 'tester',
      disposition: 'use_as_is',
      rootCause: expect.stringContaining('calibration'),
      results: [oos.id, retest.id],
    });
    expect(await t.refuse('nc.update', { number, description: 'later' })).toMatchObject({
      code: 'STATUS',
      message: expect.stringContaining(`${number} was closed by tester`),
    });
    expect(await t.call('units.setStatus', { ref, status: 'released', reason: `${number} closed; retest in spec` })).toMatchObject({
      status: 'released',
    });
  });

  it('opens one by hand on a serial, lists by status, and refuses bad numbers and dispositions with the field', async () => {
    const nc = await t.call('nc.open', {
      ref: lots.cap,
      title: 'Supplier CoC missing',
      description: 'Certificate of conformance not received with the shipment',
    });
    expect(nc).toMatchObject({ ref: lots.cap, status: 'open', rootCause: null });
    expect((await t.call('nc.list', { status: 'open' })).map((n) => n.number)).toContain(nc.number);
    expect((await t.call('nc.list', { status: 'closed' })).map((n) => n.number)).not.toContain(nc.number);
    expect(await t.refuse('nc.update', { number: 'NC-42', disposition: 'use_as_is' })).toMatchObject({
      code: 'VALIDATION',
      message: 'number: must be a nonconformance number like NC-0042',
    });
    expect(await t.refuse('nc.update', { number: nc.number, disposition: 'ignore' as 'scrap' })).toMatchObject({
      message: expect.stringContaining('disposition: must be one of use_as_is, rework, scrap, return_to_supplier, reject'),
    });
    expect(await t.refuse('nc.update', { number: nc.number })).toMatchObject({
      message: '(input): give the description, root cause or disposition to record',
    });
    expect(await t.refuse('nc.close', { number: 'NC-9999' })).toEqual({ code: 'NOT_FOUND', message: 'There is no nonconformance NC-9999' });
  });
});

describe('certificates', () => {
  it('keep the file byte-exact with its SHA-256, once per content, listed on the lot', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000), Buffer.from([0, 255, 13, 10])]);
    const sha = createHash('sha256').update(pdf).digest('hex');
    const attached = await t.call('certificates.attach', {
      ref: lots.resin,
      kind: 'CoA',
      fileName: 'CoA S-1.pdf',
      mediaType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    });
    expect(attached).toMatchObject({ ref: lots.resin, kind: 'CoA', bytes: pdf.length, sha256: sha, attachedBy: 'tester' });
    await t.call('certificates.attach', {
      ref: lots.cap,
      kind: 'CoC',
      fileName: 'same.pdf',
      mediaType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    });
    const got = await t.call('certificates.get', { id: attached.id });
    expect(Buffer.from(got.contentBase64, 'base64').equals(pdf)).toBe(true);
    expect((await t.call('certificates.list', { ref: lots.resin })).map((c) => c.fileName)).toEqual(['CoA S-1.pdf']);
    const raw = new Database(t.dbPath);
    expect(raw.prepare('SELECT count(*) AS n FROM certificate_files').get()).toEqual({ n: 1 });
    expect(() => raw.prepare("UPDATE certificate_files SET content = x'00'").run()).toThrow(
      'A certificate file is kept as received and cannot be changed',
    );
    // Changed behind the app's back (triggers dropped): the file is refused, not handed out as if it were the original.
    raw.exec('DROP TRIGGER certificate_files_no_update');
    raw.prepare('UPDATE certificate_files SET content = ?').run(Buffer.concat([pdf.subarray(0, -1), Buffer.from([1])]));
    raw.close();
    expect(await t.refuse('certificates.get', { id: attached.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`no longer matches the SHA-256 recorded when it was attached (${sha})`),
    });
    expect(
      await t.refuse('certificates.attach', { ref: lots.resin, kind: 'MSDS' as 'CoA', fileName: '../x.pdf', contentBase64: 'not base64!' }),
    ).toMatchObject({ code: 'VALIDATION' });
    const bad = await t.refuse('certificates.attach', {
      ref: lots.resin,
      kind: 'MSDS' as 'CoA',
      fileName: '../x.pdf',
      contentBase64: 'not base64!',
    });
    expect(bad.message).toContain('kind: must be one of CoA, CoC');
    expect(bad.message).toContain('fileName: must be a file name without folders');
    expect(bad.message).toContain('contentBase64: must be the file content in base64');
  });
});

describe('audit', () => {
  it('verifies after all of it, and catches a result or nonconformance changed behind the app’s back', async () => {
    const ok = await t.call('audit.verify', {});
    expect(ok.problems).toEqual([]);
    expect(ok.ok).toBe(true);
    const trail = await t.call('audit.list', { entity: 'test_results', limit: 1000 });
    expect(trail.length).toBeGreaterThan(10);
    expect(trail.find((r) => r.reason?.startsWith('Correction of result'))?.newValues).toMatchObject({
      correction_reason: 'Transcription error: decimal point missed',
    });
    const raw = new Database(t.dbPath);
    raw.exec('DROP TRIGGER nonconformances_closed');
    raw.prepare(`UPDATE nonconformances SET disposition = 'scrap' WHERE status = 'closed'`).run();
    raw.close();
    const broken = await t.call('audit.verify', {});
    expect(broken.ok).toBe(false);
    expect(broken.problems.map((p) => p.entity)).toContain('nonconformances');
  });
});
