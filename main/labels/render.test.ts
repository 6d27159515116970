// Every shipped template rendered from a real database: the ZPL rendered to PNG by zpl-renderer-js and the PDF
// rasterised by pdftoppm, then every barcode decoded by zxing-wasm back to exactly the GS1 data printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedLabel } from '../../common/api/labels';
import type { UnitSummary } from '../../common/domain';
import { tempApi } from '../api/test-plant';
import type { TestApi } from '../api/test-plant';
import { decodePng, pdfFonts, pdfPagePng, pdfText, pngSize } from './barcode-reader.test-support';
import { labelPlant, plant } from './label-plant.test-support';
import { stopZplPreview } from './preview';

let t: TestApi;
let fgExpiry = '';

beforeAll(async () => {
  t = tempApi();
  await labelPlant(t);
  const lots: UnitSummary[] = await t.call('lots.list', { item: 'SET-IV2' });
  fgExpiry = lots[0]?.expiresAt ?? '';
});
afterAll(async () => {
  await stopZplPreview();
  t.close();
});

async function render(input: Record<string, unknown>): Promise<RenderedLabel> {
  const result = await t.api.invoke('labels.render', input);
  if (!result.ok) throw new Error(`labels.render refused: ${result.error.message}`);
  return result.value as RenderedLabel;
}

const yymmdd = (iso: string) => `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;

interface Case {
  template: string;
  input: Record<string, unknown>;
  barcodes: () => { format: string; text: string; aim: string }[];
  /** Lines of human-readable text the PDF must show. */
  text: () => string[];
}

const cases: Case[] = [
  {
    template: 'raw-lot',
    input: { ref: plant.rawLot },
    // Lotline's own PART:LOT in a plain DataMatrix (]d1), as its scanners read it.
    barcodes: () => [{ format: 'DataMatrix', text: 'RES-PC:R26061-01', aim: ']d1' }],
    text: () => ['RES-PC', 'Supplier: Polymerix Compounds GmbH', 'Supplier lot: POL2714422', 'Received: 2026-03-01', 'Quantity: 250 kg', 'Use by: 2028-03-01', 'LOT R26061-01'],
  },
  {
    template: 'fg-lot',
    input: { ref: plant.fgLot },
    barcodes: () => {
      const gs1 = `(01)09506000134369(17)${yymmdd(fgExpiry)}(10)26-027`;
      return [
        { format: 'Code128', text: gs1, aim: ']C1' },
        { format: 'DataMatrix', text: gs1, aim: ']d2' },
      ];
    },
    text: () => ['IV administration set, 2 m', 'REF SET-IV2', 'GTIN 09506000134369', '26-027', '2026-03-02', fgExpiry, `(01)09506000134369(17)${yymmdd(fgExpiry)}(10)26-027`],
  },
  {
    template: 'udi',
    input: { ref: plant.serial },
    // No (17): the pump has no shelf life. (10) is the work order that made it; (11) the local date of production.
    barcodes: () => [{ format: 'DataMatrix', text: '(01)09506000134352(11)260303(10)WO-26013(21)PX-000231', aim: ']d2' }],
    text: () => ['Infusion pump PX-2', 'REF PUMP-PX2', 'PX-000231', '2026-03-03', 'WO-26013', '(01)09506000134352(11)260303(10)WO-26013', '(21)PX-000231'],
  },
  {
    template: 'sscc',
    input: { ref: plant.sscc, shipment: plant.shipment },
    barcodes: () => [{ format: 'Code128', text: `(00)${plant.sscc}`, aim: ']C1' }],
    text: () => ['Northfield Medical', 'City Hospital Central', '1 Hospital Road, Leeds LS1 3EX', 'SH-0001', 'City Hospital', '2026-03-05', 'DHL Freight', plant.sscc, `(00)${plant.sscc}`],
  },
];

describe.each(cases)('$template', (c) => {
  it('renders ZPL whose PNG preview decodes to exactly the data printed', async () => {
    const zpl = await render({ template: c.template, ...c.input, format: 'zpl' });
    const png = await render({ template: c.template, ...c.input, format: 'png' });
    expect(png.zpl).toBe(zpl.content);
    expect(png.mimeType).toBe('image/png');
    expect(await decodePng(Buffer.from(png.content, 'base64'))).toEqual(c.barcodes());
  });

  it('renders a PDF with the same barcodes, the human-readable text, and every font embedded', async () => {
    const pdf = Buffer.from((await render({ template: c.template, ...c.input, format: 'pdf' })).content, 'base64');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(await decodePng(pdfPagePng(pdf))).toEqual(c.barcodes());
    const text = pdfText(pdf);
    for (const line of c.text()) expect(text).toContain(line);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.every((f) => f.name.includes('DejaVuSansCondensed'))).toBe(true);
  });
});

describe('resolution', () => {
  it.each([
    [203, 610, 406, 5],
    [300, 914, 610, 8],
    [600, 1829, 1219, 15],
  ] as const)('at %i dpi the udi label is %i × %i dots with %i-dot DataMatrix modules, and still decodes', async (dpi, width, height, module) => {
    const label = await render({ template: 'udi', ref: plant.serial, dpi, format: 'png' });
    expect(label.zpl).toContain(`^PW${width}^LL${height}`);
    expect(label.zpl).toContain(`^BXN,${module},200,,,,#^FD#1`);
    const png = Buffer.from(label.content, 'base64');
    expect(pngSize(png)).toEqual({ width, height });
    expect((await decodePng(png)).map((d) => d.text)).toEqual(['(01)09506000134352(11)260303(10)WO-26013(21)PX-000231']);
  });
});

