// Approving a test specification is a QA signature (meaning approved) over exactly the spec version's content: an
// operator is refused with the role needed, the author cannot approve their own version under the two-person rule,
// a wrong password changes nothing, and the signature stays valid because an approved version never changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../common/api';
import { signedIn, tempApi } from './test-plant';
import type { TestApi , sessionCaller} from './test-plant';

let t: TestApi;
let qa1: ReturnType<typeof sessionCaller>;
let qa2: ReturnType<typeof sessionCaller>;
let op: ReturnType<typeof sessionCaller>;
const spec: CommandInput<'specs.create'> = {
  part: 'RESIN',
  stage: 'incoming',
  characteristics: [{ name: 'pH', method: 'USP <791>', unit: 'pH', lower: 6.5, upper: 7.5, sampleSize: 3 }],
};

beforeAll(async () => {
  t = tempApi();
  await t.call('items.create', { part: 'RESIN', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' });
  await t.call('users.create', { username: 'qa1', printedName: 'Quinn Archer', roles: ['qa'], password: 'qa1-pass-12' });
  await t.call('users.create', { username: 'qa2', printedName: 'Rae Second', roles: ['qa'], password: 'qa2-pass-12' });
  await t.call('users.create', { username: 'op1', printedName: 'Olly Operator', roles: ['operator'], password: 'op1-pass-12' });
  await t.call('security.set', { twoPersonKinds: ['lot-decision', 'spec'], reason: 'Specs are approved by a second person' });
  [qa1, qa2, op] = await Promise.all([
    signedIn(t.api, 'qa1', 'qa1-pass-12'),
    signedIn(t.api, 'qa2', 'qa2-pass-12'),
    signedIn(t.api, 'op1', 'op1-pass-12'),
  ]);
});
afterAll(() => t.close());

describe('spec approval', () => {
  it('an operator can neither write nor approve a spec, and is told which role is needed', async () => {
    expect(await op.refuse('specs.create', spec)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Editing a test specification needs the QA or admin role; you are signed in as an operator',
    });
    await qa1.call('specs.create', spec);
    expect(
      await op.refuse('specs.approve', {
        part: 'RESIN',
        version: 1,
        signature: { meaning: 'approved', username: 'op1', password: 'op1-pass-12' },
      }),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Approving a test specification needs the QA role; you are signed in as an operator',
    });
  });

  it('is signed: unsigned, with another meaning, or with a wrong password it is refused and the draft stays a draft', async () => {
    expect(await qa2.refuse('specs.approve', { part: 'RESIN', version: 1 })).toEqual({
      code: 'VALIDATION',
      message: 'signature: approving a test specification is signed: give the meaning approved and your password',
    });
    expect(
      await qa2.refuse('specs.approve', {
        part: 'RESIN',
        version: 1,
        signature: { meaning: 'reviewed', username: 'qa2', password: 'qa2-pass-12' },
      }),
    ).toMatchObject({
      code: 'VALIDATION',
      message: 'signature.meaning: must be approved to approve a test specification, not reviewed',
    });
    expect(
      await qa2.refuse('specs.approve', {
        part: 'RESIN',
        version: 1,
        signature: { meaning: 'approved', username: 'qa2', password: 'wrong-password' },
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await qa2.call('specs.get', { part: 'RESIN', version: 1 })).toMatchObject({ status: 'draft', approvedBy: null });
  });

  it('its author cannot approve it under the two-person rule; another QA signs, and the signature is valid for the version', async () => {
    expect(
      await qa1.refuse('specs.approve', {
        part: 'RESIN',
        version: 1,
        signature: { meaning: 'approved', username: 'qa1', password: 'qa1-pass-12' },
      }),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message:
        'The two-person rule applies to spec records: qa1 authored or performed Test specification RESIN version 1 and cannot also approve it; ask another person to sign',
    });
    expect((await qa1.call('specs.get', { part: 'RESIN' })).status).toBe('draft');
    const approved = await qa2.call('specs.approve', {
      part: 'RESIN',
      version: 1,
      signature: { meaning: 'approved', username: 'qa2', password: 'qa2-pass-12' },
    });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'qa2', inForce: true });
    const record = await qa2.call('signatures.list', { record: { kind: 'spec', id: 'RESIN@1' } });
    expect(record.title).toBe('Test specification RESIN version 1');
    expect(record.signatures).toEqual([
      expect.objectContaining({ meaning: 'approved', username: 'qa2', printedName: 'Rae Second', valid: true }),
    ]);
    expect(JSON.parse(record.content)).toMatchObject({
      content: { part: 'RESIN', version: 1, status: 'approved', characteristics: [{ name: 'pH' }] },
    });
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });
});
