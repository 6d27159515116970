// stations.scan through the api on a real SQLite file: each station's rules applied, each refusal with its exact
// reason and nothing changed by it, a case shipping its contents, and a whole receiving → work order → serialise
// → pack → ship flow driven by scans.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stationControls } from '../../../common/api/stations';
import type { StationName } from '../../../common/api/stations';
import { tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { GTIN, snapshot, Station, stationPlant, supplierLabel } from '../../api/station-test-plant';

const C = stationControls;
let t: TestApi;
beforeEach(async () => {
  t = tempApi();
  await stationPlant(t);
});
afterEach(() => t.close());

/** Receives POLY (lot PL001, 20 kg) and LID (lot LD001, 500 ea) and releases them. */
async function stock() {
  await t.call('receiving.receive', {
    supplier: 'SUP',
    lines: [
      { part: 'POLY', supplierLot: 'S-1', quantity: 20, expiry: '2099-12-31' },
      { part: 'LID', supplierLot: 'S-2', quantity: 500 },
      { part: 'INK', supplierLot: 'S-3', quantity: 100 },
    ],
  });
  for (const ref of ['POLY:PL001', 'LID:LD001', 'INK:IK001']) await t.call('units.setStatus', { ref, status: 'released', reason: 'incoming inspection passed' });
}

async function expectRefused(station: Station, code: string, reason: string, extra: { quantity?: string | number; reason?: string } = {}) {
  const before = snapshot(t.dbPath);
  const context = structuredClone(station.context);
  const result = await station.scan(code, extra);
  expect(result).toMatchObject({ outcome: 'refused', reason });
  if (result.outcome === 'refused') expect(result.context).toEqual(station.station === 'receiving' ? { lines: [], ...context } : context);
  expect(snapshot(t.dbPath)).toEqual(before);
}

const at = (name: StationName, context: Record<string, unknown> = {}) => new Station(t, name, context);

describe('receiving station', () => {
  it('fills receipt lines from supplier GS1 labels and receives them on CONFIRM as quarantined lots', async () => {
    const s = at('receiving', { supplier: 'SUP' });
    const before = snapshot(t.dbPath);
    const first = await s.apply(supplierLabel(GTIN.poly, '24-117', '271231', '3102002550'));
    expect(first).toMatchObject({ changed: false, eventId: null, message: 'Line 1: POLY, supplier lot 24-117, 25.5 kg, expires 2027-12-31. Scan the next label, or CONFIRM.' });
    // Bracketed text and a count (AI 30); day 00 of the expiry is the month's last day.
    await s.apply(`(01)${GTIN.lid}(17)280200(10)L-9(30)200`);
    expect(s.context.lines).toEqual([
      { part: 'POLY', gtin: GTIN.poly, supplierLot: '24-117', quantity: '25.5', unit: 'kg', expiry: '2027-12-31' },
      { part: 'LID', gtin: GTIN.lid, supplierLot: 'L-9', quantity: '200', unit: 'ea', expiry: '2028-02-29' },
    ]);
    expect(snapshot(t.dbPath)).toEqual(before);

    const done = await s.apply(C.confirm);
    expect(done.changed).toBe(true);
    if (done.view.station !== 'receiving' || done.view.receipt === null) throw new Error('no receipt');
    expect(done.view.receipt.lots.map((l) => [l.ref, l.status, l.onHand, l.expiresAt])).toEqual([
      ['POLY:PL001', 'quarantine', '25.5', '2027-12-31'],
      ['LID:LD001', 'quarantine', '200', '2028-02-29'],
    ]);
    expect(s.context.lines).toEqual([]);
    const detail = await t.call('units.get', { ref: 'POLY:PL001' });
    expect(detail.supplier?.supplierLot).toBe('24-117');
    expect(detail.events.map((e) => e.id)).toContain(done.eventId);
  });

  it('takes the entered quantity when the label has none, and refuses what it cannot receive', async () => {
    const s = at('receiving');
    await expectRefused(s, supplierLabel(GTIN.poly, 'S-1', '271231', '').slice(0, -1), 'The label of POLY gives no quantity (AI 30, 37 or 310n): enter the quantity in kg and scan again');
    await s.apply(`(01)${GTIN.poly}(10)S-1`, { quantity: '12.5' });
    expect(s.context.lines).toMatchObject([{ part: 'POLY', quantity: '12.5', expiry: null }]);
    await expectRefused(s, `(01)${GTIN.poly}(10)S-1`, 'Supplier lot S-1 of POLY is already line 1 of this receipt', { quantity: 1 });
    await expectRefused(s, '(01)09506000134345(10)X(30)5', 'No item has GTIN 09506000134345; give the item its GTIN to receive it by barcode');
    await expectRefused(s, `(01)${GTIN.lid}(17)200131(10)OLD(30)5`, 'Supplier lot OLD of LID expired on 2020-01-31 and cannot be received');
    await expectRefused(s, `(01)${GTIN.poly}(10)S-2(30)5`, 'The label counts 5 pieces (AI 30/37), but POLY is counted in kg: enter the quantity in kg and scan again');
    await expectRefused(s, `(01)${GTIN.valve}(21)SN-1`, 'VALVE (GTIN 09506000134390) is tracked by serial, not by lot; only lot-tracked items are received here');
    await expectRefused(s, 'POLY:PL001', 'Scan the supplier’s GS1 label (GTIN, batch, expiry, quantity); a PART:LOT code names one of our own lots');
    await expectRefused(s, C.confirm, 'Choose the supplier before confirming the receipt');
    await expectRefused(s, '(01)09506000134353(10)X', 'Not valid GS1 data: AI 01: check digit should be 2');
    const cleared = await s.apply(C.cancel);
    expect(cleared.context).toEqual({ lines: [] });
    await expectRefused(at('receiving', { supplier: 'SUP' }), C.confirm, 'Scan a supplier label first: the receipt has no lines');
  });
});

describe('work order station', () => {
  beforeEach(async () => {
    await stock();
    await t.call('workOrders.create', { number: 'WO-1', part: 'VALVE', quantity: 4 });
  });

  it('selects a work order, consumes scanned lots against the BOM and answers with what is still required', async () => {
    const s = at('workOrder');
    await expectRefused(s, 'POLY:PL001', 'Scan a work order first');
    const selected = await s.apply('WO:WO-1');
    expect(selected).toMatchObject({ changed: false, eventId: null, context: { workOrder: 'WO-1' } });
    expect(selected.message).toBe('Work order WO-1: 4 ea of VALVE. Still required: POLY 2 kg, LID 8 ea. Scan component lots.');
    // No quantity on the scan: what the line still needs.
    const poly = await s.apply(`(01)${GTIN.poly}(10)PL001`);
    expect(poly.message).toBe('Consumed 2 kg of Lot PL001 of POLY into WO-1. Still required: POLY 0 kg, LID 8 ea.');
    const lid = await s.apply('LID:LD001', { quantity: 5 });
    if (lid.view.station !== 'workOrder' || lid.view.workOrder === null) throw new Error('no work order');
    expect(lid.view.workOrder.requirements.map((l) => [l.part, l.consumed, l.remaining])).toEqual([
      ['POLY', '2', '0'],
      ['LID', '5', '3'],
    ]);
    const wo = await t.call('workOrders.get', { workOrder: 'WO-1' });
    expect(wo.consumed.map((c) => [c.eventId, c.ref, c.quantity])).toEqual([
      [poly.eventId, 'POLY:PL001', '2'],
      [lid.eventId, 'LID:LD001', '5'],
    ]);
    // The bare number a traveller carries selects it too.
    expect((await at('workOrder').apply('WO-1')).context).toEqual({ workOrder: 'WO-1' });
  });

  it('refuses items off the BOM, unusable lots and over-consumption, unless a reason is given', async () => {
    const s = at('workOrder', { workOrder: 'WO-1' });
    await expectRefused(s, `(01)${GTIN.ink}(10)IK001`, 'GTIN 09506000134383 (INK) is not on the BOM of work order WO-1 (VALVE version 1). Scan a listed component, or give a substitution reason.');
    await expectRefused(s, 'POLY:PL001', '3 kg of Lot PL001 of POLY is more than work order WO-1 still needs (2 kg). Scan a smaller quantity, or give an override reason.', { quantity: 3 });
    await t.call('units.setStatus', { ref: 'LID:LD001', status: 'on_hold', reason: 'OOS thread depth' });
    await expectRefused(s, 'LID:LD001', 'Lot LD001 of LID is on hold (reason: OOS thread depth) and cannot be consumed. Ask QA to release it, or scan another.');
    await expectRefused(s, 'LID:LD999', 'There is no lot LD999 of item LID');
    await expectRefused(s, 'WO:WO-9', 'There is no work order WO-9');
    await expectRefused(s, C.newCase, 'This station takes a work order (WO:…) or component lots and serials; CMD:NEW-CASE is not used here');

    const substituted = await s.apply('INK:IK001', { quantity: 10, reason: 'INK replaces the lid print, ECO-12' });
    const over = await s.apply('POLY:PL001', { quantity: 3, reason: 'scrap at start-up' });
    await expectRefused(s, 'POLY:PL001', 'Work order WO-1 needs no more POLY (2 kg required, all consumed). Give an override reason to consume more.');
    const wo = await t.call('workOrders.get', { workOrder: 'WO-1' });
    expect(wo.consumed.map((c) => [c.eventId, c.ref, c.substitutionReason])).toEqual([
      [substituted.eventId, 'INK:IK001', 'INK replaces the lid print, ECO-12'],
      [over.eventId, 'POLY:PL001', 'scrap at start-up'],
    ]);
    // The progress a scan answers with is worked out from the one read before it: it equals the work order read afterwards,
    // for a substitute (no line counts it) and past what the line requires (remaining stays 0).
    const { consumed: _c, outputs: _o, ...progress } = wo;
    if (over.view.station !== 'workOrder' || substituted.view.station !== 'workOrder') throw new Error('wrong view');
    expect(over.view.workOrder).toEqual(progress);
    expect(over.view.workOrder?.requirements.find((l) => l.part === 'POLY')).toMatchObject({ consumed: '3', remaining: '0' });
    expect(substituted.view.workOrder?.requirements.map((l) => l.consumed)).toEqual(['0', '0']);
  });

  it('refuses expired lots and closed work orders', async () => {
    await t.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'LID', supplierLot: 'OLD', quantity: 10, expiry: '2021-01-31' }] });
    await t.call('units.setStatus', { ref: 'LID:LD002', status: 'released', reason: 'concession' });
    const s = at('workOrder', { workOrder: 'WO-1' });
    await expectRefused(s, 'LID:LD002', 'Lot LD002 of LID expired on 2021-01-31 and cannot be consumed.');
    await t.call('workOrders.close', { workOrder: 'WO-1' });
    await expectRefused(s, 'LID:LD001', 'Work order WO-1 is closed; scan an open work order');
  });
});

