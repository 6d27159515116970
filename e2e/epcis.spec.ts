// EPCIS 2.0 exchange through the Exchange screen: import a reference example and see the counts, import it again
// and see nothing new, a refused document names the event and the field, and an export downloads a document.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppFrame } from './pages/AppFrame';
import { ExchangePage } from './pages/ExchangePage';

const EXAMPLE = join('reference', 'epcis', 'examples', 'Example_9.6.1-ObjectEvent.jsonld');

interface EpcisDocument {
  type: string;
  epcisBody: { eventList: Record<string, unknown>[] };
}

async function example(): Promise<EpcisDocument> {
  return JSON.parse(await readFile(EXAMPLE, 'utf8')) as EpcisDocument;
}

test('import a reference EPCIS example through the screen, then again: the second time adds nothing', async ({ page }, testInfo) => {
  const events = (await example()).epcisBody.eventList.length;
  const app = new AppFrame(page, testInfo);
  await app.open();
  await app.ready('dashboard');
  await app.navigateTo('Exchange', 'exchange');
  const exchange = new ExchangePage(page);
  await app.screenshot('90-exchange');

  await exchange.importFile(EXAMPLE);
  await expect(exchange.importResult).toBeVisible();
  await expect(exchange.count('events')).toHaveText(String(events));
  // The e2e database is shared by both window sizes: the first run imports, later runs find the events present.
  const imported = Number(await exchange.count('imported').textContent());
  const skipped = Number(await exchange.count('skipped').textContent());
  expect(imported > 0 || skipped === events).toBe(true);
  await expect(exchange.importResult.getByTestId('banner-accepted')).toContainText('Example_9.6.1-ObjectEvent.jsonld');
  await app.screenshot('91-epcis-imported');

  await exchange.importFile(EXAMPLE);
  await expect(exchange.count('skipped')).toHaveText(String(events));
  await expect(exchange.count('imported')).toHaveText('0');
  await expect(exchange.importResult.getByTestId('banner-accepted')).toContainText('already recorded');
});

test('a refused document names the event, its eventID and the field, and imports nothing', async ({ page }, testInfo) => {
  const doc = await example();
  const bad = doc.epcisBody.eventList[1]!;
  const eventID = 'urn:uuid:00000000-0000-4000-8000-00000000e2e1';
  bad.eventID = eventID;
  bad.bizStep = 'not-a-business-step';
  const app = new AppFrame(page, testInfo);
  await app.open('#/exchange');
  await app.ready('exchange');
  const exchange = new ExchangePage(page);
  await exchange.importFile({ name: 'refused.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(exchange.importRefused).toBeVisible();
  await expect(exchange.importRefused.getByTestId('banner-refused')).toContainText('event 2 of refused.jsonld');
  await expect(exchange.importRefused.getByTestId('import-refused-event')).toHaveText('eventList[1] (event 2)');
  await expect(exchange.importRefused.getByTestId('import-refused-eventid')).toHaveText(eventID);
  await expect(exchange.importRefused.getByTestId('import-refused-field')).toHaveText('bizStep');
  await expect(exchange.importRefused.getByTestId('import-reason')).toContainText('not-a-business-step');
  await app.screenshot('92-epcis-refused');
});

test('export downloads an EPCIS document', async ({ page }, testInfo) => {
  const app = new AppFrame(page, testInfo);
  await app.open('#/exchange');
  await app.ready('exchange');
  const exchange = new ExchangePage(page);
  const download = await exchange.exportDocument({ from: '2000-01-01', to: '2099-12-31' });
  expect(download.suggestedFilename()).toBe('epcis-2000-01-01-to-2099-12-31.jsonld');
  const doc = JSON.parse(await readFile(await download.path(), 'utf8')) as EpcisDocument;
  expect(doc.type).toBe('EPCISDocument');
  expect(doc.epcisBody.eventList.length).toBeGreaterThan(0);
  await expect(exchange.root.getByTestId('banner-accepted')).toContainText(`Exported ${doc.epcisBody.eventList.length.toLocaleString('en-US')} event`);
  await app.screenshot('93-epcis-exported');
});
