// The other screens load, show their data, and are photographed at both desk sizes.
import { expect, test } from '@playwright/test';
import { callApi } from './api';
import { AppFrame } from './pages/AppFrame';
import { AuditPage } from './pages/AuditPage';
import { TracePage } from './pages/TracePage';

test('the dashboard shows what needs attention', async ({ page, request }, testInfo) => {
  const summary = await callApi(request, 'dashboard.summary', {});
  const app = new AppFrame(page, testInfo);
  await app.open();
  const dashboard = await app.ready('dashboard');
  await expect(dashboard.getByTestId('count-Quarantine')).toContainText(summary.counts.quarantine.toLocaleString('en-US'));
  await expect(dashboard.getByTestId('count-On hold')).toContainText(summary.counts.onHold.toLocaleString('en-US'));
  await expect(dashboard.getByTestId('panel-quarantine')).toBeVisible();
  await expect(dashboard.getByTestId('panel-expiring')).toBeVisible();
  await expect(app.statusBar).toContainText('e2e.db');
  await app.screenshot('10-dashboard');
});

test('a scan opens its lot wherever focus is', async ({ page, request }, testInfo) => {
  const [lot] = await callApi(request, 'lots.list', { status: 'on_hold' });
  if (!lot) throw new Error('The demo plant has no lot on hold');
  const app = new AppFrame(page, testInfo);
  await app.open();
  await app.ready('dashboard');
  await app.wedgeScan([lot.ref]);
  await app.ready('unit');
  await expect(page.getByTestId('unit-code')).toHaveText(`Lot ${lot.lot}`);
  await expect(page.locator('[data-screen="unit"]')).toContainText('On hold');
  await app.screenshot('15-lot-on-hold-scanned');
});

test('the audit trail verifies its chain', async ({ page }, testInfo) => {
  const app = new AppFrame(page, testInfo);
  await app.open();
  await app.ready('dashboard');
  await app.navigateTo('Audit', 'audit');
  const audit = new AuditPage(page);
  await expect(audit.table.getByRole('row').nth(1)).toBeVisible();
  await audit.verifyChain();
  await expect(audit.verification).toHaveAttribute('data-state', 'ok');
  await expect(audit.verification).toContainText('the chain is intact');
  await app.screenshot('20-audit-verified');
  // What an event changed in lots and serials (stock booked in or out, a status) is in the event's row: the units rows
  // that are events show it.
  await audit.root.getByLabel('Entity', { exact: true }).fill('units');
  await audit.root.getByLabel('Action', { exact: true }).click();
  await page.getByRole('option', { name: 'Appended' }).click();
  const first = audit.table.getByRole('row').nth(1);
  await expect(first).toContainText(/events \d+/);
  await expect(first).toContainText(/units \d+ — \S/);
  await expect(first).toContainText(/qty_on_hand|status/);
  await app.screenshot('21-audit-stock-moves');
});

test('lots & serials list with filters, production and shipping screens', async ({ page, request }, testInfo) => {
  const app = new AppFrame(page, testInfo);
  await app.open();
  await app.ready('dashboard');

  const units = await app.navigateTo('Lots & serials', 'units');
  await expect(units.getByTestId('unit-table')).toBeVisible();
  await app.screenshot('30-lots');
  await units.getByText('Serials', { exact: true }).click();
  await app.ready('units');
  await expect(units.getByTestId('unit-table')).toContainText('S/N');
  await app.screenshot('31-serials');

  const production = await app.navigateTo('Production', 'production');
  await production.getByText('All', { exact: true }).click();
  await app.ready('production');
  const workOrders = await callApi(request, 'workOrders.list', {});
  await expect(production.getByTestId('work-order-table')).toContainText(workOrders[0]!.number);
  await app.screenshot('40-production');
  await production.getByRole('link', { name: workOrders[0]!.number, exact: true }).click();
  const workOrder = await app.ready('workOrder');
  await expect(workOrder.getByTestId('requirements-table')).toBeVisible();
  await app.screenshot('41-work-order');

  const shipping = await app.navigateTo('Shipping', 'shipping');
  const shipments = await callApi(request, 'shipments.list', {});
  await expect(shipping.getByTestId('shipment-table')).toContainText(shipments[0]!.number);
  await app.screenshot('50-shipping');
  await shipping.getByRole('link', { name: shipments[0]!.number, exact: true }).click();
  const shipment = await app.ready('shipment');
  await expect(shipment.getByTestId('shipment-lines')).toBeVisible();
  await app.screenshot('51-shipment');
});

test('a raw-material lot traced forward: the big graph stays readable', async ({ page, request }, testInfo) => {
  // The lot whose forward trace reaches the most units.
  const lots = await callApi(request, 'lots.list', { limit: 500 });
  let best = { ref: '', size: -1 };
  // The wide-trace test in trace.spec.ts adds CAP-E2E-* items (thousands of serials, no customer): not the demo's.
  for (const lot of lots.filter((l) => (l.status === 'consumed' || l.status === 'released') && !l.item.startsWith('CAP-E2E-'))) {
    const trace = await callApi(request, 'trace.forward', { ref: lot.ref });
    if (trace.nodes.length > best.size) best = { ref: lot.ref, size: trace.nodes.length };
  }
  const app = new AppFrame(page, testInfo);
  await app.open(`#/trace/${encodeURIComponent(best.ref)}?dir=forward`);
  const explorer = new TracePage(page);
  await explorer.ready();
  await expect(explorer.nodes('customer').first()).toBeVisible();
  await app.screenshot('60-trace-forward-large');

  // A folded group lists its members in the side panel and opens on demand.
  const group = explorer.nodes('group').filter({ hasText: 'serials of' }).first();
  const members = Number(await group.getAttribute('data-members'));
  expect(members).toBeGreaterThan(1);
  await group.click();
  const details = page.getByTestId('trace-node-details');
  await expect(details).toContainText(`${members} serials at level`);
  await app.screenshot('61-trace-group-panel');
  const unitsBefore = await explorer.nodes('unit').count();
  await details.getByTestId('expand-group').click();
  await explorer.ready();
  await expect(explorer.nodes('unit')).toHaveCount(unitsBefore + members);
  await app.screenshot('62-trace-group-expanded');
});
