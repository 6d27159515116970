// The domain rules as a user meets them through the api: status, quantities, BOMs, serials, shipping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { miniPlant, tempApi } from './test-plant';
import type { TestApi } from './test-plant';
import { LATEST_SCHEMA_VERSION } from '../core/db/migrations';

let t: TestApi;
let plant: Awaited<ReturnType<typeof miniPlant>>;
beforeEach(async () => {
  t = tempApi();
  plant = await miniPlant(t);
});
afterEach(() => t.close());

async function rowCounts() {
  const db = (await import('better-sqlite3')).default;
  const raw = new db(t.dbPath, { readonly: true });
  const counts = raw.prepare(`SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM audit_trail) AS audit, (SELECT count(*) FROM lineage) AS lineage, (SELECT count(*) FROM shipments) AS shipments`).get();
  raw.close();
  return counts;
}

describe('receiving', () => {
  it('assigns internal lot numbers from the item pattern and starts lots in quarantine', async () => {
    const r = await t.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'RESIN', supplierLot: 'S-2', quantity: 20, expiry: '2030-01-31' }] });
    expect(r.lots[0]).toMatchObject({ ref: 'RESIN:R002', status: 'quarantine', quantity: '20', unit: 'kg', expiresAt: '2030-01-31' });
    const detail = await t.call('units.get', { ref: 'RESIN:R002' });
    expect(detail.supplier).toEqual({ code: 'SUP', name: 'Supplier', supplierLot: 'S-2' });
    expect(detail.receipt).toBe(r.receipt);
  });

  it('refuses a lot code already used for the item, and writes nothing', async () => {
    const before = await rowCounts();
    const error = await t.refuse('receiving.receive', {
      supplier: 'SUP',
      lines: [
        { part: 'CAP', supplierLot: 'X', quantity: 5 },
        { part: 'RESIN', supplierLot: 'X', quantity: 5, lot: 'R001' },
      ],
    });
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'lines[1].lot: lot R001 of RESIN already exists' });
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps quantities exact: no floating-point drift', async () => {
    await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 3 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await t.call('workOrders.consume', { workOrder: 'WO-1', ref: plant.resin, quantity: '0.1' }));
    const resin = await t.call('units.get', { ref: plant.resin });
    expect(resin.unit.onHand).toBe('100.2');
    expect(resin.quantities.consumed).toBe('0.3');
    // consume answers with the event as written, not read back: it is the event the ledger holds.
    for (const answer of answers) expect(resin.events.find((e) => e.id === answer.id)).toEqual(answer);
    expect(answers[0]).toMatchObject({ kind: 'transformation', document: { type: 'work_order', number: 'WO-1' }, units: [{ ref: plant.resin, role: 'input', quantity: '0.1' }] });
  });
});

describe('status', () => {
  it('refuses to consume or ship a lot that is on hold, naming the lot, status and reason', async () => {
    await t.call('units.setStatus', { ref: plant.cap, status: 'on_hold', reason: 'OOS thread depth' });
    await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 10 });
    const consume = await t.refuse('workOrders.consume', { workOrder: 'WO-1', ref: plant.cap, quantity: 10 });
    expect(consume).toEqual({
      code: 'STATUS',
      message: `Lot ${plant.cap.split(':')[1]} of CAP is on hold (reason: OOS thread depth) and cannot be consumed. Ask QA to release it, or scan another.`,
    });
    const shipping = await t.refuse('shipments.ship', { customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: plant.cap, quantity: 1 }] });
    expect(shipping.code).toBe('STATUS');
    expect(shipping.message).toMatch(/is on hold \(reason: OOS thread depth\) and cannot be shipped/);
  });

  it('allows only the documented transitions, with a reason', async () => {
    const r = await t.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'CAP', supplierLot: 'Z', quantity: 1 }] });
    const ref = r.lots[0]?.ref ?? '';
    await t.call('units.setStatus', { ref, status: 'rejected', reason: 'wrong colour' });
    const again = await t.refuse('units.setStatus', { ref, status: 'released', reason: 'changed my mind' });
    expect(again).toMatchObject({ code: 'STATUS' });
    expect(again.message).toMatch(/is rejected and cannot be set to released/);
    const noReason = await t.refuse('units.setStatus', { ref: plant.cap, status: 'on_hold', reason: '' });
    expect(noReason).toMatchObject({ code: 'VALIDATION', message: 'reason: must say why (at least 3 characters)' });
    const detail = await t.call('units.get', { ref });
    expect(detail.statusHistory.map((h) => [h.status, h.reason])).toEqual([
      ['quarantine', null],
      ['rejected', 'wrong colour'],
    ]);
  });

  it('refuses an expired lot', async () => {
    const r = await t.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'CAP', supplierLot: 'OLD', quantity: 5, expiry: '2020-01-01' }] });
    const ref = r.lots[0]?.ref ?? '';
    await t.call('units.setStatus', { ref, status: 'released', reason: 'QA released' });
    await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 1 });
    const error = await t.refuse('workOrders.consume', { workOrder: 'WO-1', ref, quantity: 1 });
    expect(error.message).toMatch(/expired on 2020-01-01 and cannot be consumed/);
  });
});

