// A recall in the app, signed in as qa1: a resin lot received and partly shipped for the test is recalled from its
// own address (#/recalls?ref=…), the scope graph and the customer show, opening is signed and holds what is in house,
// a customer's response is recorded with its effectiveness, and the campaign is moved to monitoring and closed, each
// step signed. Screenshots 120–124.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { callApi, demoPassword, receiveResinLot } from './api';
import { AppFrame } from './pages/AppFrame';
import { RecallPage } from './pages/RecallPage';

test('open a recall from a lot, see its scope and customer, record a response, close it with signatures', async ({ page, request }, testInfo) => {
  const lot = await receiveResinLot(request, 'RECALL-', 25, testInfo);
  await callApi(request, 'units.setStatus', { ref: lot.ref, status: 'released', reason: 'Incoming inspection passed (e2e)' });
  const shipment = await callApi(request, 'shipments.ship', { customer: 'CLINICA', shipTo: 'CSR-MADRID', lines: [{ ref: lot.ref, quantity: 10 }] });

  const app = new AppFrame(page, testInfo);
  // QA starts the recall from the suspect lot's page.
  await app.open(`#/unit/${encodeURIComponent(lot.ref)}`, 'qa1');
  await app.ready('unit');
  await page.getByTestId('start-recall').click();
  await app.ready('recalls');
  const recall = new RecallPage(page);
  await expect(page.getByTestId('recall-refs')).toHaveValue(lot.ref);
  await app.screenshot('120-recalls');
  await recall.startDraft('Resin lot with black specks (e2e)', 'Supplier notice: black specks found in the retained sample');
  await app.ready('recall');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Resin lot with black specks (e2e)');

  // The scope: the lot, its shipment and its customer, drawn by the trace explorer's graph.
  await expect(recall.scope.getByTestId('recall-scope-totals')).toContainText('1 lot or serial reached · 1 in scope');
  await expect(recall.scope.getByTestId('recall-scope-totals')).toContainText('1 shipment line to 1 customer');
  await expect(recall.scope.locator('.react-flow__node')).toHaveCount(3);
  await expect(recall.customers).toContainText('CLINICA — Clínica San Rafael');
  await expect(recall.customers).toContainText(shipment.number);
  await app.screenshot('121-recall-draft-scope');

  // Opening is signed; the 15 kg still in house is held with the campaign as reason.
  await recall.signStep('Open and contain', 'qa1', demoPassword('qa1'));
  await expect(page.getByTestId('recall-holds')).toHaveText('Holds: 1 active, 0 lifted');
  await expect(recall.steps).toContainText('Draft → Open by qa1');
  const unit = await callApi(request, 'units.get', { ref: lot.ref });
  expect(unit.unit.statusReason).toMatch(/^held by recall RC-\d{4}-\d{3} \(Supplier notice/);

  // The notification letter of the customer is a PDF naming the lot; the consignee sheet lists the shipment.
  const [letter] = await Promise.all([page.waitForEvent('download'), recall.customers.getByTestId('recall-letter-CLINICA').click()]);
  expect(letter.suggestedFilename()).toMatch(/^RC-\d{4}-\d{3}-CLINICA\.pdf$/);
  const letterPath = await letter.path();
  expect(readFileSync(letterPath).subarray(0, 5).toString()).toBe('%PDF-');
  const [part, lotNumber] = lot.ref.split(':') as [string, string];
  expect(execFileSync('pdftotext', ['-layout', letterPath, '-'], { encoding: 'utf8' })).toMatch(new RegExp(`${shipment.number}\\s.*\\s${part}\\s.*\\s${lotNumber}\\s+10 kg`));
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recall-consignees-csv').click()]);
  expect(readFileSync(await sheet.path(), 'utf8')).toContain(shipment.number);

  // The customer returns what it received: 10 of 10 accounted.
  await recall.respond('10');
  await expect(page.getByTestId('recall-response-form').getByTestId('banner-accepted')).toContainText('CLINICA: 10 of 10 accounted (100.0 %)');
  await expect(page.getByTestId('recall-effectiveness')).toHaveText('Overall: 10 of 10 accounted — 100.0 %');
  await expect(page.getByTestId('recall-mass-balance')).toContainText('0 unexplained');
  await app.screenshot('122-recall-response');

  // The 15 kg in house turns out to be from an unaffected drum: QA lifts the hold, signed, and the lot is released again.
  await recall.liftHold(lot.ref, 'Retained sample of this drum re-inspected: no specks', 'qa1', demoPassword('qa1'));
  await expect(page.getByTestId('recall-holds')).toHaveText('Holds: 0 active, 1 lifted');
  expect((await callApi(request, 'units.get', { ref: lot.ref })).unit.status).toBe('released');

  await recall.signStep('Move to monitoring', 'qa1', demoPassword('qa1'));
  await expect(recall.steps).toContainText('Open → Monitoring by qa1');
  await app.screenshot('123-recall-monitoring');
  await recall.signStep('Close', 'qa1', demoPassword('qa1'));
  await expect(page.getByTestId('recall-status')).toHaveText('Closed');
  await expect(recall.steps).toContainText('Monitoring → Closed by qa1');
  await expect(recall.steps).not.toContainText('no longer valid');
  await app.screenshot('124-recall-closed');
});
