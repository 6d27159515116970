// Recall records in the app, signed in as qa1: a sample taken on a lot's page, then a mock recall of the lot opened
// (signed), its drill report downloaded and read back with pdftotext (minutes against the 240-minute target, MET, the
// sample in the mass balance), and the drill in the history of its year; a recall of the controller boards in two
// shipped pumps narrowed by a serial-range rule with its signed rationale (listed on the page, finished pumps in scope
// 2 → 1), then a field action on pump A with the board that replaced its own, listed with who recorded it.
// Screenshots 125–130.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { callApi, demoPassword, receiveResinLot } from './api';
import { AppFrame } from './pages/AppFrame';
import { RecallPage } from './pages/RecallPage';

test('a sample counts as sampled in a mock recall whose drill report PDF says its minutes against the target; the drill is in its year’s history', async ({ page, request }, testInfo) => {
  const lot = await receiveResinLot(request, 'DRILL-', 40, testInfo);

  const app = new AppFrame(page, testInfo);
  // QC keeps a 0.5 kg retain of the lot, taken on its page: it leaves stock as sampled.
  await app.open(`#/unit/${encodeURIComponent(lot.ref)}`, 'qa1');
  await app.ready('unit');
  const sample = page.getByTestId('sample-form');
  await sample.getByTestId('sample-quantity').fill('0.5');
  await sample.getByTestId('sample-reason').fill('QC retain sample (e2e)');
  await sample.getByTestId('sample-take').click();
  await expect(sample.getByTestId('banner-accepted')).toContainText(`Sample of 0.5 kg taken from ${lot.ref}: 39.5 kg left on hand.`);
  await expect(page.getByTestId('on-hand')).toHaveText('39.5 kg');
  await expect(page.getByText('Sampled', { exact: true })).toBeVisible();
  await sample.scrollIntoViewIfNeeded();
  await app.screenshot('125-unit-sample-taken');
  await page.getByTestId('start-recall').click();
  await app.ready('recalls');
  const recall = new RecallPage(page);
  await recall.startDraft('Annual mock recall (e2e)', 'BRCGS traceability test from a resin lot', { refs: lot.ref, drill: true });
  await app.ready('recall');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Annual mock recall (e2e)');
  const number = (await page.getByRole('heading', { level: 1 }).innerText()).split(' ')[0] ?? '';
  expect(number).toMatch(/^RC-\d{4}-\d{3}$/);
  await recall.signStep('Open and contain', 'qa1', demoPassword('qa1'));
  await expect(recall.steps).toContainText('Draft → Open by qa1');
  // A drill holds nothing unless asked to.
  await expect(page.getByTestId('recall-holds')).toHaveText('Holds: 0 active, 0 lifted');

  // The drill report stops the timer; the PDF states the minutes, the 240-minute target and the verdict.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recall-report').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${number}.*\\.pdf$`));
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Mock recall report');
  expect(text).toMatch(/\d+\.\d\d minutes from opening to this complete impact and mass-balance report, against a target of 240 minutes: MET\./);
  // The mass balance of the lot: 40 kg = 39.5 in house + 0.5 sampled, nothing unexplained.
  const layout = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  expect(layout).toMatch(/RES-PC\s+1\s+40\s+0\s+0\s+0\s+39\.5\s+0\s+0\.5\s+0\s+0\s*$/m);
  await expect(page.getByTestId('recall-downloads').getByTestId('banner-accepted')).toContainText('min from opening to the complete report (target 240 min)');
  await app.screenshot('126-recall-drill-report');

  // The console's history lists the drill in the year it was opened, with its minutes and MET.
  await app.open('#/recalls', 'qa1');
  await app.ready('recalls');
  const year = page.getByTestId(`drill-year-${new Date().getFullYear()}`);
  const row = year.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText('Annual mock recall (e2e)');
  await expect(row).toContainText(/\d+\.\d\d of 240/);
  await expect(row.locator('[data-verdict="met"]')).toHaveText('MET');
  await year.scrollIntoViewIfNeeded();
  await app.screenshot('127-recall-drill-history');
});

