// GS1 barcodes wherever a lot or serial is typed: the Decode barcode screen, a wedge scan with separators, the search
// box and the trace explorer's "Lot or serial" field.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import type { UnitSummary } from '../common/domain';
import { callApi } from './api';
import { AppFrame } from './pages/AppFrame';
import { DecodePage } from './pages/DecodePage';
import { TracePage } from './pages/TracePage';
import { UnitPage } from './pages/UnitPage';

const CTRL_BRACKET = { key: ']', code: 'BracketRight', ctrlKey: true };

/** A lot whose item has a GTIN and which has an expiry date, as a GS1 label would carry them. */
async function labelledLot(request: APIRequestContext): Promise<UnitSummary & { gtin: string; lot: string; expiresAt: string }> {
  const items = await callApi(request, 'items.list', {});
  for (const item of items.filter((i) => i.gtin && i.tracking === 'lot')) {
    const lots = await callApi(request, 'lots.list', { item: item.part, limit: 50 });
    const lot = lots.find((l) => l.expiresAt && l.lot && /^[!-~]{1,20}$/.test(l.lot));
    if (lot) return lot as UnitSummary & { gtin: string; lot: string; expiresAt: string };
  }
  throw new Error('The demo plant has no lot with a GTIN and an expiry date');
}

const gtin14 = (gtin: string) => gtin.padStart(14, '0');
/** `2027-05-31` → `270531` */
const yymmdd = (date: string) => date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

test('a GS1 DataMatrix scanned through a keyboard wedge decodes field by field and finds its lot', async ({ page, request }, testInfo) => {
  const lot = await labelledLot(request);
  const app = new AppFrame(page, testInfo);
  await app.open('#/decode');
  await app.ready('decode');
  const decode = new DecodePage(page);

  // ]d2 DataMatrix, lot (variable length) then a GS typed as Ctrl+], then the expiry date.
  await app.wedgeScan([`]d201${gtin14(lot.gtin)}10${lot.lot}`, CTRL_BRACKET, `17${yymmdd(lot.expiresAt)}`]);
  await expect(decode.input).toHaveValue(`]d201${gtin14(lot.gtin)}10${lot.lot}\u219417${yymmdd(lot.expiresAt)}`);
  await expect(page.getByTestId('banner-accepted')).toContainText('GS1 DataMatrix (]d2)');
  await expect(decode.identity).toHaveText(`GTIN ${gtin14(lot.gtin)} · Lot ${lot.lot}`);
  await expect(decode.field('01')).toContainText(`check digit ${gtin14(lot.gtin).at(-1)} ✓`);
  await expect(decode.field('10')).toContainText(lot.lot);
  const [y, m, d] = lot.expiresAt.slice(0, 10).split('-').map(Number) as [number, number, number];
  await expect(decode.field('17')).toContainText(`${d} ${MONTHS[m - 1]} ${y}`);
  await expect(decode.canonical('bracketed')).toHaveText(`(01)${gtin14(lot.gtin)}(10)${lot.lot}(17)${yymmdd(lot.expiresAt)}`);
  await expect(decode.canonical('digital-link')).toContainText(`https://id.gs1.org/01/${gtin14(lot.gtin)}/10/`);
  await expect(decode.unitLink).toHaveText(`${lot.item} Lot ${lot.lot}`);
  await app.screenshot('80-decode-valid');

  await decode.unitLink.click();
  await app.ready('unit');
  await expect(new UnitPage(page).code).toHaveText(`Lot ${lot.lot}`);
});

test('an invalid barcode shows the reason, naming the AI and the rule', async ({ page }, testInfo) => {
  const app = new AppFrame(page, testInfo);
  await app.open('#/decode');
  await app.ready('decode');
  const decode = new DecodePage(page);
  await decode.input.fill('(01)09506000134353(17)271301(10)A1');
  await expect(decode.error).toContainText('AI 01: check digit should be 2');
  await expect(page.getByTestId('banner-refused')).toContainText('Not valid GS1 data');
  await expect(decode.fields).toHaveCount(0);
  await app.screenshot('81-decode-invalid');
  await decode.input.fill('(01)09506000134352(17)271301(10)A1');
  await expect(decode.error).toContainText('AI 17: month 13');
});

test('GS1 data in the search box opens its lot, and data that finds nothing opens Decode', async ({ page, request }, testInfo) => {
  const lot = await labelledLot(request);
  const app = new AppFrame(page, testInfo);
  await app.open();
  await app.ready('dashboard');
  await app.scan(`(01)${gtin14(lot.gtin)}(10)${lot.lot}`);
  await app.ready('unit');
  await expect(new UnitPage(page).code).toHaveText(`Lot ${lot.lot}`);

  await app.scan(`(01)${gtin14(lot.gtin)}(10)NO-SUCH-LOT-9`);
  const screen = await app.ready('decode');
  await expect(screen.getByTestId('decode-identity')).toHaveText(`GTIN ${gtin14(lot.gtin)} · Lot NO-SUCH-LOT-9`);
  await expect(screen.getByTestId('decode-unit-missing')).toBeVisible();
  await app.screenshot('82-decode-from-search-unknown-lot');
});

test('the trace field takes a GS1 barcode, typed as bracketed text or scanned with a GS separator', async ({ page, request }, testInfo) => {
  const lot = await labelledLot(request);
  const app = new AppFrame(page, testInfo);
  await app.open('#/trace');
  await app.ready('trace');
  const field = page.getByTestId('trace-ref');
  await field.fill(`(01)${gtin14(lot.gtin)}(10)${lot.lot}`);
  await app.screenshot('83-trace-gs1-input');
  await page.getByRole('button', { name: /Trace forward/ }).click();
  const explorer = new TracePage(page);
  await explorer.ready();
  await expect(explorer.summary).toContainText(`Lot ${lot.lot}`);
  await expect(explorer.summary).toContainText(lot.item);

  // A wedge typing into the field: Ctrl+] puts in the separator the browser would drop.
  await app.open('#/trace?dir=backward');
  await app.ready('trace');
  await field.click();
  await page.keyboard.type(`01${gtin14(lot.gtin)}10${lot.lot}`);
  await page.keyboard.press('Control+BracketRight');
  await page.keyboard.type(`17${yymmdd(lot.expiresAt)}`);
  await expect(field).toHaveValue(`01${gtin14(lot.gtin)}10${lot.lot}\u219417${yymmdd(lot.expiresAt)}`);
  await page.keyboard.press('Enter');
  await explorer.ready();
  await expect(explorer.summary).toContainText(`Lot ${lot.lot}`);

  // Alt+029 on the keypad, as a wedge in Alt-code mode types GS where the OS does not compose it.
  await app.open('#/trace');
  await app.ready('trace');
  await field.click();
  await page.keyboard.type(`01${gtin14(lot.gtin)}10${lot.lot}`);
  await page.keyboard.down('Alt');
  for (const key of ['Numpad0', 'Numpad2', 'Numpad9']) await page.keyboard.press(key);
  await page.keyboard.up('Alt');
  await page.keyboard.type(`17${yymmdd(lot.expiresAt)}`);
  await expect(field).toHaveValue(`01${gtin14(lot.gtin)}10${lot.lot}\u219417${yymmdd(lot.expiresAt)}`);
});
