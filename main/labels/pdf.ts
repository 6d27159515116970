// A label layout as a one-page PDF the size of the label, for office printers: fonts embedded from resources/fonts,
// barcodes drawn as vector modules from bwip-js's encoding (no bitmap to blur when the page is scaled).
import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { toElementString } from '../../common/gs1';
import type { Gs1Element } from '../../common/gs1';
import { fontPath, registerFonts } from '../documents/fonts';
import type { Layout, LayoutElement, LayoutText } from './layout';

const PT_PER_MM = 72 / 25.4;
const pt = (mm: number): number => mm * PT_PER_MM;

/** The element string from the GS1 encoder in bwip-js's FNC1 notation (parsefnc): first, and at each separator. */
function fncData(elements: readonly Gs1Element[]): string {
  return toElementString(elements, { prefix: '^FNC1', separator: '^FNC1' });
}

interface Matrix {
  pixs: number[];
  pixx: number;
  pixy: number;
}

function isMatrix(r: unknown): r is Matrix {
  return typeof r === 'object' && r !== null && 'pixs' in r;
}

function isBars(r: unknown): r is { sbs: number[] } {
  return typeof r === 'object' && r !== null && 'sbs' in r;
}

type Doc = InstanceType<typeof PDFDocument>;

function drawMatrix(doc: Doc, x: number, y: number, module: number, m: Matrix): void {
  for (let row = 0; row < m.pixy; row++) {
    // One rectangle per run of dark modules in a row.
    for (let col = 0; col < m.pixx; ) {
      if (m.pixs[row * m.pixx + col] !== 1) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.pixx && m.pixs[row * m.pixx + col] === 1) col++;
      doc.rect(pt(x + start * module), pt(y + row * module), pt((col - start) * module), pt(module));
    }
  }
  doc.fill('black');
}

function drawBars(doc: Doc, x: number, y: number, module: number, height: number, sbs: readonly number[]): void {
  let at = x;
  sbs.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(pt(at), pt(y), pt(w * module), pt(height));
    at += w * module;
  });
  doc.fill('black');
}

function drawText(doc: Doc, e: LayoutText): void {
  doc.font(e.bold ? 'condensedBold' : 'condensed');
  let size = pt(e.size);
  doc.fontSize(size);
  if (e.width === undefined) {
    doc.text(e.text, pt(e.x), pt(e.y), { lineBreak: false });
    return;
  }
  const width = pt(e.width);
  if (e.lines === 1) {
    // One line never wraps: shrink what the estimate let through until it fits.
    while (size > 4 && doc.widthOfString(e.text) > width) doc.fontSize((size *= 0.95));
    doc.text(e.text, pt(e.x), pt(e.y), { width, align: e.align, lineBreak: false });
    return;
  }
  // pdfkit spaces DejaVu lines at about 1.16 of the size; the box allows that many lines, not one more.
  doc.text(e.text, pt(e.x), pt(e.y), { width, align: e.align, height: pt(e.size * 1.3 * e.lines), ellipsis: true, lineGap: 0 });
}

function draw(doc: Doc, e: LayoutElement): void {
  switch (e.kind) {
    case 'text':
      return drawText(doc, e);
    case 'box': {
      const t = Math.min(e.thickness, e.width, e.height);
      if (t >= Math.min(e.width, e.height)) {
        doc.rect(pt(e.x), pt(e.y), pt(e.width), pt(e.height)).fill('black');
      } else {
        doc.lineWidth(pt(t)).rect(pt(e.x + t / 2), pt(e.y + t / 2), pt(e.width - t), pt(e.height - t)).stroke('black');
      }
      return;
    }
    case 'datamatrix': {
      const [encoded] = bwipjs.raw({ bcid: 'datamatrix', text: e.gs1 ? fncData(e.gs1) : e.text, parsefnc: e.gs1 !== undefined });
      if (!isMatrix(encoded)) throw new Error('bwip-js gave no DataMatrix modules');
      return drawMatrix(doc, e.x, e.y, e.module, encoded);
    }
    case 'gs1-128': {
      const [encoded] = bwipjs.raw({ bcid: 'code128', text: fncData(e.gs1), parsefnc: true });
      if (!isBars(encoded)) throw new Error('bwip-js gave no Code 128 bars');
      return drawBars(doc, e.x, e.y, e.module, e.height, encoded.sbs);
    }
  }
}

export interface PdfLabelOptions {
  title: string;
  /** Fixed in tests so the same label gives the same bytes. */
  creationDate?: Date;
}

/** The layout as a PDF/A-3b page the size of the label. */
export function toPdf(layout: Layout, options: PdfLabelOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [pt(layout.widthMm), pt(layout.heightMm)],
    margin: 0,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    font: fontPath('condensed'),
    info: { Title: options.title, Creator: 'Lotline', ...(options.creationDate ? { CreationDate: options.creationDate } : {}) },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const e of layout.elements) draw(doc, e);
  doc.end();
  return done;
}
