// Electronic signatures through the real api on a real SQLite file: a QA release signs the status decision; a signature
// stops being valid when its record changes; the two-person rule; wrong passwords audited and counted; a signature
// copied to another record is caught.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCaller } from './test-plant';
import { createApi } from './index';


describe('electronic signatures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-sign-'));
  const dbPath = join(dir, 'sign.db');
  const api = createApi({ dbPath, actor: 'tester' });
  const system = sessionCaller(api, undefined);
  let qa1: ReturnType<typeof sessionCaller>;
  let qa2: ReturnType<typeof sessionCaller>;
  let op: ReturnType<typeof sessionCaller>;
  const lots: string[] = [];

  beforeAll(async () => {
    await system.call('users.create', { username: 'qa1', printedName: 'Quinn Archer', roles: ['qa'], password: 'qa1-pass-12' });
    await system.call('users.create', { username: 'qa2', printedName: 'Rae Second', roles: ['qa', 'operator'], password: 'qa2-pass-12' });
    await system.call('users.create', { username: 'op1', printedName: 'Olly Operator', roles: ['operator'], password: 'op1-pass-12' });
    await system.call('items.create', { part: 'RESIN', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' });
    await system.call('suppliers.create', { code: 'SUP', name: 'Supplier' });
    const login = async (username: string, password: string) => sessionCaller(api, (await sessionCaller(api, null).call('auth.login', { username, password })).token);
    [qa1, qa2, op] = await Promise.all([login('qa1', 'qa1-pass-12'), login('qa2', 'qa2-pass-12'), login('op1', 'op1-pass-12')]);
    const receipt = await op.call('receiving.receive', { supplier: 'SUP', lines: [1, 2, 3].map((n) => ({ part: 'RESIN', supplierLot: `S-${n}`, quantity: 10 })) });
    lots.push(...receipt.lots.map((l) => l.ref));
  });
  afterAll(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a wrong password refuses the release, changes nothing, and is audited and counted toward lockout', async () => {
    const lot = lots[0] ?? '';
    expect(await qa1.refuse('units.setStatus', { ref: lot, status: 'released', reason: 'CoA checked', signature: { meaning: 'released', username: 'qa1', password: 'not-my-password' } })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'The user ID or password is wrong (4 more wrong tries lock the account)',
    });
    expect((await qa1.call('units.get', { ref: lot })).unit.status).toBe('quarantine');
    const trail = await system.call('audit.list', { entity: 'users' });
    expect(trail[0]).toMatchObject({ actor: 'qa1', reason: 'Wrong password when signing (1 of 5)', newValues: { username: 'qa1', failed_attempts: 1 } });
  });

  it('QA releases a lot by signing the status decision: user ID and password at the first signing of the session, the password alone after', async () => {
    const lot = lots[0] ?? '';
    expect(await qa1.refuse('units.setStatus', { ref: lot, status: 'released', reason: 'CoA checked' })).toEqual({
      code: 'VALIDATION',
      message: 'signature: releasing a lot is signed: give the meaning released and your password',
    });
    expect(await qa1.refuse('units.setStatus', { ref: lot, status: 'released', reason: 'CoA checked', signature: { meaning: 'released', password: 'qa1-pass-12' } })).toEqual({
      code: 'VALIDATION',
      message: 'signature.username: is required at the first signing of a session (user ID and password; later signings need the password only)',
    });
    expect(await qa1.refuse('units.setStatus', { ref: lot, status: 'released', reason: 'CoA checked', signature: { meaning: 'released', username: 'qa2', password: 'qa2-pass-12' } })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You are signed in as qa1; a signature must be your own (sign in as qa2 to sign as them)',
    });
    const released = await qa1.call('units.setStatus', { ref: lot, status: 'released', reason: 'CoA checked', signature: { meaning: 'released', username: 'qa1', password: 'qa1-pass-12' } });
    expect(released.status).toBe('released');

    const detail = await qa1.call('units.get', { ref: lot });
    const decision = detail.events.find((e) => e.statusTo === 'released');
    const record = await qa1.call('signatures.list', { record: { kind: 'lot-decision', id: String(decision?.id) } });
    expect(record.title).toBe(`Status decision ${decision?.id}: Lot ${lot.split(':')[1]} of RESIN released`);
    expect(JSON.parse(record.content)).toMatchObject({ kind: 'lot-decision', content: { ref: lot, decision: 'released', reason: 'CoA checked', recordedBy: 'qa1' } });
    expect(record.signatures).toEqual([
      {
        id: expect.any(Number) as unknown,
        record: { kind: 'lot-decision', id: String(decision?.id) },
        meaning: 'released',
        username: 'qa1',
        printedName: 'Quinn Archer',
        signedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/) as unknown,
        contentSha256: record.contentSha256,
        invalidReason: null,
        valid: true,
      },
    ]);
    // The good password cleared the count of wrong ones.
    expect((await system.call('users.list', {})).find((u) => u.username === 'qa1')?.failedAttempts).toBe(0);
    // A later signing in the same session: the password alone.
    const second = await qa1.call('signatures.sign', { record: { kind: 'lot', id: lots[1] ?? '' }, meaning: 'reviewed', password: 'qa1-pass-12' });
    expect(second).toMatchObject({ username: 'qa1', meaning: 'reviewed', valid: true });
  });

  it('a signature stops being valid when its record changes after signing', async () => {
    const lot = lots[1] ?? '';
    const before = await qa1.call('signatures.list', { record: { kind: 'lot', id: lot } });
    expect(before.signatures.map((s) => [s.meaning, s.valid])).toEqual([['reviewed', true]]);
    await op.call('units.setStatus', { ref: lot, status: 'on_hold', reason: 'Seal broken on one bag' });
    const after = await qa1.call('signatures.list', { record: { kind: 'lot', id: lot } });
    expect(after.contentSha256).not.toBe(before.contentSha256);
    expect(after.signatures).toMatchObject([{ meaning: 'reviewed', valid: false, invalidReason: 'no longer valid: the record changed after signing', contentSha256: before.contentSha256 }]);
  });

  it('two-person rule: whoever received a lot cannot also release it', async () => {
    const own = (await qa2.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'RESIN', supplierLot: 'S-9', quantity: 4 }] })).lots[0]?.ref ?? '';
    expect(await qa2.refuse('units.setStatus', { ref: own, status: 'released', reason: 'Own lot', signature: { meaning: 'released', username: 'qa2', password: 'qa2-pass-12' } })).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^The two-person rule applies to lot-decision records: qa2 authored or performed Status decision \d+: Lot \S+ of RESIN released and cannot also release it; ask another person to sign$/) as unknown,
    });
    expect((await qa2.call('units.get', { ref: own })).unit.status).toBe('quarantine');
    // Someone else may.
    expect((await qa1.call('units.setStatus', { ref: own, status: 'rejected', reason: 'Wrong grade', signature: { meaning: 'rejected', password: 'qa1-pass-12' } })).status).toBe('rejected');
  });

  it('only QA signs as released, approved or rejected', async () => {
    expect(await op.refuse('signatures.sign', { record: { kind: 'lot', id: lots[2] ?? '' }, meaning: 'approved', username: 'op1', password: 'op1-pass-12' })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Signing as approved needs the QA role; you are signed in as an operator',
    });
  });

  it('a signature copied to another record is not valid there, and the audit trail finds the row inserted behind its back', async () => {
    const source = await qa1.call('signatures.list', { record: { kind: 'lot', id: lots[1] ?? '' } });
    const raw = new Database(dbPath);
    raw.prepare(
      `INSERT INTO signatures (record_kind, record_id, meaning, user_id, username, printed_name, signed_at, content_sha256, binding_sha256)
       SELECT record_kind, ?, meaning, user_id, username, printed_name, signed_at, content_sha256, binding_sha256 FROM signatures WHERE id = ?`,
    ).run(lots[2] ?? '', source.signatures[0]?.id ?? 0);
    raw.close();
    const target = await qa1.call('signatures.list', { record: { kind: 'lot', id: lots[2] ?? '' } });
    expect(target.signatures).toMatchObject([{ username: 'qa1', meaning: 'reviewed', valid: false, invalidReason: 'not valid: this signature was made for another record (copied) or altered' }]);
    const verify = await system.call('audit.verify', {});
    expect(verify.ok).toBe(false);
    expect(verify.problems.map((p) => p.message)).toContain(`signatures ${target.signatures[0]?.id} has no audit trail entry: it was inserted outside Lotline`);
  });
});