describe('work orders', () => {
  it('consumes partial quantities from several lots, produces a lot and reports yield against the BOM', async () => {
    const r = await t.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'CAP', supplierLot: 'C-2', quantity: 10 }] });
    const cap2 = r.lots[0]?.ref ?? '';
    await t.call('units.setStatus', { ref: cap2, status: 'released', reason: 'QA released' });
    await t.call('workOrders.create', { number: 'WO-7', part: 'BOTTLE', quantity: 100 });
    await t.call('workOrders.consume', { workOrder: 'WO-7', ref: plant.resin, quantity: 5 });
    await t.call('workOrders.consume', { workOrder: 'WO-7', ref: plant.cap, quantity: 90 });
    await t.call('workOrders.consume', { workOrder: 'WO-7', ref: cap2, quantity: 10 });
    const made = await t.call('workOrders.produce', { workOrder: 'WO-7', quantity: 96, lot: 'B-1' });
    expect(made.outputs[0]).toMatchObject({ ref: 'BOTTLE:B-1', status: 'quarantine', quantity: '96' });
    const wo = await t.call('workOrders.get', { workOrder: 'WO-7' });
    expect(wo.yieldPercent).toBe(96);
    expect(wo.requirements.map((l) => [l.part, l.required, l.consumed, l.remaining])).toEqual([
      ['RESIN', '5', '5', '0'],
      ['CAP', '100', '100', '0'],
    ]);
    expect(await t.call('units.get', { ref: cap2 })).toMatchObject({ unit: { status: 'consumed', onHand: '0' } });
    const back = await t.call('trace.backward', { ref: 'BOTTLE:B-1' });
    expect(back.nodes.map((n) => n.ref).sort()).toEqual(['BOTTLE:B-1', cap2, plant.cap, plant.resin].sort());
  });

  it('refuses more than is on hand, naming what is there', async () => {
    await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 10 });
    const error = await t.refuse('workOrders.consume', { workOrder: 'WO-1', ref: plant.resin, quantity: '100.6' });
    expect(error).toMatchObject({ code: 'QUANTITY' });
    expect(error.message).toMatch(/has 100\.5 kg on hand; 100\.6 kg cannot be consumed/);
  });

  it('substitutes a component not on the BOM only with a reason', async () => {
    await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 10 });
    const error = await t.refuse('workOrders.consume', { workOrder: 'WO-1', ref: plant.dye, quantity: 5 });
    expect(error.message).toMatch(/DYE is not on the BOM of BOTTLE \(version 1\) for work order WO-1\. Give a substitution reason/);
    const event = await t.call('workOrders.consume', { workOrder: 'WO-1', ref: plant.dye, quantity: 5, substitutionReason: 'customer colour request, ECO-9' });
    expect(event.reason).toBe('customer colour request, ECO-9');
  });

  it('assigns unique serials from the item pattern and links per-unit components (multi-level)', async () => {
    await t.call('workOrders.create', { number: 'WO-B', part: 'BOTTLE', quantity: 2 });
    await t.call('workOrders.consume', { workOrder: 'WO-B', ref: plant.resin, quantity: 1 });
    await t.call('workOrders.consume', { workOrder: 'WO-B', ref: plant.cap, quantity: 2 });
    const b1 = (await t.call('workOrders.produce', { workOrder: 'WO-B', quantity: 1, lot: 'B-1' })).outputs[0]?.ref ?? '';
    const b2 = (await t.call('workOrders.produce', { workOrder: 'WO-B', quantity: 1, lot: 'B-2' })).outputs[0]?.ref ?? '';
    for (const ref of [b1, b2]) await t.call('units.setStatus', { ref, status: 'released', reason: 'QA released' });
    await t.call('workOrders.create', { number: 'WO-P', part: 'PUMP', quantity: 2 });
    const p1 = await t.call('workOrders.produce', { workOrder: 'WO-P', serials: 1, components: [{ ref: b1, quantity: 1 }] });
    const p2 = await t.call('workOrders.produce', { workOrder: 'WO-P', serials: 1, components: [{ ref: b2, quantity: 1 }] });
    expect([p1.outputs[0]?.ref, p2.outputs[0]?.ref]).toEqual(['PUMP#P-0001', 'PUMP#P-0002']);
    const dup = await t.refuse('workOrders.produce', { workOrder: 'WO-P', serials: ['P-0001'] });
    expect(dup).toMatchObject({ code: 'CONFLICT', message: 'Serial P-0001 of PUMP already exists; serials are unique per item' });
    const back = await t.call('trace.backward', { ref: 'PUMP#P-0001' });
    expect(back.nodes.map((n) => [n.ref, n.depth])).toEqual(
      expect.arrayContaining([
        ['PUMP#P-0001', 0],
        [b1, 1],
        [plant.resin, 2],
        [plant.cap, 2],
      ]),
    );
    expect(back.nodes.map((n) => n.ref)).not.toContain(b2);
  });

  it('reverses a consumption scanned by mistake: quantity back, lineage out of trace, nothing edited', async () => {
    await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 1 });
    const wrong = await t.call('workOrders.consume', { workOrder: 'WO-1', ref: plant.dye, quantity: 5, substitutionReason: 'trial' });
    await t.call('workOrders.consume', { workOrder: 'WO-1', ref: plant.cap, quantity: 1 });
    await t.call('workOrders.produce', { workOrder: 'WO-1', quantity: 1, lot: 'B-9' });
    await t.call('events.reverse', { eventId: wrong.id, reason: 'scanned the wrong lot' });
    expect((await t.call('units.get', { ref: plant.dye })).unit.onHand).toBe('500');
    const back = await t.call('trace.backward', { ref: 'BOTTLE:B-9' });
    expect(back.nodes.map((n) => n.ref)).toEqual(['BOTTLE:B-9', plant.cap]);
    const twice = await t.refuse('events.reverse', { eventId: wrong.id, reason: 'again' });
    expect(twice.code).toBe('CONFLICT');
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });
});

