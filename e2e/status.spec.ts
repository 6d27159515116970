// QA decisions: release a lot from quarantine with the sign dialog, with the reason, and see the answer at once; an
// operator is refused a release with the role named.
import { expect, test } from '@playwright/test';
import { callApi, demoPassword } from './api';
import { AppFrame } from './pages/AppFrame';
import { UnitPage } from './pages/UnitPage';

test('QA releases a quarantined lot by signing it: the green banner, the new status and a valid signature', async ({
  page,
  request,
}, testInfo) => {
  const [lot] = await callApi(request, 'lots.list', { status: 'quarantine' });
  if (!lot) throw new Error('The demo plant has no lot in quarantine');
  const app = new AppFrame(page, testInfo);
  await app.open(`#/unit/${encodeURIComponent(lot.ref)}`, 'qa1');
  await app.ready('unit');
  const unit = new UnitPage(page);
  await unit.expectStatus('Quarantine');
  await app.screenshot('70-lot-quarantine');

  await unit.setStatus('Released', 'CoA reviewed, incoming inspection passed (e2e)');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Release of Lot ${lot.lot} of ${lot.item}`);
  await expect(dialog.getByTestId('sign-record')).toContainText('CoA reviewed, incoming inspection passed (e2e)');
  await expect(dialog.getByTestId('sign-statement')).toContainText('Quinn Archer');
  // A wrong password is refused in the dialog, which stays open; nothing changes.
  await unit.sign('qa1', 'not-the-password');
  await expect(dialog.getByTestId('sign-error')).toContainText('The user ID or password is wrong');
  await app.screenshot('73-sign-dialog-refused');
  await unit.sign('qa1', demoPassword('qa1'));
  await expect(unit.acceptedBanner).toBeVisible();
  await expect(unit.acceptedBanner).toContainText(`Lot ${lot.lot} is now released`);
  await unit.expectStatus('Released');
  await expect(unit.root.getByTestId('status-history')).toContainText('CoA reviewed, incoming inspection passed (e2e)');
  await app.screenshot('71-lot-released');

  const detail = await callApi(request, 'units.get', { ref: lot.ref });
  const decision = detail.events.filter((e) => e.statusTo === 'released').at(-1);
  const signed = await callApi(request, 'signatures.list', { record: { kind: 'lot-decision', id: String(decision?.id) } });
  expect(signed.signatures).toMatchObject([{ meaning: 'released', username: 'qa1', printedName: 'Quinn Archer', valid: true }]);
});

test('an operator is refused a release, with the role it needs named', async ({ page, request }, testInfo) => {
  const [lot] = await callApi(request, 'lots.list', { status: 'quarantine' });
  if (!lot) throw new Error('The demo plant has no lot in quarantine');
  const app = new AppFrame(page, testInfo);
  await app.open(`#/unit/${encodeURIComponent(lot.ref)}`, 'op1');
  await app.ready('unit');
  const unit = new UnitPage(page);
  await unit.setStatus('Released', 'Looks fine to me (e2e)');
  await expect(unit.refusedBanner).toContainText('Releasing a lot needs the QA role; you are signed in as an operator');
  await unit.expectStatus('Quarantine');
  await app.screenshot('74-release-refused-operator');
});

test('a refused status change says why in a red banner; a missing reason is caught first', async ({ page, request }, testInfo) => {
  const [serial] = await callApi(request, 'serials.list', { status: 'shipped', limit: 1 });
  if (!serial) throw new Error('The demo plant has no shipped serial');
  const app = new AppFrame(page, testInfo);
  await app.open(`#/unit/${encodeURIComponent(serial.ref)}`, 'qa1');
  await app.ready('unit');
  const unit = new UnitPage(page);

  await unit.setStatus('Released', 'x');
  await expect(unit.root.getByTestId('status-change-form')).toContainText('Say why');
  await expect(unit.refusedBanner).toHaveCount(0);

  await unit.setStatus('Released', 'Trying to release a shipped unit (e2e)');
  await unit.sign('qa1', demoPassword('qa1'));
  await expect(unit.refusedBanner).toBeVisible();
  // The api's own words, shown as they are.
  await expect(unit.refusedBanner).toContainText(serial.serial!);
  await expect(unit.refusedBanner).toContainText('shipped');
  await unit.expectStatus('Shipped');
  await app.screenshot('72-status-refused');
});
