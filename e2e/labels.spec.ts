// The Labels screen end to end: the udi label of a demo serial previewed (an image drawn from its ZPL), the template
// edited with the preview following and a broken edit explained, saved with a reason, and printed to a loopback
// TCP 9100 printer started here (answering ~HS) until the job reads "printed" and the printer holds exactly the ZPL.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { tcpPrinter } from '../main/devices/printers/fake-printer.test-support';
import type { FakeZebra } from '../main/devices/printers/fake-printer.test-support';
import { callApi } from './api';
import { AppFrame } from './pages/AppFrame';
import { LabelsPage } from './pages/LabelsPage';
import { StationPage } from './pages/StationPage';

/** What the printer received (without the ~HS queries) as the UTF-8 text it was sent as (ZPL ^CI28). */
const printedText = (zebra: FakeZebra): string => Buffer.from(zebra.labels, 'latin1').toString('utf8');

/** A serial the udi template can label (its item has a GTIN) that no run has printed: made for this run. */
async function unprintedSerial(request: APIRequestContext): Promise<string> {
  const wo = await callApi(request, 'workOrders.create', { part: 'PUMP-PX2', quantity: 1 });
  const made = await callApi(request, 'workOrders.produce', { workOrder: wo.number, serials: 1 });
  const serial = made.outputs[0];
  if (!serial) throw new Error(`Work order ${wo.number} made no serial`);
  return serial.ref;
}

test('preview a udi label, edit and save the template, print it to a loopback printer', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const printer = await tcpPrinter();
  try {
    // Each run starts from the shipped template (the other viewport's run may have saved an edit).
    const udi = await callApi(request, 'labels.template', { name: 'udi' });
    if (udi.source === 'edited')
      await callApi(request, 'labels.revertTemplate', { name: 'udi', reason: 'e2e: start from the shipped template' });
    const serial = await unprintedSerial(request);
    const app = new AppFrame(page, testInfo);
    const labels = new LabelsPage(page);

    await app.open('#/labels/udi');
    await labels.ready();
    await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Labels' })).toBeVisible();
    await expect(page.getByTestId('label-template-udi')).toHaveAttribute('aria-current', 'true');

    // Preview: the PNG of exactly the ZPL shown under it.
    await labels.ref.fill(serial);
    const shipped = await labels.expectNewPreview();
    const shippedZpl = await labels.zplText();
    expect(shippedZpl).toMatch(/^\^XA/);
    expect(shippedZpl).toContain(`REF ${serial.split('#')[0] ?? ''}`);
    await page.getByTestId('label-preview-panel').scrollIntoViewIfNeeded();
    await app.screenshot('90-labels-preview');

    // Edit: the preview follows the text; a broken edit is explained at its place, and the preview waits.
    await page.getByTestId('template-edit').click();
    const text = await labels.editor.inputValue();
    const edited = text.replace('"REF {{item.part}}"', '"CAT {{item.part}}"');
    expect(edited).not.toBe(text);
    await labels.editor.fill(edited);
    const afterEdit = await labels.expectNewPreview(shipped);
    expect(afterEdit).not.toBe(shipped);
    expect(await labels.zplText()).toContain(`CAT ${serial.split('#')[0] ?? ''}`);

    await labels.editor.fill(edited.replace('"x": 3,', '"x": "left",'));
    await expect(labels.issues).toBeVisible();
    await expect(labels.issues).toContainText('elements.0.x');
    await expect(labels.issues).toContainText('expected number');
    await expect(page.getByTestId('template-save')).toBeDisabled();
    await labels.issues.scrollIntoViewIfNeeded();
    await app.screenshot('91-labels-edit-refused');
    await labels.editor.fill(`${edited}}`);
    await expect(page.getByTestId('template-json-error')).toContainText('Not JSON');

    // Save with a reason: the template is "edited" now and labels are rendered from it.
    await labels.editor.fill(edited);
    await expect(labels.issues).toHaveCount(0);
    await page.getByTestId('template-reason').fill('e2e: catalogue number printed as CAT');
    await page.getByTestId('template-save').click();
    await expect(page.getByTestId('template-saved')).toContainText(/Template udi saved as version \d+/);
    await expect(page.getByTestId('template-source')).toContainText('Edited');
    await expect(page.getByTestId('label-template-udi').getByTestId('label-template-source')).toContainText('Edited');
    await expect(page.getByTestId('template-history')).toContainText('e2e: catalogue number printed as CAT');

    // Print: a printer added by its address, then the job followed until the printer confirms it.
    const address = `tcp://127.0.0.1:${printer.port}`;
    const name = `E2E ${printer.port}`;
    await page.getByTestId('printer-select-add').click();
    await page.getByTestId('add-printer-name').fill(name);
    await page.getByTestId('add-printer-address').fill(address);
    await page.getByTestId('add-printer-save').click();
    await expect(page.getByTestId('printer-select')).toHaveValue(`${name} — ${address}`);
    await page.getByTestId('print-label').click();
    await expect(labels.printJob).toHaveAttribute('data-state', 'printed');
    await expect(labels.printJob).toContainText('Label printed');
    const zpl = await labels.zplText();
    expect(zpl).toContain('CAT ');
    expect(printedText(printer.printer)).toBe(zpl);
    expect(printer.printer.printed).toBe(1);
    const rendered = await callApi(request, 'labels.render', { template: 'udi', ref: serial, format: 'zpl' });
    expect(rendered.content).toBe(zpl);
    // The status bar shows the printer, asked after its job changed.
    await expect(page.getByTestId(`printer-${name}`)).toHaveAttribute('data-printer-state', 'ready');
    await labels.printJob.scrollIntoViewIfNeeded();
    await app.screenshot('92-labels-printed');

    // The same label again needs a reason; with one it prints as a reprint.
    await page.getByTestId('print-label').click();
    await expect(labels.printJob).toHaveAttribute('data-state', 'needs-reason');
    await page.getByTestId('print-job-reason').fill('e2e: first label smudged');
    await page.getByTestId('print-job-reprint').click();
    await expect(labels.printJob).toHaveAttribute('data-state', 'printed');
    await expect(labels.printJob).toContainText('Reprint printed');
    expect(printedText(printer.printer)).toBe(zpl + zpl);
  } finally {
    await printer.close();
  }
});