describe('shipping and service', () => {
  it('ships lots and serials, refuses shipping more than a lot has, and traces forward to the customer', async () => {
    await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 10 });
    await t.call('workOrders.consume', { workOrder: 'WO-1', ref: plant.resin, quantity: 1 });
    await t.call('workOrders.produce', { workOrder: 'WO-1', quantity: 10, lot: 'B-1' });
    await t.call('units.setStatus', { ref: 'BOTTLE:B-1', status: 'released', reason: 'QA released' });
    const before = await rowCounts();
    const tooMuch = await t.refuse('shipments.ship', { customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: 'BOTTLE:B-1', quantity: 11 }] });
    expect(tooMuch.message).toMatch(/has 10 ea on hand; 11 ea cannot be shipped/);
    expect(await rowCounts()).toEqual(before);
    await t.call('shipments.ship', { number: 'SH-1', customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: 'BOTTLE:B-1', quantity: 4 }] });
    const fwd = await t.call('trace.forward', { ref: plant.resin });
    expect(fwd.customers).toEqual([{ code: 'CUST', name: 'Customer', shipments: 1, locations: ['CUST-1'] }]);
    expect(fwd.shipments).toMatchObject([{ number: 'SH-1', ref: 'BOTTLE:B-1', quantity: '4', shipTo: 'CUST-1' }]);
    const wrongDock = await t.refuse('shipments.ship', { customer: 'CUST', shipTo: 'NOWHERE', lines: [{ ref: 'BOTTLE:B-1', quantity: 1 }] });
    expect(wrongDock).toMatchObject({ code: 'NOT_FOUND', message: 'There is no location NOWHERE' });
  });

  it('records a part replacement with both serials, and warranty from the ship date', async () => {
    await t.call('items.create', { part: 'BOARD', description: 'Board', tracking: 'serial', category: 'subassembly', unit: 'ea', serialPattern: 'BD{SEQ:3}' });
    await t.call('boms.create', { part: 'PUMP', lines: [{ part: 'BOARD', quantityPer: 1 }] });
    await t.call('boms.create', { part: 'BOARD', lines: [{ part: 'CAP', quantityPer: 1 }] });
    await t.call('workOrders.create', { number: 'WO-BD', part: 'BOARD', quantity: 2 });
    await t.call('workOrders.consume', { workOrder: 'WO-BD', ref: plant.cap, quantity: 2 });
    await t.call('workOrders.produce', { workOrder: 'WO-BD', serials: 2 });
    for (const ref of ['BOARD#BD001', 'BOARD#BD002']) await t.call('units.setStatus', { ref, status: 'released', reason: 'QA released' });
    await t.call('workOrders.create', { number: 'WO-P', part: 'PUMP', quantity: 1 });
    await t.call('workOrders.produce', { workOrder: 'WO-P', serials: ['P-77'], components: [{ ref: 'BOARD#BD001' }] });
    await t.call('units.setStatus', { ref: 'PUMP#P-77', status: 'released', reason: 'QA released' });
    await t.call('shipments.ship', { customer: 'CUST', shipTo: 'CUST-1', shipDate: '2026-03-01T10:00:00+01:00', lines: [{ ref: 'PUMP#P-77' }] });
    const notPart = await t.refuse('service.record', { serial: 'PUMP#P-77', kind: 'part_replaced', description: 'swap', removed: 'BOARD#BD002', installed: 'BOARD#BD001' });
    expect(notPart.message).toBe('removed: Serial BD002 of BOARD is not recorded as a part of Serial P-77 of PUMP');
    const swap = await t.call('service.record', { serial: 'PUMP#P-77', kind: 'part_replaced', description: 'board failed self test', removed: 'BOARD#BD001', installed: 'BOARD#BD002' });
    expect(swap).toMatchObject({ removed: 'BOARD#BD001', installed: 'BOARD#BD002', kind: 'part_replaced' });
    const detail = await t.call('units.get', { ref: 'PUMP#P-77' });
    expect(detail.warrantyEnds).toBe('2027-03-01');
    expect(detail.service).toHaveLength(1);
    const back = await t.call('trace.backward', { ref: 'PUMP#P-77' });
    expect(back.nodes.map((n) => n.ref)).toEqual(expect.arrayContaining(['BOARD#BD001', 'BOARD#BD002']));
    expect((await t.call('units.get', { ref: 'BOARD#BD001' })).unit).toMatchObject({ status: 'rejected', onHand: '1' });
  });
});