describe('serialisation station', () => {
  beforeEach(async () => {
    await t.call('workOrders.create', { number: 'WO-2', part: 'VALVE', quantity: 2 });
  });

  it('assigns serials, takes pre-printed ones, and records test results as inspecting events', async () => {
    const s = at('serialise');
    await expectRefused(s, C.nextSerial, 'Scan a work order first');
    await s.apply('WO:WO-2');
    await expectRefused(s, C.pass, 'Scan or assign a serial first, then record its test');
    const first = await s.apply(C.nextSerial);
    expect(first).toMatchObject({ changed: true, context: { workOrder: 'WO-2', serial: 'VALVE#SN-0001' }, message: 'Serial SN-0001 of VALVE assigned on WO-2 (1 of 2). Print its label, then test it.' });
    const pass = await s.apply(C.pass);
    expect(pass.message).toBe('Serial SN-0001 of VALVE: test passed. Assign or scan the next serial.');
    // A pre-printed UDI label (GTIN + serial) makes that serial.
    const printed = await s.apply(`(01)${GTIN.valve}(21)PRE-77`);
    expect(printed.context).toEqual({ workOrder: 'WO-2', serial: 'VALVE#PRE-77' });
    const fail = await s.apply(C.fail, { reason: 'leak at 2 bar' });
    if (fail.view.station !== 'serialise') throw new Error('wrong view');
    expect(fail.view.tests).toEqual([{ eventId: fail.eventId, result: 'fail', at: expect.any(String) as string, note: 'Test failed: leak at 2 bar' }]);
    const event = (await t.call('units.get', { ref: 'VALVE#PRE-77' })).events.find((e) => e.id === fail.eventId);
    expect(event).toMatchObject({ bizStep: 'inspecting', disposition: 'non_conformant', document: { type: 'work_order', number: 'WO-2' } });
    // Scanning a serial made on the work order selects it without changing anything.
    const again = await s.apply('VALVE#SN-0001');
    expect(again).toMatchObject({ changed: false, eventId: null, context: { serial: 'VALVE#SN-0001' } });

    await expectRefused(s, C.nextSerial, 'Work order WO-2 has made all 2 planned VALVE; give an override reason to make more');
    await expectRefused(s, `(01)${GTIN.poly}(10)X`, 'GTIN 09506000134352 lot X is not a VALVE, which work order WO-2 makes');
    await t.call('workOrders.create', { number: 'WO-3', part: 'VALVE', quantity: 1 });
    await expectRefused(at('serialise', { workOrder: 'WO-3' }), 'VALVE#SN-0001', 'Serial SN-0001 of VALVE already exists and was not made on WO-3; scan a new serial label');
  });
});

