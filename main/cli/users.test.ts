// `lotline user add|passwd`, `--user` and `lotline sign` on a real database file, with the password from LOTLINE_PASSWORD.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'lotline-cli-users-'));
const db = join(dir, 'plant.db');

async function cli(password: string | undefined, ...args: string[]) {
  if (password === undefined) delete process.env.LOTLINE_PASSWORD;
  else process.env.LOTLINE_PASSWORD = password;
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let lot = '';
beforeAll(async () => {
  expect(await cli('qa1-first-pw', 'user', 'add', 'qa1', '--role', 'qa', '--name', 'Quinn Archer')).toMatchObject({ code: 0, out: 'Added qa1 (Quinn Archer) with the role qa' });
  expect(await cli('op1-first-pw', 'user', 'add', 'op1', '--role', 'operator', '--role', 'viewer')).toMatchObject({ code: 0, out: 'Added op1 (op1) with the roles operator, viewer' });
  await cli(undefined, 'call', 'items.create', JSON.stringify({ part: 'RESIN', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' }));
  await cli(undefined, 'call', 'suppliers.create', JSON.stringify({ code: 'SUP', name: 'Supplier' }));
  const received = await cli('op1-first-pw', '--user', 'op1', 'call', 'receiving.receive', JSON.stringify({ supplier: 'SUP', lines: [{ part: 'RESIN', supplierLot: 'S-1', quantity: 5 }] }));
  lot = (JSON.parse(received.out) as { lots: { ref: string }[] }).lots[0]?.ref ?? '';
}, 120_000);
afterEach(() => {
  delete process.env.LOTLINE_PASSWORD;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lotline user and sign', () => {
  it('acts as --user: an operator is refused a release with the role named; the trail names who received', async () => {
    expect(await cli('op1-first-pw', '--user', 'op1', 'call', 'units.setStatus', JSON.stringify({ ref: lot, status: 'released', reason: 'fine' }))).toMatchObject({
      code: 1,
      err: 'lotline: Releasing a lot needs the QA role; you are signed in as an operator and a viewer',
    });
    const trail = JSON.parse((await cli(undefined, 'call', 'audit.list', JSON.stringify({ entity: 'units' }))).out) as { actor: string }[];
    expect(trail[0]?.actor).toBe('op1');
  });

  it('refuses a wrong password, and sign without --user', async () => {
    expect(await cli('not-it', '--user', 'qa1', 'lots')).toMatchObject({ code: 1, err: 'lotline: The user ID or password is wrong (4 more wrong tries lock the account)' });
    expect(await cli('qa1-first-pw', 'sign', '--record', `lot:${lot}`, '--meaning', 'reviewed')).toMatchObject({
      code: 2,
      err: 'lotline: sign needs --user NAME: a signature is a person’s, never the system’s',
    });
  });

  it('signs a record as --user with the password from LOTLINE_PASSWORD, and again after passwd', async () => {
    const signed = await cli('qa1-first-pw', '--user', 'qa1', 'sign', '--record', `lot:${lot}`, '--meaning', 'reviewed');
    expect(signed.code).toBe(0);
    expect(signed.out).toMatch(new RegExp(`^Signed lot ${lot} as reviewed: Quinn Archer \\(qa1\\), \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d, SHA-256 [0-9a-f]{64}$`));
    expect(await cli('qa1-second-pw', 'user', 'passwd', 'qa1')).toMatchObject({ code: 0, out: 'Password of qa1 set' });
    expect((await cli('qa1-first-pw', '--user', 'qa1', 'sign', '--record', `lot:${lot}`, '--meaning', 'verified')).code).toBe(1);
    const json = JSON.parse((await cli('qa1-second-pw', '--user', 'qa1', 'sign', '--record', `lot:${lot}`, '--meaning', 'verified', '--json')).out) as { meaning: string; valid: boolean };
    expect(json).toMatchObject({ meaning: 'verified', valid: true });
  });
});
