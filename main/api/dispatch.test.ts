// Group commit: writes that arrive together (several stations at once) commit in one transaction, each in
// its own savepoint; a refused one changes nothing and the others still happen; every caller is answered
// after the commit; reads in between still see one moment.
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { miniPlant, tempApi } from './test-plant';
import type { TestApi } from './test-plant';

let t: TestApi;
let plant: Awaited<ReturnType<typeof miniPlant>>;
beforeEach(async () => {
  t = tempApi();
  plant = await miniPlant(t);
  await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 1000 });
});
afterEach(() => t.close());

const walBytes = () => statSync(`${t.dbPath}-wal`).size;
const consume = (quantity: string) => t.api.invoke('workOrders.consume', { workOrder: 'WO-1', ref: plant.cap, quantity });

describe('writes arriving together', () => {
  it('commit together: one refused scan changes nothing, the others are all recorded and audited', async () => {
    const before = await t.call('units.get', { ref: plant.cap });
    // 20 scans at once, the 8th asks for more than is on hand.
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => consume(i === 7 ? '5000' : '1')));
    expect(results.map((r) => r.ok)).toEqual(Array.from({ length: 20 }, (_, i) => i !== 7));
    const refused = results[7];
    expect(refused?.ok === false && refused.error).toMatchObject({ code: 'QUANTITY' });
    const after = await t.call('units.get', { ref: plant.cap });
    expect(Number(before.unit.onHand) - Number(after.unit.onHand)).toBe(19);
    expect(after.events.filter((e) => e.bizStep === 'assembling')).toHaveLength(19);
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('write each page to the log once instead of once per scan', async () => {
    // Warm up so both runs start from a log with the same pages in it.
    for (let i = 0; i < 3; i++) await consume('1');
    let start = walBytes();
    for (let i = 0; i < 20; i++) await consume('1'); // one at a time: 20 commits
    const oneByOne = walBytes() - start;
    start = walBytes();
    await Promise.all(Array.from({ length: 20 }, () => consume('1'))); // together: one commit
    const together = walBytes() - start;
    expect(together).toBeGreaterThan(0);
    expect(together * 4).toBeLessThan(oneByOne);
  });

  it('answer in the order they came, reads included, each read seeing the writes before it', async () => {
    const answers = await Promise.all([
      consume('1'),
      t.api.invoke('units.get', { ref: plant.cap }),
      consume('2'),
      t.api.invoke('units.get', { ref: plant.cap }),
      t.api.invoke('workOrders.consume', { workOrder: 'WO-404', ref: plant.cap, quantity: '1' }),
    ]);
    const onHand = answers.map((a) => (a.ok && a.value && typeof a.value === 'object' && 'unit' in a.value ? (a.value as { unit: { onHand: string } }).unit.onHand : null));
    expect(onHand[1]).toBe('999');
    expect(onHand[3]).toBe('997');
    expect(answers[4]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