/** Two tested, released valves on WO-2 (SN-0001, SN-0002). */
async function valves() {
  await t.call('workOrders.create', { number: 'WO-2', part: 'VALVE', quantity: 2 });
  await t.call('workOrders.produce', { workOrder: 'WO-2', serials: 2 });
  for (const ref of ['VALVE#SN-0001', 'VALVE#SN-0002']) await t.call('units.setStatus', { ref, status: 'released', reason: 'DHR reviewed' });
}

describe('packing station', () => {
  it('opens a case with the next SSCC, packs serials and lots into it and closes it', async () => {
    await stock();
    await valves();
    const s = at('pack');
    await expectRefused(s, 'VALVE#SN-0001', 'Open a case (NEW CASE) or scan a case label first');
    const opened = await s.apply(C.newCase);
    // Extension 0, company prefix 9506000, serial reference 000000001, check digit 5.
    expect(opened.context).toEqual({ case: '095060000000000015' });
    const packed = await s.apply(`(01)${GTIN.valve}(21)SN-0001`);
    expect(packed.message).toBe('Packed Serial SN-0001 of VALVE into case 095060000000000015 (1 in the case)');
    await s.apply('LID:LD001', { quantity: 50 });
    await expectRefused(s, 'VALVE#SN-0001', 'Serial SN-0001 of VALVE is already in case 095060000000000015');
    await expectRefused(s, 'LID:LD001', 'Lot LD001 of LID is already in case 095060000000000015');
    const closed = await s.apply(C.closeCase);
    expect(closed.message).toBe('Case 095060000000000015 closed with 2 units. Open the next case.');
    if (closed.view.station !== 'pack' || closed.view.case === null) throw new Error('no case');
    expect(closed.view.case).toMatchObject({ status: 'closed', contents: [{ ref: 'LID:LD001', quantity: '50' }, { ref: 'VALVE#SN-0001', quantity: '1' }] });

    await expectRefused(s, C.closeCase, 'Open a case (NEW CASE) or scan a case label first');
    await expectRefused(at('pack', { case: '095060000000000015' }), 'VALVE#SN-0002', 'Case 095060000000000015 is closed; open a new case to pack more');
    const second = await s.apply(C.newCase);
    expect(second.context).toEqual({ case: '095060000000000022' });
    await expectRefused(s, 'VALVE#SN-0001', 'Serial SN-0001 of VALVE is already packed in case 095060000000000015');
    await expectRefused(s, 'LID:LD001', 'Lot LD001 of LID has 450 ea not yet packed; 600 ea cannot go into this case', { quantity: 600 });
    await expectRefused(s, C.closeCase, 'Case 095060000000000022 is empty: pack something into it before closing it');
    await t.call('units.setStatus', { ref: 'VALVE#SN-0002', status: 'on_hold', reason: 'label smudged' });
    await expectRefused(s, 'VALVE#SN-0002', 'Serial SN-0002 of VALVE is on hold (reason: label smudged) and cannot be packed. Ask QA to release it, or scan another.');
    // Scanning a case label selects that case.
    expect((await at('pack').apply('(00)095060000000000015')).message).toBe('Case 095060000000000015: closed, 2 units packed');
    // The aggregation is in the trace: backward from the serial reaches its case.
    const back = await t.call('trace.backward', { ref: 'VALVE#SN-0001' });
    expect(back.nodes.map((n) => n.ref)).toContain('SSCC#095060000000000015');
  });

  it('refuses to open a case before the company prefix is set', async () => {
    const fresh = tempApi();
    try {
      const result = await fresh.call('stations.scan', { station: 'pack', code: C.newCase });
      expect(result).toMatchObject({ outcome: 'refused', reason: 'Set the GS1 company prefix in settings before opening cases: their SSCCs are numbered under it' });
    } finally {
      fresh.close();
    }
  });
});

