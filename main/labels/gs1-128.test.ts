// GS1-128 field data for ^BC, rendered by zpl-renderer-js and decoded by zxing-wasm: FNC1 after a variable-length
// value in the middle, odd digit runs, and ">" in data (not one character before the end: zpl-renderer-js 3.4 then
// drops that last character, a quirk of its parser, not of Zebra's ^BC).
import { afterAll, expect, it } from 'vitest';
import { aiDefinition } from '../../common/gs1';
import { decodePng } from './barcode-reader.test-support';
import { gs1128ZplData } from './gs1-128';
import { renderZplPreview, stopZplPreview } from './preview';

afterAll(stopZplPreview);

const el = (ai: string, value: string) => ({ ai, value, title: aiDefinition(ai)?.title ?? '' });

it.each([
  [[el('00', '095060001000000012')], '>;>800095060001000000012', '(00)095060001000000012'],
  [[el('10', 'ABC'), el('21', '12345')], '>;>810>6ABC>82112345', '(10)ABC(21)12345'],
  [[el('01', '09506000134352'), el('10', '123'), el('21', 'X>YZ')], '>;>801095060001343521012>63>821X>0YZ', '(01)09506000134352(10)123(21)X>YZ'],
])('%#: writes %j as %s and it decodes as GS1-128', async (elements, zplData, bracketed) => {
  expect(gs1128ZplData(elements)).toBe(zplData);
  const png = await renderZplPreview({ zpl: `^XA^PW800^LL200^FO40,20^BY2,3,120^BCN,120,N,N,N^FD${zplData}^FS^XZ`, widthMm: 100, heightMm: 25, dotsPerMm: 8 });
  expect(await decodePng(png)).toEqual([{ format: 'Code128', text: bracketed, aim: ']C1' }]);
});
