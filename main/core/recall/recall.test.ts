// Recall campaigns through the api on a real SQLite file: the scope is the forward trace; targeted rules include and
// exclude exactly; opening holds what is in house and consumption, shipping and a person's release are refused naming
// the campaign until a signed lift; effectiveness and mass balance on crafted data; closing with an unexplained
// difference needs a signed explanation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Campaign, CampaignScope, CampaignTracking, MassBalance } from '../../../common/api/recall';
import { tempApi } from '../../api/test-plant';
import { openDatabase } from '../db/open';
import { campaignByNumber } from './campaigns';
import { campaignScope } from './scope';
import { pumps, qaSignature as sign, recallPlant } from '../../api/recall-plant.test-support';
import type { TestApi, sessionCaller } from '../../api/test-plant';

let t: TestApi;
let qa: ReturnType<typeof sessionCaller>;
let op: ReturnType<typeof sessionCaller>;
let viewer: ReturnType<typeof sessionCaller>;
let plant: { resin: string; cap: string; dye: string; receipt: string };

beforeAll(async () => {
  t = tempApi();
  ({ qa, op, viewer, ...plant } = await recallPlant(t));
}, 60_000);
afterAll(() => t.close());

const start = (seeds: { refs: string[] }, title = 'Resin contamination') =>
  qa.call('recalls.create', { title, reason: 'Supplier reports the resin lot contaminated', classification: 'Class II', seeds });
const inScope = (scope: CampaignScope) => scope.units.filter((u) => u.inScope && u.finished).map((u) => u.ref).sort();

