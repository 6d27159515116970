// Quality records in the app: a resin lot received for the test gets its results entered against the spec in force
// (one out of spec, shown in red with the nonconformance it opened, then corrected: struck through with the reason),
// its signed release is refused while the NC is open, a supplier CoA is attached and downloaded byte-exact, the NC is closed
// from the Quality screen and the lot released; a new spec version is written and approved by QA's signature. Signed in as qa1.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoPassword, receiveResinLot } from './api';
import { AppFrame } from './pages/AppFrame';
import { CertificatesPanel, QualityPage, UnitTestsPanel } from './pages/QualityPage';
import { UnitPage } from './pages/UnitPage';

test('results against spec, an OOS with its NC, a correction, a certificate, release after the NC is closed', async ({ page, request }, testInfo) => {
  const lot = await receiveResinLot(request, '', 25, testInfo);
  const app = new AppFrame(page, testInfo);
  await app.open(`#/unit/${encodeURIComponent(lot.ref)}`, 'qa1');
  await app.ready('unit');
  const unit = new UnitPage(page);
  const tests = new UnitTestsPanel(page);
  await expect(tests.root.getByTestId('unit-tests-spec')).toContainText('Judged against the RES-PC spec in force');

  // In spec: the preview says Pass before it is recorded.
  await tests.enter('Melt flow index', '12.4', 'MFI-01');
  await expect(tests.form.getByTestId('outcome-badge')).toHaveText('Pass');
  await tests.record();
  await expect(tests.root.getByTestId('banner-accepted')).toContainText('Melt flow index 12.4 g/10 min is in spec');
  await expect(tests.row('Melt flow index').getByTestId('outcome-badge')).toHaveText('Pass');

  // Out of spec: previewed, recorded, shown in red with the NC it opened.
  await tests.enter('Moisture', '0.05', 'KF-02');
  await expect(tests.form).toContainText('Out of spec: recording it opens a nonconformance.');
  await tests.record();
  const attention = tests.root.getByTestId('banner-attention');
  await expect(attention).toContainText('Moisture 0.05 % is out of spec (≤ 0.02 %)');
  const oosRow = tests.row('0.05 %');
  await expect(oosRow.getByTestId('outcome-badge')).toHaveText('OOS');
  await expect(oosRow.getByTestId('outcome-badge')).toHaveAttribute('data-outcome', 'fail');
  const ncNumber = ((await oosRow.getByTestId('result-nc').textContent()) ?? '').split(' ')[0] ?? '';
  expect(ncNumber).toMatch(/^NC-\d{4}$/);
  await app.screenshot('100-lot-tests-oos');

  // A correction keeps both: the first struck through, the new one with its reason.
  await tests.correct('0.05 %', '0.015', 'Transcription error: sample weight entered as moisture (e2e)');
  await expect(tests.root.getByTestId('banner-accepted')).toContainText('Correction recorded: Moisture 0.015 % is in spec');
  await expect(tests.rows.locator('[data-superseded]')).toHaveText('0.05 %');
  await expect(tests.row('0.015 %').getByTestId('correction-reason')).toContainText('Transcription error: sample weight entered as moisture (e2e)');
  await app.screenshot('101-lot-tests-corrected');

  // The NC stays open until QA closes it: the signed release is refused and says which NC.
  await unit.setStatus('Released', 'Incoming inspection passed (e2e)');
  await unit.sign('qa1', demoPassword('qa1'));
  // A refusal that is not about the signature closes the dialog and shows on the page.
  const refusal = page.getByTestId('banner-refused').or(page.getByTestId('sign-error')).filter({ hasText: 'open nonconformance' });
  await expect(refusal).toContainText(`Lot ${lot.lot} of RES-PC has an open nonconformance ${ncNumber} (OOS Moisture): close it first`);
  await app.screenshot('102-lot-release-refused-open-nc');
  // Shown in the dialog, it is cancelled; shown on the page, the dialog is closing (it may still be seen fading: clicking
  // its Cancel then would wait for a button that goes away).
  if (await page.getByTestId('sign-error').filter({ hasText: 'open nonconformance' }).isVisible()) await page.getByTestId('sign-cancel').click();
  await expect(page.getByTestId('sign-cancel')).toBeHidden();
  await unit.expectStatus('Quarantine');

  // The supplier's CoA, attached by choosing the file, downloaded byte-exact.
  const certificates = new CertificatesPanel(page);
  const coa = Buffer.concat([Buffer.from('%PDF-1.7\n% e2e CoA\n'), Buffer.from([0, 1, 2, 250, 251, 252, 13, 10])]);
  await certificates.attach({ name: 'CoA-polymerix-e2e.pdf', mimeType: 'application/pdf', buffer: coa }, 'CoA');
  await expect(certificates.root.getByTestId('banner-accepted')).toContainText(createHash('sha256').update(coa).digest('hex'));
  await expect(certificates.rows.filter({ hasText: 'CoA-polymerix-e2e.pdf' })).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), certificates.rows.filter({ hasText: 'CoA-polymerix-e2e.pdf' }).getByTestId('certificate-download').click()]);
  expect(download.suggestedFilename()).toBe('CoA-polymerix-e2e.pdf');
  expect(readFileSync(await download.path()).equals(coa)).toBe(true);
  await app.screenshot('103-lot-certificates');

  // The NC link opens the Quality screen with its investigation; closing it needs root cause and disposition.
  await oosRow.getByTestId('result-nc').click();
  await app.ready('quality');
  const quality = new QualityPage(page);
  await expect(quality.investigation).toHaveAttribute('data-nc', ncNumber);
  await expect(quality.investigation.getByTestId('nc-close')).toBeDisabled();
  await app.screenshot('104-quality-nc-investigation');
  await quality.closeNc('Sample weight typed into the moisture field; balance and KF titrator agree on re-check.', 'Use as is');
  await quality.expectBanner('accepted', `${ncNumber} closed`);

  // Released now (signed), with the green answer.
  await app.open(`#/unit/${encodeURIComponent(lot.ref)}`, 'qa1');
  await app.ready('unit');
  await unit.setStatus('Released', `${ncNumber} closed; results in spec (e2e)`);
  await unit.sign('qa1', demoPassword('qa1'));
  await expect(page.getByTestId('banner-accepted').filter({ hasText: 'is now released' })).toBeVisible();
  await unit.expectStatus('Released');
});

