// A QA decision: release a lot from quarantine, with the reason, and see the answer at once.
import { expect, test } from '@playwright/test';
import { callApi } from './api';
import { AppFrame } from './pages/AppFrame';
import { UnitPage } from './pages/UnitPage';

test('releasing a quarantined lot shows the green banner and the new status', async ({ page, request }, testInfo) => {
  const [lot] = await callApi(request, 'lots.list', { status: 'quarantine' });
  if (!lot) throw new Error('The demo plant has no lot in quarantine');
  const app = new AppFrame(page, testInfo);
  await app.open(`#/unit/${encodeURIComponent(lot.ref)}`);
  await app.ready('unit');
  const unit = new UnitPage(page);
  await unit.expectStatus('Quarantine');
  await app.screenshot('70-lot-quarantine');

  await unit.setStatus('Released', 'CoA reviewed, incoming inspection passed (e2e)');
  await expect(unit.acceptedBanner).toBeVisible();
  await expect(unit.acceptedBanner).toContainText(`Lot ${lot.lot} is now released`);
  await unit.expectStatus('Released');
  await expect(unit.root.getByTestId('status-history')).toContainText('CoA reviewed, incoming inspection passed (e2e)');
  await app.screenshot('71-lot-released');
});

test('a refused status change says why in a red banner; a missing reason is caught first', async ({ page, request }, testInfo) => {
  const [serial] = await callApi(request, 'serials.list', { status: 'shipped', limit: 1 });
  if (!serial) throw new Error('The demo plant has no shipped serial');
  const app = new AppFrame(page, testInfo);
  await app.open(`#/unit/${encodeURIComponent(serial.ref)}`);
  await app.ready('unit');
  const unit = new UnitPage(page);

  await unit.setStatus('Released', 'x');
  await expect(unit.root.getByTestId('status-change-form')).toContainText('Say why');
  await expect(unit.refusedBanner).toHaveCount(0);

  await unit.setStatus('Released', 'Trying to release a shipped unit (e2e)');
  await expect(unit.refusedBanner).toBeVisible();
  // The api's own words, shown as they are.
  await expect(unit.refusedBanner).toContainText(serial.serial!);
  await expect(unit.refusedBanner).toContainText('shipped');
  await unit.expectStatus('Shipped');
  await app.screenshot('72-status-refused');
});
