import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../api';
import { caller } from './plant';

describe('demo plant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-demo-'));
  const api = createApi({ dbPath: join(dir, 'demo.db'), actor: 'demo' });
  afterAll(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads once into an empty database and verifies', async () => {
    const t0 = Date.now();
    expect(await api.seedDemoIfEmpty()).toBe(true);
    console.log(`demo plant seeded in ${Date.now() - t0} ms`);
    expect(await api.seedDemoIfEmpty()).toBe(false);
    const dash = await api.invoke('dashboard.summary', {});
    expect(dash.ok).toBe(true);
    const verify = await api.invoke('audit.verify', {});
    expect(verify).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('has approved specs, results, one OOS investigated and closed, one open NC on a held resin lot, and supplier CoAs', async () => {
    const call = caller(api.invoke);
    const specs = await call('specs.list', {});
    expect(specs.map((s) => [s.part, s.versions.map((v) => [v.status, v.inForce])])).toEqual([
      ['PUMP-PX2', [['approved', true]]],
      ['RES-PC', [['approved', true]]],
      ['SET-IV2', [['approved', true]]],
    ]);
    const [closed, ...moreClosed] = await call('nc.list', { status: 'closed' });
    expect(moreClosed).toEqual([]);
    expect(closed).toMatchObject({ title: 'OOS Length', disposition: 'use_as_is', part: 'SET-IV2' });
    const tests = await call('results.list', { ref: closed?.ref ?? '' });
    expect(tests.results.filter((r) => r.characteristic === 'Length').map((r) => [r.value, r.outcome, r.nonconformance?.number])).toEqual([
      [2013, 'fail', closed?.number],
      [2004, 'pass', closed?.number],
    ]);
    const [open, ...moreOpen] = await call('nc.list', { status: 'open' });
    expect(moreOpen).toEqual([]);
    const held = await call('units.get', { ref: open?.ref ?? '' });
    expect(held.unit).toMatchObject({ item: 'RES-PC', status: 'on_hold', statusReason: `Supplier CoA missing melt flow index; ${open?.number} open` });
    const [coa] = await call('certificates.list', { ref: held.unit.ref });
    const file = Buffer.from((await call('certificates.get', { id: coa?.id ?? 0 })).contentBase64, 'base64').toString();
    expect(file).toContain('CERTIFICATE OF ANALYSIS');
    expect(file).not.toContain('Melt flow index');
    const pumps = await call('serials.list', { item: 'PUMP-PX2', limit: 1 });
    expect((await call('results.list', { ref: pumps[0]?.ref ?? '' })).results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass']);
  });

  it('has releases signed by QA and a review queue with a record awaiting review with exceptions and one without', async () => {
    const call = caller(api.invoke);
    const [set] = await call('lots.list', { item: 'SET-IV2', status: 'released', limit: 1 });
    const release = (await call('units.get', { ref: set?.ref ?? '' })).events.filter((e) => e.statusTo === 'released').at(-1);
    const signed = await call('signatures.list', { record: { kind: 'lot-decision', id: String(release?.id) } });
    expect(signed.signatures).toMatchObject([{ meaning: 'released', username: 'qa1', printedName: 'Quinn Archer', valid: true }]);

    const queue = await call('review.queue', {});
    const clean = queue.filter((e) => e.exceptions.length === 0);
    expect(clean.map((e) => [e.part, e.kind, e.record.kind, e.status])).toEqual([['HOUSING-PX', 'lot', 'ebr', 'quarantine']]);
    const sets = queue.filter((e) => e.part === 'SET-IV2');
    expect(sets.length).toBeGreaterThan(0);
    expect(Object.keys(sets[0]?.counts ?? {})).toEqual(expect.arrayContaining(['late-entry', 'unverified-step']));
  });
});
