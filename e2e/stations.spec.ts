// A day at the stations, driven by scans the way operators work: a supplier's GS1 label received, the new lot
// consumed with others into a pump work order, the pump serialised and tested, packed into a case with an SSCC,
// and the case shipped — each scan answered at once, refusals in words, screenshots of every station.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import type { UnitSummary } from '../common/domain';
import { callApi } from './api';
import { AppFrame } from './pages/AppFrame';
import { StationPage } from './pages/StationPage';

const CTRL_BRACKET = { key: ']', code: 'BracketRight', ctrlKey: true };
const MOTOR_GTIN = '07612345000046';
const PUMP_GTIN = '09506000134352';

/** A released unit of `part` with something on hand. */
async function released(request: APIRequestContext, list: 'lots.list' | 'serials.list', part: string): Promise<UnitSummary> {
  const units = await callApi(request, list, { item: part, status: 'released', limit: 50 });
  const unit = units.find((u) => Number(u.onHand) >= 1);
  if (!unit) throw new Error(`The demo plant has no released ${part} on hand`);
  return unit;
}

/** `2031-05-31` as a GS1 date, `310531`. */
const yymmdd = (date: Date) => date.toISOString().slice(2, 10).replaceAll('-', '');

test('receiving → work order → serialise & test → packing → shipping, by scans', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const app = new AppFrame(page, testInfo);
  const station = new StationPage(page);
  const run = `${testInfo.project.name.replace(/\D/g, '').slice(0, 4)}${Date.now() % 100_000}`;

  // Receiving: the supplier's GS1-128 label (AIM ]C1; GTIN, expiry, batch, then a GS and a count) fills a receipt line.
  await app.open('#/station/receiving');
  await station.ready();
  await expect(station.prompt).toContainText('Scan the supplier’s GS1 label');
  await station.pick('Supplier', /MOTIONTEK/);
  const expiry = new Date(Date.now() + 400 * 86_400_000);
  await station.expectScan();
  await app.wedgeScan([`]C101${MOTOR_GTIN}17${yymmdd(expiry)}10MOT-${run}`, CTRL_BRACKET, '3012']);
  await station.expectAnswer('applied', `MOT-${run}`);
  await expect(page.getByTestId('receipt-lines')).toContainText('MOTOR-S');
  await expect(page.getByTestId('receipt-lines')).toContainText('12');
  await app.screenshot('80-station-receiving-line');
  await station.press('confirm');
  await station.expectAnswer('applied', /Receipt/);
  await expect(page.getByTestId('receipt-done')).toContainText('MOTOR-S');
  await app.screenshot('81-station-receiving-confirmed');

  // QA releases the new lot (incoming inspection), then a pump work order is opened for it.
  const motors = await callApi(request, 'lots.list', { item: 'MOTOR-S', status: 'quarantine', limit: 50 });
  const motor = motors.find((l) => l.ref.length > 0 && l.quantity === '12');
  if (!motor) throw new Error('The received MOTOR-S lot is not in quarantine');
  await callApi(request, 'units.setStatus', { ref: motor.ref, status: 'released', reason: 'Incoming inspection passed (e2e)' });
  const wo = await callApi(request, 'workOrders.create', { part: 'PUMP-PX2', quantity: 1, line: 'LINE-1' });
  const housing = await released(request, 'lots.list', 'HOUSING-PX');
  const board = await released(request, 'serials.list', 'CTRL-PX');
  const tubing = await released(request, 'lots.list', 'TUBE-PVC');

  // Work order: select it by its barcode, then scan the components; one not on the BOM is refused with the reason.
  await station.choose('Work order');
  await expect(station.prompt).toContainText('Scan the work order');
  await station.expectScan();
  await app.wedgeScan([`WO:${wo.number}`]);
  await station.expectAnswer('applied', `Work order ${wo.number}`);
  await expect(station.prompt).toContainText('3 BOM lines still required');
  await station.expectScan();
  await app.wedgeScan([tubing.ref]);
  await station.expectAnswer('refused', 'is not on the BOM');
  await app.screenshot('82-station-work-order-refused');
  for (const ref of [housing.ref, board.ref, motor.ref]) {
    await station.expectScan();
    await app.wedgeScan([ref]);
    await station.expectAnswer('applied', 'Consumed');
  }
  await expect(station.prompt).toContainText('every BOM line is consumed');
  await expect(page.getByTestId('requirements-table')).toContainText('MOTOR-S');
  await app.screenshot('83-station-work-order-consumed');

  // Serialise & test: the work order again, the next serial, then the test passes.
  await station.choose('Serialise & test');
  await station.expectScan();
  await app.wedgeScan([`WO:${wo.number}`]);
  await station.expectAnswer('applied', wo.number);
  await station.press('nextSerial');
  await station.expectAnswer('applied', 'assigned');
  const serial = (await page.getByTestId('station-serial').getByTestId('unit-code').textContent())?.replace(/^S\/N\s*/, '').trim();
  if (!serial) throw new Error('No serial shown after NEXT SERIAL');
  await station.press('pass');
  await station.expectAnswer('applied', /pass/i);
  await app.screenshot('84-station-serialised-tested');

  // Packing: a new case gets an SSCC; the pump goes in by its GS1 serial barcode; the case is closed.
  await station.choose('Packing');
  await station.press('newCase');
  await station.expectAnswer('applied', /case/i);
  const caseText = (await page.getByTestId('station-case').textContent()) ?? '';
  const sscc = /\(00\)(\d{18})/.exec(caseText)?.[1];
  if (!sscc) throw new Error(`No SSCC shown for the new case: ${caseText}`);
  await station.expectScan();
  await app.wedgeScan([`]d201${PUMP_GTIN}21${serial}`]);
  await station.expectAnswer('applied', serial);
  await expect(page.getByTestId('case-contents')).toContainText('PUMP-PX2');
  await station.press('closeCase');
  await station.expectAnswer('applied', /closed/i);
  await app.screenshot('85-station-case-closed');

  // Shipping: a customer and ship-to, a new shipment, then the case's SSCC ships the pump inside it.
  const customers = await callApi(request, 'customers.list', {});
  const locations = await callApi(request, 'locations.list', {});
  const shipTo = locations.find((l) => l.kind === 'ship_to' && customers.some((c) => c.code === l.customer));
  if (!shipTo?.customer) throw new Error('The demo plant has no customer with a ship-to location');
  await station.choose('Shipping');
  await station.pick('Customer', new RegExp(shipTo.customer));
  await station.pick('Ship to', new RegExp(shipTo.code));
  await station.press('newShipment');
  await station.expectAnswer('applied', /Shipment/);
  // The pump is still in quarantine: the case is refused, naming the serial and what to do.
  await station.expectScan();
  await app.wedgeScan([`]C100${sscc}`]);
  await station.expectAnswer('refused', `Serial ${serial} of PUMP-PX2 is in quarantine`);
  await app.screenshot('86-station-ship-refused-quarantine');
  await callApi(request, 'units.setStatus', { ref: `PUMP-PX2#${serial}`, status: 'released', reason: 'Device history record reviewed (e2e)' });
  await station.expectScan();
  await app.wedgeScan([`]C100${sscc}`]);
  await station.expectAnswer('applied', sscc);
  await expect(page.getByTestId('shipment-lines')).toContainText(serial);
  await app.screenshot('87-station-shipped');

  // The same case again: already shipped, refused with the shipment that took it.
  await station.expectScan();
  await app.wedgeScan([`(00)${sscc}`]);
  await station.expectAnswer('refused', 'already shipped');
  const pump = await callApi(request, 'units.get', { ref: `PUMP-PX2#${serial}` });
  expect(pump.unit.status).toBe('shipped');
});

