// A campaign page whose figures are still being worked out (a wide recall takes seconds): its customers, responses
// and mass balance say what is being counted, never "Nothing in scope has shipped." or "0 lots" before they know.
// The three answers are held back in the browser until the page has been checked, then let through. Screenshot 131.
import { expect, test } from '@playwright/test';
import { callApi, receiveResinLot } from './api';
import { AppFrame } from './pages/AppFrame';

test('while its impact, responses and mass balance are counted, a campaign page says so instead of showing none', async ({ page, request }, testInfo) => {
  const lot = await receiveResinLot(request, 'PENDING-', 12, testInfo);
  await callApi(request, 'units.setStatus', { ref: lot.ref, status: 'released', reason: 'Incoming inspection passed (e2e)' });
  await callApi(request, 'shipments.ship', { customer: 'CLINICA', shipTo: 'CSR-MADRID', lines: [{ ref: lot.ref, quantity: 5 }] });
  const campaign = await callApi(request, 'recalls.create', {
    kind: 'recall',
    title: 'Held-back figures (e2e)',
    reason: 'The page while its figures are counted',
    classification: 'Class II',
    seeds: { refs: [lot.ref] },
  });

  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  for (const command of ['recalls.impact', 'recalls.tracking', 'recalls.massBalance'])
    await page.route(`**/api/${command}`, async (route) => {
      await held;
      await route.continue();
    });

  const app = new AppFrame(page, testInfo);
  await app.open(`#/recalls/${encodeURIComponent(campaign.number)}`, 'qa1');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Held-back figures (e2e)');
  const customers = page.getByTestId('recall-customers');
  await expect(customers.getByTestId('recall-customers-table-pending')).toHaveText('Working out which customers received what is in scope…');
  await expect(customers).not.toContainText('Nothing in scope has shipped.');
  await expect(page.getByTestId('recall-tracking-pending')).toHaveText('Counting what each customer has accounted for…');
  await expect(page.getByTestId('recall-effectiveness')).toHaveText('Overall: counting…');
  const balance = page.getByTestId('recall-mass-balance');
  await expect(balance).toContainText('Mass balance (counting…)');
  await expect(balance.getByTestId('recall-mass-balance-table-pending')).toHaveText('Balancing every lot in scope…');
  await expect(page.locator('[data-screen="recall"]')).toHaveAttribute('data-ready', 'false');
  await customers.scrollIntoViewIfNeeded();
  await app.screenshot('131-recall-page-counting');

  release();
  await app.ready('recall');
  await expect(customers).toContainText('CLINICA — Clínica San Rafael');
  await expect(customers.getByTestId('recall-customers-table-pending')).toHaveCount(0);
  await expect(page.getByTestId('recall-effectiveness')).toHaveText('Overall: 0 of 5 accounted — 0.0 %');
  await expect(balance).toContainText('Mass balance (1 lot, 0 unexplained)');
  await expect(balance.getByTestId('recall-mass-balance-table-pending')).toHaveCount(0);
});