describe('recall scope', () => {
  it('is the forward trace of the seeds: the same units and the same shipment lines; it is kept while nothing changes', async () => {
    const campaign = await start({ refs: [plant.resin] });
    expect(campaign).toMatchObject({ status: 'draft', kind: 'recall', drill: false, containAs: 'on_hold', seeds: [plant.resin] });
    expect(campaign.number).toMatch(/^RC-\d{4}-\d{3}$/);
    const scope = await viewer.call('recalls.scope', { number: campaign.number });
    const trace = await t.call('trace.forward', { ref: plant.resin });
    expect(scope.units.map((u) => u.ref).sort()).toEqual(trace.nodes.map((n) => n.ref).sort());
    expect(scope.shipments.map((l) => `${l.shipment} ${l.ref} ${l.quantity}`).sort()).toEqual(trace.shipments.map((s) => `${s.number} ${s.ref} ${s.quantity}`).sort());
    expect(scope.edges).toHaveLength(trace.edges.length);
    expect(inScope(scope)).toEqual(['BOTTLE:B-1', ...pumps].sort());
    expect(scope.totals).toMatchObject({ units: 8, inScope: 8, finished: 7, shipmentLines: 4, customers: 2, locations: 2 });
    expect(scope.listed).toBe(true);
    // A campaign's page asks for rows only up to a limit: above it, the seeds and totals alone.
    expect(await viewer.call('recalls.scope', { number: campaign.number, limit: 8 })).toEqual(scope);
    expect(await viewer.call('recalls.scope', { number: campaign.number, limit: 7 })).toEqual({ ...scope, units: [], edges: [], shipments: [], listed: false });
    expect(await viewer.refuse('recalls.scope', { number: campaign.number, limit: -1 })).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^limit: /) });
    // Walked once while nothing changes (a campaign page asks for it four times), and again after any change.
    const { number } = campaign;
    const db = openDatabase(t.dbPath);
    const first = campaignScope(db, campaignByNumber(db, number));
    expect(campaignScope(db, campaignByNumber(db, number))).toBe(first);
    await t.call('customers.create', { code: 'CUST-KEPT', name: 'A change elsewhere' });
    const again = campaignScope(db, campaignByNumber(db, number));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    db.close();
  });

  it('a serial-range rule keeps exactly those serials, and a customer rule takes out exactly that customer’s shipments', async () => {
    const { number } = await start({ refs: [plant.resin] }, 'Targeted');
    const narrowed = await qa.call('recalls.addRule', {
      number,
      mode: 'only',
      rule: { kind: 'serialRange', part: 'PUMP', from: 'P-0002', to: 'P-0004' },
      rationale: 'Only pumps built after the resin change on line 2',
      signature: sign,
    });
    expect(narrowed.rules).toMatchObject([{ seq: 1, text: 'Only serials P-0002 to P-0004 of PUMP', signatures: [{ meaning: 'approved', username: 'qa1', valid: true }] }]);
    let scope = await qa.call('recalls.scope', { number });
    expect(inScope(scope)).toEqual(['PUMP#P-0002', 'PUMP#P-0003', 'PUMP#P-0004']);
    expect(scope.units.filter((u) => !u.inScope).map((u) => [u.ref, u.excludedBy])).toEqual(
      expect.arrayContaining([['BOTTLE:B-1', 1], ['PUMP#P-0001', 1], ['PUMP#P-0005', 1], ['PUMP#P-0006', 1]]),
    );
    // Components and raw lots stay in scope: they hold the suspect resin whatever the rules say about finished goods.
    expect(scope.units.find((u) => u.ref === plant.resin)?.inScope).toBe(true);
    await qa.call('recalls.addRule', { number, mode: 'exclude', rule: { kind: 'customer', customers: ['CUST2'] }, rationale: 'CUST2 already scrapped these', signature: sign });
    scope = await qa.call('recalls.scope', { number });
    expect(scope.shipments.filter((l) => l.inScope).map((l) => l.ref)).toEqual(['PUMP#P-0002']);
    expect(scope.shipments.find((l) => l.ref === 'PUMP#P-0003')).toMatchObject({ inScope: false, excludedBy: 2 });
    // The serial itself is still in scope: a shipment rule judges shipments only.
    expect(inScope(scope)).toContain('PUMP#P-0003');
  });

  it('a product rule and a date rule judge finished lots and serials; an unknown customer or an unsigned rule is refused', async () => {
    const { number } = await start({ refs: [plant.resin] }, 'Products');
    await qa.call('recalls.addRule', { number, mode: 'exclude', rule: { kind: 'product', parts: ['PUMP'] }, rationale: 'Pumps use a sealed bottle', signature: sign });
    expect(inScope(await qa.call('recalls.scope', { number }))).toEqual(['BOTTLE:B-1']);
    await qa.call('recalls.addRule', { number, mode: 'exclude', rule: { kind: 'dateRange', from: '2000-01-01', to: '2000-12-31' }, rationale: 'Nothing was made then', signature: sign });
    expect(inScope(await qa.call('recalls.scope', { number }))).toEqual(['BOTTLE:B-1']);
    expect(await qa.refuse('recalls.addRule', { number, mode: 'exclude', rule: { kind: 'customer', customers: ['NOPE'] }, rationale: 'typo', signature: sign })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await qa.refuse('recalls.addRule', { number, mode: 'exclude', rule: { kind: 'customer', customers: ['CUST'] }, rationale: 'unsigned' })).toEqual({
      code: 'VALIDATION',
      message: 'signature: narrowing a recall scope is signed: give the meaning approved and your password',
    });
    expect((await qa.call('recalls.get', { number })).rules).toHaveLength(2);
  });

  it('seeds by supplier lot find the received lot; a supplier lot never received is refused naming it', async () => {
    const c = await qa.call('recalls.create', { title: 'By supplier lot', reason: 'Supplier notice 17', classification: 'Class III', seeds: { supplierLot: { lot: 'S-1', supplier: 'SUP' } } });
    expect(c.seeds).toEqual([plant.resin]);
    expect(await qa.refuse('recalls.create', { title: 'x', reason: 'Supplier notice', classification: 'Class III', seeds: { supplierLot: { lot: 'S-404' } } })).toEqual({
      code: 'NOT_FOUND',
      message: 'seeds.supplierLot: no lot was received with supplier lot S-404',
    });
  });
});