test('a scope rule with its signed rationale narrows the scope and is listed; a field action shows its replacement', async ({ page, request }, testInfo) => {
  const shipped = await callApi(request, 'serials.list', { item: 'PUMP-PX2', status: 'shipped', limit: 2 });
  const [a, b] = shipped.map((u) => u.ref) as [string, string];
  if (!a || !b) throw new Error('The demo plant has fewer than two shipped pumps');
  const serialA = a.split('#')[1] ?? '';
  // The controller boards in pumps A and B (the suspect boards the recall starts from: a seed is never ruled out), and
  // a released board from stock to put in A's place.
  const boardOf = async (pump: string) => (await callApi(request, 'trace.backward', { ref: pump })).nodes.find((n) => n.item === 'CTRL-PX' && n.depth === 1)?.ref;
  const removed = await boardOf(a);
  const boardB = await boardOf(b);
  const spare = (await callApi(request, 'serials.list', { item: 'CTRL-PX', status: 'released', limit: 1 }))[0]?.ref;
  if (!removed || !boardB || !spare) throw new Error('No controller board to swap in the demo plant');

  const app = new AppFrame(page, testInfo);
  await app.open('#/recalls', 'qa1');
  await app.ready('recalls');
  const recall = new RecallPage(page);
  await recall.startDraft('Controller firmware fault (e2e)', 'Controller boards may reset under load', { refs: `${removed} ${boardB}` });
  await app.ready('recall');
  const totals = recall.scope.getByTestId('recall-scope-totals');
  await expect(totals).toContainText('4 lots and serials reached · 4 in scope · 2 finished');
  await expect(page.getByTestId('recall-rule-list')).toContainText('No rules: the scope is the whole forward trace of the seeds.');

  // Only pump A: the rule and its rationale are signed, listed, and the scope counts change.
  const rationale = `Only ${serialA} was built with the faulty firmware (build log ${testInfo.project.name})`;
  await recall.addRule({ mode: 'Only', kind: 'Serial range of a part', fields: { part: 'PUMP-PX2', from: serialA, to: serialA } }, rationale, 'qa1', demoPassword('qa1'));
  await expect(totals).toContainText('4 lots and serials reached · 3 in scope · 1 finished');
  const rules = page.getByTestId('recall-rule-list');
  await expect(rules).toContainText('Scope rules (1)');
  const rule = rules.getByRole('row').filter({ hasText: rationale });
  await expect(rule).toContainText('Only · Serial range of a part');
  await expect(rule).toContainText(`Only serials ${serialA} to ${serialA} of PUMP-PX2`);
  await expect(rule).toContainText('(approved)');
  await expect(rule).not.toContainText('no longer valid');
  await expect(rule).toContainText('qa1');
  await rules.scrollIntoViewIfNeeded();
  await app.screenshot('128-recall-rule-listed');

  await recall.signStep('Open and contain', 'qa1', demoPassword('qa1'));
  await expect(recall.steps).toContainText('Draft → Open by qa1');
  await expect(page.getByTestId('recall-field-action-list')).toContainText('No field action has been recorded on a serial yet.');
  await page.getByTestId('recall-field-action-list').scrollIntoViewIfNeeded();
  await app.screenshot('129-recall-open-no-field-action');

  // The board is swapped at the customer's site: the action is listed with the removed board and its replacement.
  await recall.fieldAction(a, 'Controller board replaced at the customer site', removed, spare);
  await expect(page.getByTestId('recall-field-action').getByTestId('banner-accepted')).toContainText(`Field action on ${a} recorded; ${spare} installed.`);
  const actions = page.getByTestId('recall-field-action-list');
  await expect(actions).toContainText('Field actions recorded (1)');
  const action = actions.getByRole('row').filter({ hasText: a });
  await expect(action).toContainText('Controller board replaced at the customer site');
  await expect(action).toContainText(removed);
  await expect(action).toContainText(spare);
  await expect(action).toContainText('qa1');
  // The genealogy shows both: the replacement is now an input of the pump.
  const after = await callApi(request, 'trace.backward', { ref: a });
  expect(after.nodes.map((n) => n.ref)).toContain(spare);
  await actions.scrollIntoViewIfNeeded();
  await app.screenshot('130-recall-field-action-listed');
});
