// Test support: reads every barcode in a PNG with zxing-wasm (offline: its wasm given from node_modules), GS1 data
// as bracketed text, with the symbology identifier that says whether the symbol was GS1 (]d2, ]C1) or plain (]d1).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
void prepareZXingModule({ overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')) }, fireImmediately: true });

export interface Decoded {
  format: string;
  text: string;
  aim: string;
}

export async function decodePng(png: Buffer): Promise<Decoded[]> {
  const found = await readBarcodes(new Blob([new Uint8Array(png)]), { formats: [], tryHarder: true, textMode: 'HRI', maxNumberOfSymbols: 8 });
  return found.map((r) => ({ format: r.format, text: r.text, aim: r.symbologyIdentifier })).sort((a, b) => a.format.localeCompare(b.format));
}

export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Runs a poppler tool on the PDF bytes: pdftoppm gives the page as PNG, pdftotext and pdffonts their text. */
export function withPdf<T>(pdf: Buffer, run: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-label-pdf-'));
  try {
    const file = join(dir, 'label.pdf');
    writeFileSync(file, pdf);
    return run(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPagePng(pdf: Buffer, dpi = 300): Buffer {
  return withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', file, join(dir, 'page')]);
    return readFileSync(join(dir, 'page.png'));
  });
}

export function pdfText(pdf: Buffer): string {
  return withPdf(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

/** pdffonts' rows: font name and whether it is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = withPdf(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name, type (one or two words), encoding, emb, sub, uni, object, id: emb is 5th from the end.
      return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
    });
}