describe('bad input', () => {
  it('names the field and writes nothing', async () => {
    const before = await rowCounts();
    expect(await t.refuse('items.create', { part: 'X1', description: 'x', tracking: 'lot', category: 'raw', unit: 'ea', gtin: '09506000134353' })).toMatchObject({
      code: 'VALIDATION',
      message: 'gtin: GTIN check digit should be 2',
    });
    expect(await t.refuse('receiving.receive', { supplier: 'SUP', lines: [{ part: 'RESIN', supplierLot: 'S', quantity: '-1' }] })).toMatchObject({
      code: 'VALIDATION',
      message: 'lines[0].quantity: must be a positive number with at most 3 decimals (got "-1")',
    });
    expect(await t.refuse('trace.forward', { ref: 'RESIN' })).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^ref: "RESIN" is not a lot or serial reference/) });
    expect(await t.refuse('units.get', { ref: 'RESIN:NOPE' })).toEqual({ code: 'NOT_FOUND', message: 'There is no lot NOPE of item RESIN' });
    // @ts-expect-error — a required field is missing on purpose
    expect(await t.refuse('customers.create', { code: 'C2' })).toMatchObject({ code: 'VALIDATION', message: 'name: is required' });
    const unknown = await t.api.invoke('lots.delete', {});
    expect(unknown).toEqual({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: 'There is no command "lots.delete"' } });
    expect(await rowCounts()).toEqual(before);
  });
});