test('the Quality screen lists specs and open NCs; a new spec version is written and approved', async ({ page }, testInfo) => {
  const app = new AppFrame(page, testInfo);
  await app.open('', 'qa1');
  await app.ready('dashboard');
  await app.navigateTo('Quality', 'quality');
  const quality = new QualityPage(page);
  // The demo's open NC: the resin lot held for a CoA without its melt flow index.
  await expect(quality.ncTable.locator('tbody tr').filter({ hasText: 'CoA without melt flow index' })).toHaveCount(1);
  for (const part of ['PUMP-PX2', 'RES-PC', 'SET-IV2']) await expect(quality.itemSpecs(part)).toBeVisible();
  await app.screenshot('105-quality-screen');

  const set = quality.itemSpecs('SET-IV2');
  const versions = await set.getByTestId('spec-versions').locator('tbody tr').count();
  await set.getByTestId('spec-new-version').click();
  const editor = quality.specs.getByTestId('spec-editor');
  await expect(editor.getByTestId('spec-characteristic')).toHaveCount(3);
  await expect(editor.getByTestId('spec-name').first()).toHaveValue('Length');
  await editor.getByTestId('spec-note').fill(`Tighter length after ECO (e2e ${testInfo.project.name})`);
  await editor.getByTestId('spec-lower').first().fill('1992');
  await editor.getByTestId('spec-upper').first().fill('2008');
  await app.screenshot('106-quality-spec-editor');
  await editor.getByTestId('spec-save').click();
  await quality.expectBanner('accepted', `SET-IV2 spec version ${versions + 1} saved as a draft`);
  const draft = set.getByTestId('spec-versions').locator('tbody tr').first();
  await expect(draft.getByTestId('spec-state')).toHaveText('Draft');

  // Approval is QA's signature with the meaning approved, over exactly this version.
  await draft.getByTestId('spec-approve').click();
  await expect(page.getByTestId('sign-dialog')).toContainText(`Approval of the SET-IV2 test specification, version ${versions + 1}`);
  await app.screenshot('107-quality-spec-sign');
  await new UnitPage(page).sign('qa1', demoPassword('qa1'));
  await quality.expectBanner('accepted', `SET-IV2 spec version ${versions + 1} approved`);
  await expect(draft.getByTestId('spec-state')).toHaveText('In force');
  await app.screenshot('108-quality-spec-approved');
});
