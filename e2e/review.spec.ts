// Review by exception: QA opens the review queue, opens a lot's batch record (the PDF drawn inline beside its
// exceptions), signs it as reviewed and releases the lot with a signature; an operator opening a record is refused the
// release with the role named. Each test makes its own lot (the two viewports share one demo database).
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { callApi, demoPassword } from './api';
import { AppFrame } from './pages/AppFrame';
import { RecordPage, ReviewQueuePage } from './pages/RecordPage';

/** A housing lot moulded from released resin by the operator, now in quarantine awaiting review. */
async function freshLot(request: APIRequestContext): Promise<{ ref: string; workOrder: string }> {
  const resin = (await callApi(request, 'lots.list', { item: 'RES-PC', status: 'released' })).find((l) => Number(l.onHand) >= 1);
  if (!resin) throw new Error('The demo plant has no released resin with stock');
  const number = `WO-RV-${Date.now().toString(36).toUpperCase()}`;
  await callApi(request, 'workOrders.create', { number, part: 'HOUSING-PX', quantity: 2, line: 'LINE-1' });
  await callApi(request, 'workOrders.consume', { workOrder: number, ref: resin.ref, quantity: '0.7' });
  const made = await callApi(request, 'workOrders.produce', { workOrder: number, quantity: 2 });
  const ref = made.outputs[0]?.ref;
  if (!ref) throw new Error(`${number} made no lot`);
  return { ref, workOrder: number };
}

test('QA reviews a batch record by exception, signs it and releases the lot', async ({ page, request }, testInfo) => {
  // Three sign-ins and two signatures at OWASP scrypt cost, and the record drawn three times (it is drawn again after each
  // signature, to show it): on a loaded machine this is near the default minute.
  test.setTimeout(120_000);
  const lot = await freshLot(request);
  const app = new AppFrame(page, testInfo);
  await app.open('#/review?item=HOUSING-PX', 'qa1');
  await app.ready('review');
  const queue = new ReviewQueuePage(page);
  const row = queue.row(lot.ref);
  await expect(row).toContainText('2 Step not verified');
  await expect(row).toContainText('Quarantine');
  await app.screenshot('120-review-queue');

  await queue.open(lot.ref);
  await app.ready('record');
  const record = new RecordPage(page);
  await record.expectPdfDrawn();
  const text = record.pdf.getByTestId('pdf-page-text').first();
  await expect(text).toContainText('Electronic batch record');
  await expect(text).toContainText(lot.workOrder);
  expect(await record.firstPageInked()).toBe(true);
  // The exceptions beside the PDF, each linked to the entry behind it.
  await expect(record.exceptions.getByTestId('exception')).toHaveCount(2);
  await expect(record.exceptions.getByTestId('exception-link').first()).toHaveText(/^Event \d+$/);
  await expect(record.signatures).toContainText('Not signed yet.');
  await app.screenshot('121-record-view');

  // A second person verifies a step the operator performed: it leaves the exceptions.
  await record.exceptions.getByTestId('exception-verify').first().click();
  await expect(page.getByRole('dialog')).toContainText('Component consumed (by op1)');
  await record.sign('qa1', demoPassword('qa1'));
  await expect(record.exceptions.getByTestId('exception')).toHaveCount(1);

  await record.signRecord('Reviewed', 'qa1', demoPassword('qa1'));
  await expect(record.signatures).toContainText('Quinn Archer (qa1)');
  await expect(record.signatures).toContainText('reviewed');
  await expect(record.signatures.getByTestId('signature-valid')).toHaveCount(1);

  await record.setStatus('Released', 'Batch record reviewed by exception (e2e)');
  await expect(page.getByRole('dialog')).toContainText(`Release of Lot`);
  // The session has signed once: the password alone now.
  await expect(page.getByRole('dialog').getByTestId('sign-user')).toHaveCount(0);
  await record.sign('qa1', demoPassword('qa1'));
  await expect(record.acceptedBanner).toContainText('is now released');
  await record.expectStatus('Released');
  // The review still holds: the release is its own signed record, not a change to the batch record.
  await expect(record.signatures.getByTestId('signature-valid')).toHaveCount(1);
  await expect(record.pdf).toHaveAttribute('data-ready', 'true');
  await app.screenshot('122-record-released');

  const detail = await callApi(request, 'units.get', { ref: lot.ref });
  expect(detail.unit.status).toBe('released');
  const queueNow = await callApi(request, 'review.queue', {});
  expect(queueNow.some((e) => e.ref === lot.ref)).toBe(false);
});

test('an operator opening a record is refused its release, with the QA role named', async ({ page, request }, testInfo) => {
  const lot = await freshLot(request);
  const app = new AppFrame(page, testInfo);
  await app.open(`#/review/${encodeURIComponent(lot.ref)}`, 'op1');
  await app.ready('record');
  const record = new RecordPage(page);
  await expect(record.exceptions).toContainText('Exceptions are listed for QA reviewers.');
  await record.setStatus('Released', 'Looks fine to me (e2e)');
  await expect(record.refusedBanner).toContainText('Releasing a lot needs the QA role; you are signed in as an operator');
  await record.expectStatus('Quarantine');
  await app.screenshot('123-record-release-refused-operator');
});