describe('containment, tracking and closing', () => {
  let campaign: Campaign;

  it('only QA opens a campaign; opening holds every in-house lot and serial in scope with the campaign as reason', async () => {
    campaign = await start({ refs: [plant.resin] }, 'Contained');
    expect(await op.refuse('recalls.open', { number: campaign.number, signature: { ...sign, username: 'op1', password: 'op1-pass-12' } })).toMatchObject({ code: 'FORBIDDEN' });
    const opened = await qa.call('recalls.open', { number: campaign.number, signature: sign });
    expect(opened).toMatchObject({ status: 'open', holds: { active: 5, lifted: 0 } });
    expect(opened.steps).toMatchObject([{ from: 'draft', to: 'open', by: 'qa1', figures: { held: 5, inScope: 8 }, signatures: [{ meaning: 'approved', valid: true }] }]);
    for (const ref of [plant.resin, 'BOTTLE:B-1', pumps[3], pumps[4], pumps[5]] as string[]) {
      const unit = await viewer.call('units.get', { ref });
      expect(unit.unit).toMatchObject({ status: 'on_hold', statusReason: `held by recall ${campaign.number} (Supplier reports the resin lot contaminated)` });
    }
    expect((await viewer.call('units.get', { ref: plant.cap })).unit.status).toBe('released');
    expect((await viewer.call('recalls.held', { number: campaign.number })).map((u) => u.ref)).toEqual([plant.resin, 'BOTTLE:B-1', pumps[3], pumps[4], pumps[5]].sort());
  });

  it('consuming and shipping a held lot or serial are refused naming the campaign, and so is releasing it by hand', async () => {
    await t.call('workOrders.create', { number: 'WO-3', part: 'PUMP', quantity: 1 });
    expect(await t.refuse('workOrders.consume', { workOrder: 'WO-3', ref: 'BOTTLE:B-1', quantity: 1 })).toEqual({
      code: 'STATUS',
      message: `Lot B-1 of BOTTLE is held by recall ${campaign.number} (Supplier reports the resin lot contaminated) and cannot be consumed. Set it aside and scan another; only QA can lift the hold, in the campaign.`,
    });
    expect((await t.refuse('shipments.ship', { customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: pumps[3] as string }] })).message).toBe(
      `Serial P-0004 of PUMP is held by recall ${campaign.number} (Supplier reports the resin lot contaminated) and cannot be shipped. Set it aside and scan another; only QA can lift the hold, in the campaign.`,
    );
    expect(await t.refuse('units.setStatus', { ref: pumps[3] as string, status: 'released', reason: 'looks fine' })).toEqual({
      code: 'STATUS',
      message: `Serial P-0004 of PUMP is held by recall ${campaign.number}: only a signed decision in the campaign lifts the hold`,
    });
  });

  it('a signed lift gives the serial its earlier status back, and it ships again', async () => {
    const lifted = await qa.call('recalls.lift', { number: campaign.number, refs: [pumps[3] as string], reason: 'Serial P-0004 inspected: sealed bottle', signature: sign });
    expect(lifted.holds).toEqual({ active: 4, lifted: 1 });
    expect((await viewer.call('recalls.held', { number: campaign.number })).map((u) => u.ref)).not.toContain(pumps[3]);
    expect(lifted.lifts).toMatchObject([
      { ref: pumps[3], statusTo: 'released', reason: 'Serial P-0004 inspected: sealed bottle', by: 'qa1', signatures: [{ meaning: 'approved', username: 'qa1', valid: true }] },
    ]);
    expect((await t.call('units.get', { ref: pumps[3] as string })).unit.status).toBe('released');
    await t.call('shipments.ship', { number: 'SH-C', customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: pumps[3] as string }] });
    expect(await qa.refuse('recalls.lift', { number: campaign.number, refs: [pumps[3] as string], reason: 'again', signature: sign })).toMatchObject({
      code: 'STATUS',
      message: `refs.0: Serial P-0004 of PUMP is not held by ${campaign.number}`,
    });
  });

  it('effectiveness is accounted ÷ shipped per customer and overall: responses and field actions', async () => {
    await op.call('recalls.respond', { number: campaign.number, customer: 'CUST', acknowledged: true, returned: 1 });
    await op.call('recalls.respond', { number: campaign.number, customer: 'CUST2', acknowledged: true, destroyed: '3' });
    const tracking: CampaignTracking = await op.call('recalls.fieldAction', { number: campaign.number, serial: pumps[2] as string, description: 'Bottle seal replaced on site' });
    expect(tracking.fieldActions).toMatchObject([{ serial: pumps[2], customer: 'CUST2', description: `${campaign.number}: Bottle seal replaced on site`, by: 'op1' }]);
    // CUST: P-0001, P-0002 and (after the lift) P-0004 shipped = 3, 1 returned. CUST2: P-0003 + 5 bottles = 6, 3 destroyed + 1 field action.
    expect(tracking.customers).toMatchObject([
      { code: 'CUST', shipped: '3', acknowledged: true, returned: '1', accounted: '1', effectiveness: 0.3333 },
      { code: 'CUST2', shipped: '6', destroyed: '3', fieldActions: 1, accounted: '4', effectiveness: 0.6667 },
    ]);
    expect(tracking.overall).toEqual({ shipped: '9', accounted: '5', effectiveness: 0.5556 });
    expect((await t.call('service.list', { serial: pumps[2] })).map((s) => s.kind)).toEqual(['field_action']);
    expect(await op.refuse('recalls.respond', { number: campaign.number, customer: 'CUST', acknowledged: false })).toMatchObject({ code: 'VALIDATION' });
  });

  it('impact lists per customer its shipments, lots/serials, quantities and contacts, and per product where it went', async () => {
    const impact = await viewer.call('recalls.impact', { number: campaign.number });
    expect(impact.customers.map((c) => [c.code, c.quantity, c.shipments.map((s) => s.number)])).toEqual([
      ['CUST', '3', ['SH-A', 'SH-C']],
      ['CUST2', '6', ['SH-B']],
    ]);
    expect(impact.customers[1]).toMatchObject({ contact: 'Dana Buyer', email: 'dana@example.com', locations: [{ code: 'CUST2-1', name: 'Second dock' }] });
    expect(impact.products.find((p) => p.item === 'BOTTLE')).toMatchObject({ produced: '20', shipped: '5', consumed: '6', inHouse: '9', consumedInto: ['PUMP'] });
    expect(impact.products.find((p) => p.item === 'RESIN')).toMatchObject({ produced: '100.5', consumed: '1', inHouse: '99.5', consumedInto: ['BOTTLE'] });
    // A page's impact counts each shipment's lines without listing them; the rest is the same.
    expect(impact.linesListed).toBe(true);
    const counted = await viewer.call('recalls.impact', { number: campaign.number, lines: false });
    expect(counted.linesListed).toBe(false);
    const withoutLines = (i: typeof impact) => i.customers.map((c) => ({ ...c, shipments: c.shipments.map((s) => ({ ...s, lines: [] })) }));
    expect(withoutLines(counted)).toEqual(withoutLines(impact));
    expect(counted.customers.flatMap((c) => c.shipments.map((s) => [s.lineCount, s.lines.length]))).toEqual(impact.customers.flatMap((c) => c.shipments.map((s) => [s.lines.length, 0])));
    expect(impact.customers.flatMap((c) => c.shipments.map((s) => s.lineCount)).reduce((a, b) => a + b)).toBeGreaterThan(2);
    expect(counted.products).toEqual(impact.products);
    expect(await viewer.refuse('recalls.impact', { number: campaign.number, lines: 'no' } as never)).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('lines: must be true or false') });
    // Every campaign row, rule, step, hold, lift, response and field action was audited as it is stored.
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: true, problems: [] });
  });

  it('mass balance adds up for every lot; a quantity lost outside the records is unexplained and closing then needs a signed explanation', async () => {
    let balance: MassBalance = await viewer.call('recalls.massBalance', { number: campaign.number });
    expect(balance.unexplained).toBe(0);
    expect(balance.lots.find((l) => l.ref === 'BOTTLE:B-1')).toEqual({
      ref: 'BOTTLE:B-1', item: 'BOTTLE', unit: 'ea', produced: '20', returned: '0', shipped: '5', inHouse: '9', consumed: '6', scrapped: '0', sampled: '0', unexplained: '0',
    });
    // Half a kilogram of resin goes missing behind the app's back.
    const db = new Database(t.dbPath);
    db.prepare(`UPDATE units SET qty_on_hand = qty_on_hand - 500 WHERE code = 'R001'`).run();
    db.close();
    balance = await viewer.call('recalls.massBalance', { number: campaign.number });
    expect(balance.unexplained).toBe(1);
    expect(balance.lots[0]).toMatchObject({ ref: plant.resin, produced: '100.5', consumed: '1', inHouse: '99', unexplained: '0.5' });
    await qa.call('recalls.monitor', { number: campaign.number, signature: sign });
    expect(await qa.refuse('recalls.close', { number: campaign.number, signature: sign })).toEqual({
      code: 'STATUS',
      message: `${campaign.number} cannot close: 1 lot has an unexplained mass-balance difference (${plant.resin}: 0.5 kg). Correct the records, or give an explanation that QA signs with the closing.`,
    });
    const closed = await qa.call('recalls.close', { number: campaign.number, explanation: 'Spilled during line cleaning, see cleaning log 2026-11', signature: sign });
    expect(closed.status).toBe('closed');
    expect(closed.steps.map((s) => s.to)).toEqual(['open', 'monitoring', 'closed']);
    expect(closed.steps[2]).toMatchObject({ figures: { unexplainedLots: 1, explanation: 'Spilled during line cleaning, see cleaning log 2026-11', effectiveness: 0.5556 }, signatures: [{ valid: true, username: 'qa1' }] });
    expect(closed.steps.every((s) => s.signatures[0]?.valid === true)).toBe(true);
    expect(await qa.refuse('recalls.respond', { number: campaign.number, customer: 'CUST', acknowledged: true })).toMatchObject({ code: 'STATUS' });
  });

  it('lists campaigns for a viewer, drills apart', async () => {
    const drill = await qa.call('recalls.create', { title: 'Annual mock recall', drill: true, reason: 'BRCGS traceability test', classification: 'Mock recall', seeds: { refs: [plant.cap] } });
    expect(drill).toMatchObject({ drill: true, containAs: 'none' });
    const year = Number(drill.createdAt.slice(0, 4));
    expect((await viewer.call('recalls.list', { drill: true, year })).map((c) => c.number)).toEqual([drill.number]);
    expect((await viewer.call('recalls.list', {})).length).toBe(6);
  });
});
