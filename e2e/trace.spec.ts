// The core question: where did this serial go? Search → unit page → forward trace → table → CSV.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import type { TraceResult, UnitSummary } from '../common/domain';
import { callApi } from './api';
import { AppFrame } from './pages/AppFrame';
import { TracePage } from './pages/TracePage';
import { UnitPage } from './pages/UnitPage';

/** A shipped finished serial whose forward trace reaches a customer. */
async function shippedSerial(request: APIRequestContext): Promise<{ serial: UnitSummary; trace: TraceResult }> {
  const items = await callApi(request, 'items.list', {});
  const finished = new Set(items.filter((i) => i.category === 'finished').map((i) => i.part));
  const serials = await callApi(request, 'serials.list', { status: 'shipped' });
  for (const serial of serials.filter((s) => finished.has(s.item))) {
    const trace = await callApi(request, 'trace.forward', { ref: serial.ref });
    if (trace.customers.length > 0) return { serial, trace };
  }
  throw new Error('The demo plant has no shipped finished serial that reaches a customer');
}

test('search a shipped serial, trace it forward to its customer, and export the trace', async ({ page, request }, testInfo) => {
  const { serial, trace } = await shippedSerial(request);
  const customer = trace.customers[0]!;
  const app = new AppFrame(page, testInfo);

  await app.open();
  await app.ready('dashboard');
  await app.screenshot('01-dashboard');

  // Scan the serial number into the search box: one hit opens the unit page at once.
  await app.scan(serial.serial!);
  await app.ready('unit');
  const unit = new UnitPage(page);
  await expect(unit.code).toHaveText(`S/N ${serial.serial}`);
  await expect(unit.root).toContainText(serial.item);
  await unit.expectStatus('Shipped');
  await app.screenshot('02-unit-serial');

  await unit.traceForward();
  const explorer = new TracePage(page);
  await explorer.ready();
  await expect(explorer.graph).toBeVisible();
  await expect(explorer.nodes('unit').filter({ hasText: serial.serial! })).toBeVisible();
  await expect(explorer.nodes('customer').filter({ hasText: customer.name })).toBeVisible();
  await expect(explorer.nodes('shipment').first()).toBeVisible();
  await app.screenshot('03-trace-forward-graph');

  // The side panel for the customer.
  await explorer.nodes('customer').filter({ hasText: customer.name }).click();
  await expect(page.getByTestId('trace-node-details')).toContainText(customer.code);
  await app.screenshot('04-trace-forward-customer-panel');

  await explorer.showTable();
  await expect(explorer.table.getByRole('row').filter({ hasText: serial.serial! }).first()).toBeVisible();
  await expect(explorer.table).toContainText(customer.name);
  await app.screenshot('05-trace-forward-table');

  const download = await explorer.exportCsv();
  expect(download.suggestedFilename()).toMatch(/^trace-forward-.*\.csv$/);
  const csv = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toBe('type,depth,part,description,lot_or_serial,ref,status,quantity,unit,document,customer,date');
  const unitRows = trace.nodes.some((n) => n.id === trace.root.id) ? trace.nodes.length : trace.nodes.length + 1;
  expect(lines).toHaveLength(1 + unitRows + trace.shipments.length + trace.customers.length);
  expect(lines.some((line) => line.startsWith('serial,0,') && line.includes(serial.ref))).toBe(true);
  expect(lines.some((line) => line.startsWith('customer,') && line.includes(customer.name))).toBe(true);
  expect(lines.some((line) => line.startsWith('shipment,') && line.includes(trace.shipments[0]!.number))).toBe(true);
});

test('a backward trace shows where a serial came from, left of it', async ({ page, request }, testInfo) => {
  const { serial } = await shippedSerial(request);
  const backward = await callApi(request, 'trace.backward', { ref: serial.ref });
  const app = new AppFrame(page, testInfo);
  await app.open(`#/unit/${encodeURIComponent(serial.ref)}`);
  await app.ready('unit');
  await new UnitPage(page).traceBackward();
  const explorer = new TracePage(page);
  await explorer.ready();
  await expect(explorer.nodes('unit')).toHaveCount(backward.nodes.length);

  // Inputs are drawn to the left of the focal unit.
  const focal = explorer.graph.locator('[data-focal]');
  const input = explorer.graph.locator('[data-testid="trace-node-unit"]:not([data-focal])').first();
  const focalBox = (await focal.boundingBox())!;
  const inputBox = (await input.boundingBox())!;
  expect(inputBox.x).toBeLessThan(focalBox.x);
  await app.screenshot('06-trace-backward-graph');
});

test('a trace wider than one answer shows its summary and the first units, and the CSV has every row', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  // A resin lot moulded into 6,000 serialised caps: one more than the screen's window of 5,000 units.
  const part = `CAP-E2E-${Date.now().toString(36).toUpperCase()}`;
  await callApi(request, 'items.create', { part: `${part}-RESIN`, description: 'Cap resin', tracking: 'lot', category: 'raw', unit: 'kg' });
  await callApi(request, 'items.create', { part, description: 'Tamper-evident cap', tracking: 'serial', category: 'finished', unit: 'ea' });
  await callApi(request, 'boms.create', { part, lines: [{ part: `${part}-RESIN`, quantityPer: '0.01' }] });
  const suppliers = await callApi(request, 'suppliers.list', {});
  const receipt = await callApi(request, 'receiving.receive', {
    supplier: suppliers[0]!.code,
    lines: [{ part: `${part}-RESIN`, supplierLot: 'E2E-WIDE', quantity: '100' }],
  });
  const resin = receipt.lots[0]!.ref;
  await callApi(request, 'units.setStatus', { ref: resin, status: 'released', reason: 'incoming inspection passed' });
  const wo = await callApi(request, 'workOrders.create', { part, quantity: '6000' });
  await callApi(request, 'workOrders.consume', { workOrder: wo.number, ref: resin, quantity: '60' });
  for (let i = 0; i < 6; i++) await callApi(request, 'workOrders.produce', { workOrder: wo.number, serials: 1000 });

  const app = new AppFrame(page, testInfo);
  await app.open(`#/trace/${encodeURIComponent(resin)}?dir=forward`);
  const explorer = new TracePage(page);
  await explorer.ready();
  await expect(explorer.summary).toContainText('6,000 downstream units');
  await expect(page.getByText('Wide trace: 6,001 units. Shown here: the first 5,000, level by level.')).toBeVisible();
  await expect(page.getByText(`level 1: 6,000 × ${part}`)).toBeVisible();
  await app.screenshot('07-trace-wide-summary');

  const download = await explorer.exportCsv();
  const csv = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r\n/);
  expect(lines).toHaveLength(1 + 6001);
  expect(new Set(lines.slice(1).map((l) => l.split(',')[5])).size).toBe(6001);
  expect(lines.filter((l) => l.startsWith(`serial,1,${part},`))).toHaveLength(6000);
});