describe('search', () => {
  it('finds units by exact code, code prefix, supplier lot and reference, and documents by number', async () => {
    await t.call('workOrders.create', { number: 'WO-55', part: 'BOTTLE', quantity: 1 });
    const keys = async (q: string) => (await t.call('search.query', { q })).map((h) => `${h.type} ${h.key}`);
    expect(await keys('R001')).toEqual(['lot RESIN:R001']);
    expect(await keys('R00')).toEqual(['lot RESIN:R001']);
    expect(await keys('S-1')).toContain('lot RESIN:R001');
    expect(await keys(plant.cap)).toEqual([`lot ${plant.cap}`]);
    expect(await keys('WO-55')).toEqual(['workOrder WO-55']);
    expect(await keys('09506000134369')).toEqual(['item BOTTLE']);
    expect(await keys('no such thing')).toEqual([]);
  });
});

describe('identify by GS1', () => {
  it('takes a GS1 barcode in any form wherever a lot or serial is named, finding the item by its GTIN', async () => {
    await t.call('workOrders.create', { number: 'WO-9', part: 'BOTTLE', quantity: 10 });
    await t.call('workOrders.consume', { workOrder: 'WO-9', ref: plant.resin, quantity: 1 });
    await t.call('workOrders.produce', { workOrder: 'WO-9', quantity: 10, lot: 'B-9' });
    const byRef = await t.call('trace.backward', { ref: 'BOTTLE:B-9' });
    for (const ref of ['(01)09506000134369(10)B-9', ']d2010950600013436910B-9', 'https://example.com/shop/01/09506000134369/10/B-9', 'urn:epc:class:lgtin:9506000.013436.B-9']) {
      const traced = await t.call('trace.backward', { ref });
      expect(traced.root.ref, ref).toBe('BOTTLE:B-9');
      expect(traced.nodes.map((n) => n.ref).sort(), ref).toEqual(byRef.nodes.map((n) => n.ref).sort());
    }
    await t.call('units.setStatus', { ref: '(01)09506000134369(10)B-9', status: 'on_hold', reason: 'scanned at the QA bench' });
    expect((await t.call('units.get', { ref: 'BOTTLE:B-9' })).unit.status).toBe('on_hold');
    expect((await t.call('search.query', { q: ']d2010950600013436910B-9' })).map((h) => h.key)).toEqual(['BOTTLE:B-9']);
  });

  it('says which part of a barcode does not identify a unit', async () => {
    expect(await t.refuse('trace.forward', { ref: '(01)09506000134369(10)NOPE' })).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no lot NOPE of item BOTTLE (GTIN 09506000134369)',
    });
    expect((await t.refuse('trace.forward', { ref: '(01)09506000134352(10)B-9' })).message).toBe(
      'No item has GTIN 09506000134352; give the item its GTIN to find it by barcode',
    );
    expect(await t.refuse('trace.forward', { ref: '(01)09506000134360(10)B-9' })).toMatchObject({
      code: 'VALIDATION',
      message: 'ref: Not a valid GS1 barcode: AI 01: check digit should be 9',
    });
  });
});

describe('status history', () => {
  it('begins when a unit is received or produced, and a rework leaves the lot’s status alone', async () => {
    await t.call('workOrders.create', { number: 'WO-H', part: 'BOTTLE', quantity: 2 });
    await t.call('workOrders.consume', { workOrder: 'WO-H', ref: plant.cap, quantity: 2 });
    await t.call('workOrders.produce', { workOrder: 'WO-H', quantity: 1, lot: 'B-H' });
    await t.call('units.setStatus', { ref: 'BOTTLE:B-H', status: 'released', reason: 'QA released' });
    await t.call('workOrders.produce', { workOrder: 'WO-H', quantity: 1, lot: 'B-H' });
    const bottle = await t.call('units.get', { ref: 'BOTTLE:B-H' });
    expect(bottle.unit).toMatchObject({ status: 'released', quantity: '2' });
    expect(bottle.statusHistory.map((h) => h.status)).toEqual(['quarantine', 'released']);
    const cap = await t.call('units.get', { ref: plant.cap });
    expect(cap.statusHistory.map((h) => h.status)).toEqual(['quarantine', 'released']);
  });
});

describe('system info', () => {
  it('counts the write-ahead log in the database size', async () => {
    const { statSync } = await import('node:fs');
    const info = await t.call('system.info', {});
    expect(info).toMatchObject({ database: t.dbPath, schemaVersion: LATEST_SCHEMA_VERSION, actor: 'tester' });
    expect(info.databaseBytes).toBe(statSync(t.dbPath).size + statSync(`${t.dbPath}-wal`).size);
  });
});