describe('shipping station', () => {
  beforeEach(async () => {
    await stock();
    await valves();
  });

  it('ships a case with everything in it, and lots and serials scanned loose, each in one audited event', async () => {
    const pack = at('pack');
    await pack.apply(C.newCase);
    await pack.apply('VALVE#SN-0001');
    await pack.apply('LID:LD001', { quantity: 50 });
    await pack.apply(C.closeCase);

    const s = at('ship', { customer: 'CUST', shipTo: 'CUST-1' });
    await expectRefused(s, '(00)095060000000000015', 'Scan a shipment first (SH:…), or start one with NEW SHIPMENT');
    const started = await s.apply(C.newShipment);
    expect(started).toMatchObject({ changed: true, eventId: null, context: { shipment: 'SH-000001' } });
    await expectRefused(s, 'VALVE#SN-0001', 'Serial SN-0001 of VALVE is packed in case 095060000000000015: scan the case to ship it');
    await expectRefused(s, 'LID:LD001', 'Lot LD001 of LID: 50 ea of it is packed in case 095060000000000015; scan the case, or ship at most 450 ea loose', { quantity: 451 });
    const shippedCase = await s.apply('(00)095060000000000015');
    expect(shippedCase.message).toBe('Case 095060000000000015 shipped on SH-000001 with its 2 units');
    const loose = await s.apply('VALVE#SN-0002');
    // One line per lot and shipment: the rest of a lot already on it (in a case) cannot be added loose.
    await expectRefused(s, 'LID:LD001', 'Lot LD001 of LID is already on shipment SH-000001', { quantity: 100 });
    if (loose.view.station !== 'ship' || loose.view.shipment === null) throw new Error('no shipment');
    expect(loose.view.shipment.lines.map((l) => [l.ref, l.quantity])).toEqual([
      ['SSCC#095060000000000015', '1'],
      ['LID:LD001', '50'],
      ['VALVE#SN-0001', '1'],
      ['VALVE#SN-0002', '1'],
    ]);
    expect((await t.call('units.get', { ref: 'VALVE#SN-0001' })).unit.status).toBe('shipped');
    expect((await t.call('units.get', { ref: 'LID:LD001' })).unit.onHand).toBe('450');
    const event = (await t.call('units.get', { ref: 'VALVE#SN-0001' })).events.find((e) => e.id === shippedCase.eventId);
    expect(event?.units.map((u) => u.ref).sort()).toEqual(['LID:LD001', 'SSCC#095060000000000015', 'VALVE#SN-0001']);
    expect(loose.eventId).not.toBe(shippedCase.eventId);
    // Forward from the lid lot: the shipment reaches the customer.
    const forward = await t.call('trace.forward', { ref: 'LID:LD001' });
    expect(forward.shipments.map((x) => x.number)).toContain('SH-000001');

    await expectRefused(s, 'VALVE#SN-0001', 'Serial SN-0001 of VALVE already shipped on SH-000001');
    await expectRefused(at('ship', { shipment: 'SH-000001' }), '(00)095060000000000015', 'Case 095060000000000015 already shipped on SH-000001');
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });

  it('refuses to consume, ship or pack a lot or serial held by a recall, naming the campaign', async () => {
    const { number } = await t.call('recalls.create', { title: 'Lids', reason: 'Cracked lids reported', classification: 'Class II', seeds: { refs: ['LID:LD001', 'VALVE#SN-0001'] } });
    await t.call('recalls.open', { number });
    await t.call('workOrders.create', { number: 'WO-9', part: 'VALVE', quantity: 4 });
    await expectRefused(
      at('workOrder', { workOrder: 'WO-9' }),
      'LID:LD001',
      `Lot LD001 of LID is held by recall ${number} (Cracked lids reported) and cannot be consumed. Set it aside and scan another; only QA can lift the hold, in the campaign.`,
    );
    await t.call('shipments.ship', { number: 'SH-8', customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: 'POLY:PL001', quantity: 1 }] });
    const s = at('ship');
    await s.apply('SH:SH-8');
    await expectRefused(
      s,
      `(01)${GTIN.valve}(21)SN-0001`,
      `Serial SN-0001 of VALVE is held by recall ${number} (Cracked lids reported) and cannot be shipped. Set it aside and scan another; only QA can lift the hold, in the campaign.`,
    );
    const pack = at('pack');
    await pack.apply(C.newCase);
    await expectRefused(
      pack,
      'LID:LD001',
      `Lot LD001 of LID is held by recall ${number} (Cracked lids reported) and cannot be packed. Set it aside and scan another; only QA can lift the hold, in the campaign.`,
    );
  });

  it('refuses held and quarantined stock, a lot already on the shipment and an open case, with the reason', async () => {
    await t.call('shipments.ship', { number: 'SH-7', customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: 'LID:LD001', quantity: 10 }] });
    const s = at('ship');
    await s.apply('SH:SH-7');
    await t.call('units.setStatus', { ref: 'VALVE#SN-0001', status: 'on_hold', reason: 'CAPA-3 leak investigation' });
    await expectRefused(s, `(01)${GTIN.valve}(21)SN-0001`, 'Serial SN-0001 of VALVE is on hold (reason: CAPA-3 leak investigation) and cannot be shipped. Ask QA to release it, or scan another.');
    await t.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'POLY', supplierLot: 'Q', quantity: 5 }] });
    await expectRefused(s, 'POLY:PL002', 'Lot PL002 of POLY is in quarantine and cannot be shipped. Ask QA to release it, or scan another.', { quantity: 1 });
    await expectRefused(s, 'LID:LD001', 'Lot LD001 of LID is already on shipment SH-7', { quantity: 1 });
    const pack = at('pack');
    await pack.apply(C.newCase);
    await pack.apply('VALVE#SN-0002');
    await expectRefused(s, '(00)095060000000000015', 'Case 095060000000000015 is still open: close it at packing before it ships');
    await expectRefused(s, '(00)095060000000000016', 'Not valid GS1 data: AI 00: check digit should be 5');
  });
});

