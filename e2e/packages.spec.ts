// Audit packages through the screen: QA picks a shipped IV set lot, sees what the package will hold and its size,
// writes it signed with the progress bar, verifies it and downloads it. Then the package is unpacked and its index.html opened in
// Chromium from the file system, as an auditor would: it states the scope, and every link resolves to a file in it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { callApi } from './api';
import { AppFrame } from './pages/AppFrame';
import { signInDialog } from './pages/SignDialog';
import { E2E_PORT } from './session';

const TMP = resolve('e2e', '.tmp', String(E2E_PORT));


test('QA exports an audit package of a lot, verifies it, and the auditor opens index.html offline', async ({ page }, testInfo) => {
  let lot = '';
  for (const s of await callApi(page.request, 'shipments.list', {})) {
    lot = (await callApi(page.request, 'shipments.get', { number: s.number })).lines.find((l) => l.part === 'SET-IV2' && l.type === 'lot')?.ref ?? '';
    if (lot) break;
  }
  expect(lot).not.toBe('');

  const app = new AppFrame(page, testInfo);
  await app.open('', 'qa1');
  await app.ready('dashboard');
  const screen = await app.navigateTo('Audit packages', 'packages');
  await screen.getByTestId('scope-ref').fill(lot);
  await screen.getByTestId('package-preview-button').click();
  const preview = screen.getByTestId('package-preview');
  await expect(preview.getByTestId('package-preview-title')).toContainText('with its backward and forward trace');
  await expect(preview.getByTestId('package-estimate')).toContainText('before compression');
  await app.screenshot('120-package-preview');

  const file = join(TMP, `package-${testInfo.project.name}.zip`);
  rmSync(file, { force: true });
  await preview.getByTestId('package-file').fill(file);
  // Signed: the sign dialog shows what is signed; the package is written once the password is given.
  await preview.getByTestId('package-sign').check();
  await preview.getByTestId('package-export-button').click();
  await expect(page.getByRole('dialog').getByTestId('sign-record')).toContainText('manifest.json');
  await page.getByRole('dialog').getByRole('combobox', { name: /Meaning of this signature/ }).click();
  await page.getByRole('option', { name: 'Approved', exact: true }).click();
  await app.screenshot('120b-package-sign-dialog');
  await signInDialog(page, 'qa1', 'demo-qa1-pw');
  const result = screen.getByTestId('package-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(result.getByTestId('package-result-file')).toHaveText(file);
  await expect(result.getByTestId('package-signed')).toContainText('(qa1) as approved');
  await app.screenshot('121-package-written');
  await result.getByTestId('package-verify').click();
  await expect(result.getByTestId('package-verified')).toBeVisible();
  await expect(result.getByTestId('package-signature-verified')).toContainText('its signature record in the database is valid');
  await app.screenshot('122-package-verified');

  // Over the web host the zip is on the host's disk: the browser downloads it, and the download is what the auditor gets.
  const downloading = page.waitForEvent('download');
  await result.getByTestId('package-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`package-${testInfo.project.name}.zip`);
  const downloaded = join(TMP, `downloaded-${testInfo.project.name}.zip`);
  await download.saveAs(downloaded);
  const folder = join(TMP, `package-${testInfo.project.name}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  execFileSync('unzip', ['-q', downloaded, '-d', folder]);
  const sums = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: folder, encoding: 'utf8' });
  expect(sums.status, sums.stdout + sums.stderr).toBe(0);
  expect(sums.stdout).toContain('manifest.json: OK');
  const index = pathToFileURL(join(folder, 'index.html')).href;
  await page.goto(index);
  await expect(page.locator('#scope')).toContainText(`${lot.split(':')[1]} of ${lot.split(':')[0]} with its backward and forward trace`);
  await expect(page.locator('#exported-by')).toContainText('qa1');
  await expect(page.locator('#signature')).toContainText('manifest.json signed by');
  const hrefs = (await page.locator('a[href]').evaluateAll((links: { getAttribute(name: string): string | null }[]) => links.map((a) => a.getAttribute('href') ?? ''))).map((h) => new URL(h, index).href);
  expect(hrefs.length).toBeGreaterThan(30);
  for (const href of hrefs) {
    expect(href.startsWith('file://'), href).toBe(true);
    expect(existsSync(fileURLToPath(href)), href).toBe(true);
  }
  // Every file of the package is linked from the page (the manifest files included).
  const linked = new Set(hrefs.map((h) => fileURLToPath(h)));
  const listed = execFileSync('unzip', ['-Z1', downloaded], { encoding: 'utf8' }).trim().split('\n');
  for (const name of listed) if (name !== 'index.html') expect(linked.has(join(folder, name)), name).toBe(true);
  await page.screenshot({ path: `e2e/artifacts/${testInfo.project.name}/123-package-index.png`, fullPage: true });
});
