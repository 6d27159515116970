// Review by exception on a real SQLite file: each exception kind appears for crafted data and goes away when it is
// resolved (or stays, as a deviation does, for the reviewer to read), approving from the queue is refused while a
// record has exceptions, a step's verification follows the two-person rule, and release and rejection change status
// the stations then respect.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExceptionKind, ReviewEntry } from '../../../common/api/review';
import { openDatabase } from '../db/open';
import { queueJob } from '../printing/jobs';
import { miniPlant, signedIn, tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';

let t: TestApi;
let plant: Awaited<ReturnType<typeof miniPlant>>;
let qa1: Awaited<ReturnType<typeof signedIn>>;
let qa2: Awaited<ReturnType<typeof signedIn>>;
let op1: Awaited<ReturnType<typeof signedIn>>;

const PW = { qa1: 'qa-one-password-1', qa2: 'qa-two-password-2', op1: 'op-one-password-1' };

/** A second connection to the same file acting as the local system: what no api command does (settings, raw jobs). */
function withCore<T>(run: (core: { db: ReturnType<typeof openDatabase>; actor: string; now: () => Date }) => T): T {
  const db = openDatabase(t.dbPath);
  try {
    return db.transaction(() => run({ db, actor: 'tester', now: () => new Date() }))();
  } finally {
    db.close();
  }
}

const kinds = (entry: ReviewEntry): ExceptionKind[] => [...new Set(entry.exceptions.map((e) => e.kind))].sort();
const exceptionsOf = (ref: string) => qa1.call('review.exceptions', { ref });

async function makeLot(number: string, by: typeof op1, quantity = 10): Promise<string> {
  await t.call('workOrders.create', { number, part: 'BOTTLE', quantity });
  await by.call('workOrders.consume', { workOrder: number, ref: plant.resin, quantity: '0.5' });
  await by.call('workOrders.consume', { workOrder: number, ref: plant.cap, quantity });
  const made = await by.call('workOrders.produce', { workOrder: number, quantity });
  return made.outputs[0]?.ref ?? '';
}

async function verifyEveryStep(ref: string): Promise<void> {
  for (const e of (await exceptionsOf(ref)).exceptions.filter((x) => x.kind === 'unverified-step')) {
    await qa1.call('signatures.sign', { record: { kind: 'step', id: String(e.link.eventId) }, meaning: 'verified', password: PW.qa1 });
  }
}

async function passAllTests(ref: string): Promise<void> {
  await qa1.call('results.record', { ref, characteristic: 'Height', value: 100, equipment: 'CAL-7' });
  await qa1.call('results.record', { ref, characteristic: 'Leak', value: 'pass' });
}

beforeAll(async () => {
  t = tempApi();
  plant = await miniPlant(t);
  await Promise.all([
    t.call('users.create', { username: 'qa1', printedName: 'Quinn One', roles: ['qa'], password: PW.qa1 }),
    t.call('users.create', { username: 'qa2', printedName: 'Quinn Two', roles: ['qa'], password: PW.qa2 }),
    t.call('users.create', { username: 'op1', printedName: 'Owen One', roles: ['operator'], password: PW.op1 }),
  ]);
  [qa1, qa2, op1] = await Promise.all([signedIn(t.api, 'qa1', PW.qa1), signedIn(t.api, 'qa2', PW.qa2), signedIn(t.api, 'op1', PW.op1)]);
  const spec = await t.call('specs.create', {
    part: 'BOTTLE',
    stage: 'finished',
    characteristics: [
      { name: 'Height', method: 'Caliper', unit: 'mm', lower: 99, upper: 101, sampleSize: 1 },
      { name: 'Leak', method: 'Dunk test', expected: 'pass', sampleSize: 3 },
    ],
  });
  await t.call('specs.approve', { part: 'BOTTLE', version: spec.version, effectiveFrom: '2020-01-01T00:00:00Z', reason: 'Approved for the review tests' });
}, 60_000);

afterAll(() => t.close());

describe('review queue', () => {
  it('lists a finished lot awaiting a decision with its unverified steps and missing results, and only QA may read it', async () => {
    const lot = await makeLot('WO-R1', op1);
    const queue = await qa1.call('review.queue', {});
    const entry = queue.find((e) => e.ref === lot);
    expect(entry).toMatchObject({ kind: 'lot', status: 'quarantine', workOrder: 'WO-R1', record: { kind: 'ebr', id: 'WO-R1' }, review: null });
    expect(kinds(entry as ReviewEntry)).toEqual(['missing-result', 'unverified-step']);
    expect(entry?.counts).toEqual({ 'missing-result': 2, 'unverified-step': 3 });
    expect(entry?.exceptions.filter((e) => e.kind === 'missing-result').map((e) => e.link.characteristic)).toEqual(['Height', 'Leak']);
    // Every unverified step names its ledger event, performed by the operator.
    for (const e of entry?.exceptions.filter((x) => x.kind === 'unverified-step') ?? []) {
      expect(e.link.eventId).toBeGreaterThan(0);
      expect(e.by).toBe('op1');
    }
    // Received lots (released or not) are not in the queue: they have no batch record here.
    expect(queue.some((e) => e.ref === plant.resin)).toBe(false);
    const refused = await op1.refuse('review.queue', {});
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/needs the QA role/i);
  });

  it('shows an out-of-spec result with its NC, which goes when the result is corrected and the NC closed', async () => {
    const lot = 'BOTTLE:' + (await t.call('workOrders.get', { workOrder: 'WO-R1' })).outputs[0]?.lot;
    const oos = await qa1.call('results.record', { ref: lot, characteristic: 'Height', value: 104.5 });
    let entry = await exceptionsOf(lot);
    const flagged = entry.exceptions.find((e) => e.kind === 'out-of-spec');
    expect(flagged?.link).toEqual({ resultId: oos.id, nc: oos.nonconformance?.number });
    expect(flagged?.summary).toMatch(/Height 104.5 mm outside .*\(NC-\d+ open\)/);
    // Height is tested (out of spec), Leak still missing.
    expect(entry.exceptions.filter((e) => e.kind === 'missing-result').map((e) => e.link.characteristic)).toEqual(['Leak']);

    await qa1.call('results.correct', { result: oos.id, value: 100.2, reason: 'Caliper read against the wrong datum; remeasured' });
    entry = await exceptionsOf(lot);
    expect(kinds(entry)).toContain('open-nc');
    expect(kinds(entry)).not.toContain('out-of-spec');
    expect(entry.exceptions.find((e) => e.kind === 'open-nc')?.link.nc).toBe(oos.nonconformance?.number);

    await qa1.call('nc.close', { number: oos.nonconformance?.number ?? '', rootCause: 'Measurement error', disposition: 'use_as_is' });
    await qa1.call('results.record', { ref: lot, characteristic: 'Leak', value: 'PASS' });
    entry = await exceptionsOf(lot);
    expect(kinds(entry)).toEqual(['unverified-step']);
  });

  it('lists substitutions, overrides, reversals, reprints and late entries, each linked to its entry', async () => {
    const lot = await makeLot('WO-R2', op1);
    const dye = await op1.call('workOrders.consume', { workOrder: 'WO-R2', ref: plant.dye, quantity: 5, substitutionReason: 'Tint requested by customer (ECO-9)' });
    const extraCaps = await op1.call('workOrders.consume', { workOrder: 'WO-R2', ref: plant.cap, quantity: 2, substitutionReason: 'Two caps scrapped at the capper' });
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const late = await op1.call('workOrders.consume', { workOrder: 'WO-R2', ref: plant.resin, quantity: '0.01', at: threeHoursAgo, substitutionReason: 'Purge resin entered from the paper log' });
    const reversed = await qa1.call('events.reverse', { eventId: late.id, reason: 'Purge resin is not part of the batch' });
    const [first, reprint] = withCore((core) => {
      const zpl = Buffer.from('^XA^FDBOTTLE^FS^XZ');
      const a = queueJob(core, { printer: 'tcp://127.0.0.1:9100', content: zpl, copies: 1, template: 'fg-lot', ref: lot });
      core.db.prepare("UPDATE print_jobs SET state = 'printed' WHERE id = ?").run(a);
      return [a, queueJob(core, { printer: 'tcp://127.0.0.1:9100', content: zpl, copies: 1, template: 'fg-lot', ref: lot, reprintReason: 'Label smudged at the wrapper' })];
    });

    const entry = await exceptionsOf(lot);
    const of = (kind: ExceptionKind) => entry.exceptions.filter((e) => e.kind === kind);
    expect(of('substitution').map((e) => [e.link.eventId, e.summary])).toEqual([[dye.id, `${plant.dye} used off the BOM: Tint requested by customer (ECO-9)`]]);
    expect(of('override').map((e) => e.link.eventId)).toEqual([extraCaps.id, late.id]);
    expect(of('reversal').map((e) => e.link.eventId)).toEqual([reversed.id]);
    expect(of('reprint').map((e) => e.link.printJobId)).toEqual([reprint]);
    expect(reprint).toBeGreaterThan(first);
    expect(of('late-entry').map((e) => e.link.eventId)).toEqual([late.id]);
    expect(of('late-entry')[0]?.summary).toMatch(/recorded 3 hours after it happened/);

    // The threshold is a site setting: at 6 hours the entry is on time.
    expect((await t.refuse('settings.set', { lateEntryMinutes: 0, reason: 'Never late' })).message).toMatch(/lateEntryMinutes: must be at least 1 minute/);
    await t.call('settings.set', { lateEntryMinutes: 360, reason: 'Paper logs are transcribed within the shift' });
    expect(kinds(await exceptionsOf(lot))).not.toContain('late-entry');
    await t.call('settings.set', { lateEntryMinutes: 60, reason: 'Back to one hour' });
  });

  it('a step is verified by a second person, never by who performed it; verified steps leave the queue and show in the EBR', async () => {
    const lot = await makeLot('WO-R3', op1);
    const step = (await exceptionsOf(lot)).exceptions.find((e) => e.kind === 'unverified-step');
    const record = { kind: 'step', id: String(step?.link.eventId) };
    const own = await op1.refuse('signatures.sign', { record, meaning: 'verified', username: 'op1', password: PW.op1 });
    expect(own.code).toBe('FORBIDDEN');
    expect(own.message).toMatch(/two-person rule applies to step records: op1 authored or performed Step \d+ \(Component consumed, performed by op1\) and cannot also verify it/);
    const signed = await qa1.call('signatures.sign', { record, meaning: 'verified', username: 'qa1', password: PW.qa1 });
    expect(signed.valid).toBe(true);
    const after = await exceptionsOf(lot);
    expect(after.exceptions.filter((e) => e.kind === 'unverified-step').map((e) => e.link.eventId)).not.toContain(step?.link.eventId);
    const ebr = JSON.parse((await t.call('signatures.list', { record: { kind: 'ebr', id: 'WO-R3' } })).content) as {
      content: { steps: { eventId: number; by: string; significant: boolean; verified: { by: string } | null }[] };
    };
    const printed = ebr.content.steps.find((s) => s.eventId === step?.link.eventId);
    expect(printed).toMatchObject({ by: 'op1', significant: true, verified: { by: 'qa1' } });
    expect(ebr.content.steps.filter((s) => s.verified === null).length).toBe(2);
  });

  it('approves from the queue only a record with no exceptions, then release makes it shippable and rejection blocks it', async () => {
    const lot = await makeLot('WO-R4', op1);
    const refused = await qa2.refuse('review.approve', { ref: lot, meaning: 'approved', username: 'qa2', password: PW.qa2 });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/has 5 exceptions \(2 Missing result, 3 Step not verified\): it cannot be approved from the queue/);

    await verifyEveryStep(lot);
    await passAllTests(lot);
    expect((await exceptionsOf(lot)).exceptions).toEqual([]);
    const wrong = await qa2.refuse('review.approve', { ref: lot, meaning: 'approved', username: 'qa2', password: 'not-the-password' });
    expect(wrong.message).toMatch(/password/i);
    const approval = await qa2.call('review.approve', { ref: lot, meaning: 'approved', username: 'qa2', password: PW.qa2 });
    expect(approval).toMatchObject({ record: { kind: 'ebr', id: 'WO-R4' }, meaning: 'approved', username: 'qa2', valid: true });
    expect((await exceptionsOf(lot)).review?.id).toBe(approval.id);
    expect(await op1.refuse('review.approve', { ref: lot, meaning: 'approved', password: PW.op1 })).toMatchObject({ code: 'FORBIDDEN' });

    await qa2.call('units.setStatus', { ref: lot, status: 'released', reason: 'Batch record reviewed by exception', signature: { meaning: 'released', password: PW.qa2 } });
    expect((await qa1.call('review.queue', {})).some((e) => e.ref === lot)).toBe(false);
    await op1.call('shipments.ship', { customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: lot, quantity: 1 }] });

    // Rejected: refused by the api and by a station scan alike.
    const bad = await makeLot('WO-R5', op1);
    await qa2.call('units.setStatus', { ref: bad, status: 'rejected', reason: 'Caps cracked', signature: { meaning: 'rejected', password: PW.qa2 } });
    const ship = await op1.refuse('shipments.ship', { customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: bad, quantity: 1 }] });
    expect(ship.message).toMatch(/is rejected.* and cannot be shipped/);
    await t.call('workOrders.create', { number: 'WO-R6', part: 'PUMP', quantity: 1 });
    const scan = await op1.call('stations.scan', { station: 'workOrder', context: { workOrder: 'WO-R6' }, code: bad, quantity: 1 });
    expect(scan).toMatchObject({ outcome: 'refused' });
    if (scan.outcome === 'refused') expect(scan.reason).toMatch(/is rejected.* and cannot be consumed/);
    expect((await qa1.call('review.queue', {})).some((e) => e.ref === bad)).toBe(false);
  });

  it('a batch record of an item without a GTIN says why it has no label specimen instead of failing', async () => {
    await t.call('items.create', { part: 'PLUG', description: 'Plug', tracking: 'lot', category: 'finished', unit: 'ea' });
    await t.call('boms.create', { part: 'PLUG', lines: [{ part: 'CAP', quantityPer: 1 }] });
    await t.call('workOrders.create', { number: 'WO-R7', part: 'PLUG', quantity: 2 });
    await op1.call('workOrders.consume', { workOrder: 'WO-R7', ref: plant.cap, quantity: 2 });
    const lot = (await op1.call('workOrders.produce', { workOrder: 'WO-R7', quantity: 2 })).outputs[0]?.ref ?? '';
    const pdf = join(mkdtempSync(join(tmpdir(), 'lotline-review-')), 'ebr.pdf');
    await qa1.call('records.render', { kind: 'ebr', ref: lot, file: pdf });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('No fg-lot label can be made for this record');
    expect(text).toContain('Verified by');
  });
});