describe('a whole flow driven by scans', () => {
  it('receives, consumes, serialises, packs and ships, and the audit trail verifies', async () => {
    const receiving = at('receiving', { supplier: 'SUP' });
    await receiving.apply(supplierLabel(GTIN.poly, 'S-1', '301231', '3102002000'));
    await receiving.apply(`(01)${GTIN.lid}(10)S-2(30)100`);
    const receipt = await receiving.apply(C.confirm);
    // QA releases incoming lots at its desk, not at a station.
    for (const ref of ['POLY:PL001', 'LID:LD001']) await t.call('units.setStatus', { ref, status: 'released', reason: 'CoA checked' });
    await t.call('workOrders.create', { number: 'WO-5', part: 'VALVE', quantity: 2 });

    const line = at('workOrder');
    await line.apply('WO:WO-5');
    await line.apply(`(01)${GTIN.poly}(10)PL001`);
    const lids = await line.apply(`(01)${GTIN.lid}(10)LD001`);
    if (lids.view.station !== 'workOrder' || lids.view.workOrder === null) throw new Error('no work order');
    expect(lids.view.workOrder.requirements.map((l) => l.remaining)).toEqual(['0', '0']);

    const test = at('serialise');
    await test.apply('WO:WO-5');
    for (let i = 0; i < 2; i++) {
      await test.apply(C.nextSerial);
      await test.apply(C.pass);
    }
    for (const ref of ['VALVE#SN-0001', 'VALVE#SN-0002']) await t.call('units.setStatus', { ref, status: 'released', reason: 'DHR reviewed' });

    const pack = at('pack');
    await pack.apply(C.newCase);
    await pack.apply(`(01)${GTIN.valve}(21)SN-0001`);
    await pack.apply(`(01)${GTIN.valve}(21)SN-0002`);
    await pack.apply(C.closeCase);

    const ship = at('ship', { customer: 'CUST', shipTo: 'CUST-1' });
    await ship.apply(C.newShipment);
    const shipped = await ship.apply(`]C100${'095060000000000015'}`);
    expect(shipped.changed).toBe(true);

    // From the supplier's polymer lot forward to the customer, through work order, serials and case.
    const forward = await t.call('trace.forward', { ref: `(01)${GTIN.poly}(10)PL001` });
    expect(forward.nodes.map((n) => n.ref).sort()).toEqual(['POLY:PL001', 'VALVE#SN-0001', 'VALVE#SN-0002']);
    expect(forward.shipments.map((x) => [x.number, x.customer, x.ref]).sort()).toEqual([
      ['SH-000001', 'CUST', 'VALVE#SN-0001'],
      ['SH-000001', 'CUST', 'VALVE#SN-0002'],
    ]);
    expect(receipt.eventId).not.toBeNull();
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });
});
