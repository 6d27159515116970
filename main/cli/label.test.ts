// `lotline label render` on a real database file: the ZPL, PNG and PDF files written, and refusals with exit codes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodePng, pdfText } from '../labels/barcode-reader.test-support';
import { plant } from '../labels/label-plant.test-support';
import { labelPlantCli } from './label-plant-cli.test-support';

const { dir, cli } = labelPlantCli('label');

it('writes the ZPL, and says what it wrote', async () => {
  const file = join(dir, 'udi.zpl');
  const done = await cli('label', 'render', '--template', 'udi', '--ref', plant.serial, '--dpi', '300', '--out', file);
  expect(done.code, done.err).toBe(0);
  const zpl = readFileSync(file, 'utf8');
  expect(zpl).toMatch(/^\^XA\n\^CI28\^PW914\^LL610/);
  expect(zpl).toContain('^FD#101095060001343521126030310WO-26013#121PX-000231^FS');
  expect(done.out).toBe(`Wrote the udi label (76.2 × 50.8 mm, 300 dpi) as ZPL to ${file} (${Buffer.byteLength(zpl).toLocaleString('en')} bytes)`);
});

it('writes the PNG preview and the PDF, the format taken from the extension or --format', async () => {
  const png = join(dir, 'case.png');
  expect((await cli('label', 'render', '--template', 'sscc', '--ref', plant.sscc, '--shipment', plant.shipment, '--out', png)).code).toBe(0);
  expect(await decodePng(readFileSync(png))).toEqual([{ format: 'Code128', text: `(00)${plant.sscc}`, aim: ']C1' }]);
  const pdf = join(dir, 'case.bin');
  const done = await cli('label', 'render', '--template', 'sscc', '--ref', plant.sscc, '--ship-to', 'Leeds DC; Unit 4; Ring Road', '--format', 'pdf', '--out', pdf, '--json');
  expect(done.code, done.err).toBe(0);
  expect(JSON.parse(done.out)).toMatchObject({ template: 'sscc', format: 'pdf', dpi: 203 });
  const text = pdfText(readFileSync(pdf));
  expect(text).toContain('Leeds DC');
  expect(text).toContain('Unit 4, Ring Road');
});

it.each([
  [['--template', 'udi', '--ref', plant.fgLot], 2, 'lotline: udi: labels a serial, but SET-IV2:26-027 names lot 26-027 of SET-IV2'],
  [['--template', 'udi', '--ref', 'PUMP-PX2#NOPE'], 1, 'lotline: There is no serial NOPE of item PUMP-PX2'],
  [['--template', 'box', '--ref', plant.serial], 1, 'lotline: There is no label template "box"; the templates are raw-lot, fg-lot, udi, sscc'],
  [['--template', 'udi', '--ref', plant.serial, '--dpi', '400'], 2, "lotline: option '--dpi <dpi>' argument '400' is invalid. --dpi must be one of 203, 300, 600"],
])('refuses %j with exit %i', async (args, code, message) => {
  const file = join(dir, 'refused.zpl');
  const done = await cli('label', 'render', ...args, '--out', file);
  expect(done).toMatchObject({ code, err: message });
  expect(existsSync(file)).toBe(false);
});