describe('ZPL', () => {
  it('puts FNC1 first and after each variable-length value, digits in code set C and the rest in B', async () => {
    const { content } = await render({ template: 'fg-lot', ref: plant.fgLot });
    expect(content).toContain(`^BCN,104,N,N,N^FD>;>80109506000134369${'17' + yymmdd(fgExpiry)}1026>6-027^FS`);
    const udi = (await render({ template: 'udi', ref: plant.serial })).content;
    expect(udi).toContain('^FD#101095060001343521126030310WO-26013#121PX-000231^FS');
  });

  it('prints ^, ~ and _ in text as themselves through ^FH', async () => {
    const data = { item: { part: 'X_1', description: 'Caps ^ and ~ tildes' }, lot: { code: 'L_1', ref: 'X_1:L_1', quantity: '5', unit: 'ea', received: '2026-03-01', supplierLot: 'S' }, supplier: { code: 'S', name: 'S' } };
    const label = await render({ template: 'raw-lot', data, format: 'png' });
    expect(label.zpl).toContain('^FH^FDCaps _5E and _7E tildes^FS');
    expect(await decodePng(Buffer.from(label.content, 'base64'))).toEqual([{ format: 'DataMatrix', text: 'X_1:L_1', aim: ']d1' }]);
  });
});

describe('refusals', () => {
  it.each([
    [{ template: 'pallet', ref: plant.fgLot }, 'NOT_FOUND', 'There is no label template "pallet"; the templates are raw-lot, fg-lot, udi, sscc'],
    [{ template: 'udi', ref: plant.noGtinSerial }, 'VALIDATION', 'udi: item CTRL-PX has no GTIN'],
    [{ template: 'fg-lot', ref: plant.rawLot }, 'VALIDATION', 'fg-lot: item RES-PC has no GTIN'],
    [{ template: 'udi', ref: plant.fgLot }, 'VALIDATION', 'udi: labels a serial, but SET-IV2:26-027 names lot 26-027 of SET-IV2'],
    [{ template: 'raw-lot', ref: 'RES-PC:NOPE' }, 'NOT_FOUND', 'There is no lot NOPE of item RES-PC'],
    [{ template: 'udi', ref: '(01)09506000134352(21)PX-999' }, 'NOT_FOUND', 'There is no serial PX-999 of item PUMP-PX2 (GTIN 09506000134352)'],
    [{ template: 'sscc', ref: '095060001000000017' }, 'VALIDATION', '"095060001000000017" is not an SSCC: AI 00: check digit should be 2'],
    [{ template: 'sscc', ref: plant.sscc }, 'VALIDATION', 'sscc: there is no ship-to party (give the shipment or the ship-to)'],
    [{ template: 'sscc', ref: plant.sscc, shipment: 'SH-9999' }, 'NOT_FOUND', 'There is no shipment SH-9999'],
    [{ template: 'udi', ref: plant.serial, dpi: 250 }, 'VALIDATION', 'dpi: must be one of 203, 300, 600 dpi'],
    [{ template: 'udi', ref: plant.serial, format: 'bmp' }, 'VALIDATION', 'format: must be one of zpl, png, pdf'],
    [{ template: 'udi' }, 'VALIDATION', 'ref: give either ref (read from the database) or data, not both'],
  ])('%j is refused', async (input, code, message) => {
    const error = await t.refuse('labels.render', input as never);
    expect(error).toMatchObject({ code, message });
  });

  it('takes the ship-to as given when there is no shipment', async () => {
    const label = await render({ template: 'sscc', ref: `(00)${plant.sscc}`, shipTo: { name: 'Leeds DC', address: 'Unit 4, Ring Road' } });
    expect(label.zpl).toContain('^FDLeeds DC^FS');
    expect(label.zpl).toContain('^FDUnit 4, Ring Road^FS');
    expect(label.zpl).not.toContain('SHIPMENT');
  });
});

it('labels.templates lists the four templates with their size and data', async () => {
  const list = (await t.call('labels.templates', {})) as { name: string; widthMm: number; heightMm: number; subject: string; fields: string[] }[];
  expect(list.map((l) => [l.name, l.subject, l.widthMm, l.heightMm])).toEqual([
    ['raw-lot', 'lot', 101.6, 50.8],
    ['fg-lot', 'lot', 101.6, 76.2],
    ['udi', 'serial', 76.2, 50.8],
    ['sscc', 'sscc', 101.6, 152.4],
  ]);
  expect(list.find((l) => l.name === 'udi')?.fields).toEqual(['item.description', 'item.gtin', 'item.part', 'serial.code', 'serial.expiry', 'serial.lot', 'serial.produced']);
});