test('stations print: a serial assigned prints its udi label, a closed case its sscc label; without a printer the panel says so', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const printer = await tcpPrinter();
  try {
    const address = `tcp://127.0.0.1:${printer.port}`;
    const name = `E2E station ${printer.port}`;
    await callApi(request, 'printing.addPrinter', { name, address });
    const wo = await callApi(request, 'workOrders.create', { part: 'PUMP-PX2', quantity: 2, line: 'LINE-1' });
    const app = new AppFrame(page, testInfo);
    const station = new StationPage(page);
    const choosePrinter = async () => {
      await page.getByTestId('station-printer').click();
      await page.getByRole('option', { name: new RegExp(name) }).click();
    };
    const serialShown = async () =>
      (await page.getByTestId('station-serial').getByTestId('unit-code').textContent())?.replace(/^S\/N\s*/, '').trim() ?? '';

    // No printer yet: the serial is assigned all the same, and the panel says its label did not print.
    await app.open('#/station/serialise');
    await station.ready();
    await expect(page.getByTestId('station-print-panel')).toContainText('No label printer chosen');
    await station.expectScan();
    await app.wedgeScan([`WO:${wo.number}`]);
    await station.expectAnswer('applied', wo.number);
    await station.press('nextSerial');
    await station.expectAnswer('applied', 'assigned');
    const first = await serialShown();
    const entry = page.getByTestId('station-print').first();
    await expect(entry).toHaveAttribute('data-state', 'no-printer');
    await expect(page.getByTestId('station-print-now')).toBeDisabled();
    await app.screenshot('93-station-no-printer');

    // Printer chosen: the waiting label prints, and the next serial's label prints by itself.
    await choosePrinter();
    await page.getByTestId('station-print-now').click();
    await expect(entry).toHaveAttribute('data-state', 'printed');
    await station.press('nextSerial');
    await station.expectAnswer('applied', 'assigned');
    const second = await serialShown();
    await expect(page.getByTestId('station-print').first()).toHaveAttribute('data-state', 'printed');
    await expect(page.getByTestId('station-print-panel')).toContainText(`S/N ${second}`);
    const udi = async (serial: string) =>
      (await callApi(request, 'labels.render', { template: 'udi', ref: `PUMP-PX2#${serial}`, format: 'zpl' })).content;
    expect(printedText(printer.printer)).toBe((await udi(first)) + (await udi(second)));
    await page.getByTestId('station-print-panel').scrollIntoViewIfNeeded();
    await app.screenshot('94-station-serial-label-printed');

    // Packing, with a 300 dpi printer: the case closed prints its sscc label laid out for 300 dpi, addressed to the
    // ship-to chosen for case labels.
    await station.choose('Packing');
    await choosePrinter();
    await page.getByTestId('station-dpi').getByText('300 dpi').click();
    await page.getByTestId('station-print-ship-to').click();
    const shipTo = page.getByRole('option').first();
    const shipToCode = ((await shipTo.textContent()) ?? '').split(' — ')[0] ?? '';
    await shipTo.click();
    await station.press('newCase');
    await station.expectAnswer('applied', /case/i);
    const sscc = /\(00\)(\d{18})/.exec((await page.getByTestId('station-case').textContent()) ?? '')?.[1];
    if (!sscc) throw new Error('No SSCC shown for the new case');
    await station.expectScan();
    await app.wedgeScan([`PUMP-PX2#${first}`]);
    await station.expectAnswer('applied', first);
    await station.press('closeCase');
    await station.expectAnswer('applied', 'closed');
    await expect(page.getByTestId('station-print').first()).toHaveAttribute('data-state', 'printed');
    const location = (await callApi(request, 'locations.list', {})).find((l) => l.code === shipToCode);
    if (!location) throw new Error(`No location ${shipToCode}`);
    const caseLabel = await callApi(request, 'labels.render', {
      template: 'sscc',
      ref: sscc,
      shipTo: { name: location.name, ...(location.address ? { address: location.address } : {}) },
      format: 'zpl',
      dpi: 300,
    });
    expect(printedText(printer.printer)).toBe((await udi(first)) + (await udi(second)) + caseLabel.content);
    expect(caseLabel.content).toContain(`(00)${sscc}`);
    expect(caseLabel.content).not.toBe(
      (
        await callApi(request, 'labels.render', {
          template: 'sscc',
          ref: sscc,
          shipTo: { name: location.name, ...(location.address ? { address: location.address } : {}) },
          format: 'zpl',
        })
      ).content,
    );
    await page.getByTestId('station-print-panel').scrollIntoViewIfNeeded();
    await app.screenshot('95-station-case-label-printed');
  } finally {
    await printer.close();
  }
});