test('typing by hand is not a scan; a held lot is refused at shipping with the reason', async ({ page, request }, testInfo) => {
  const app = new AppFrame(page, testInfo);
  const station = new StationPage(page);
  await app.open('#/station/ship');
  await station.ready();

  // Slow keys outside any field: a person, not a scanner — nothing is sent.
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.type('WO:WO-1', { delay: 180 });
  await page.keyboard.press('Enter');
  await expect(station.logEntries).toHaveCount(0);

  // Typed into the scan field and sent with Enter: handled like a scan.
  const [held] = await callApi(request, 'lots.list', { status: 'on_hold', limit: 1 });
  if (!held) throw new Error('The demo plant has no lot on hold');
  const customers = await callApi(request, 'customers.list', {});
  const locations = await callApi(request, 'locations.list', {});
  const shipTo = locations.find((l) => l.kind === 'ship_to' && customers.some((c) => c.code === l.customer));
  if (!shipTo?.customer) throw new Error('The demo plant has no customer with a ship-to location');
  await station.pick('Customer', new RegExp(shipTo.customer));
  await station.pick('Ship to', new RegExp(shipTo.code));
  await station.press('newShipment');
  await station.expectAnswer('applied', /Shipment/);
  await station.expectScan();
  await page.getByTestId('station-scan').fill(held.ref);
  await page.getByTestId('station-scan').press('Enter');
  // On hold by QA, or held by a recall campaign (another spec may have opened one on the newest held lot).
  await station.expectAnswer('refused', /on hold|held by recall/i);
  await app.screenshot('88-station-refused-on-hold');

  // A wedge that reads the same barcode twice in a row: the second read is ignored and said so, never sent.
  const shipment = /SH-\d+/.exec((await station.prompt.textContent()) ?? '')?.[0];
  if (!shipment) throw new Error('No shipment in the prompt');
  const entries = await station.logEntries.count();
  await app.wedgeScan([`SH:${shipment}`]);
  await app.wedgeScan([`SH:${shipment}`]);
  await expect(page.getByTestId('station-duplicate')).toContainText('ignored as a duplicate');
  await expect(station.logEntries).toHaveCount(entries + 2);
  await expect(station.logEntries.first()).toHaveAttribute('data-outcome', 'duplicate');
});
