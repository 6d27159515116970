// The layout kit every record PDF is built on: PDF/A-3b with DejaVu embedded, a header and footer on every page
// (document kind, subject, page X of Y, generated at with zone and by whom), headings, key-value grids, tables that
// break across pages with their header repeated, images, the signature manifestation and the record data attached
// as JSON with its SHA-256 printed. Pages are written as they are finished (no bufferPages): memory stays flat.
import { setImmediate as nextTurn } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { parsedFont, registerFonts } from './fonts';
import type { FontName } from './fonts';
import type { PdfSink } from './pdf-sink';
import { TotalPages } from './total-pages';

type Doc = InstanceType<typeof PDFDocument>;

export interface RecordFrame {
  /** What the document is: "Electronic batch record". */
  kind: string;
  /** What it is about: "Lot 26-0117 of SET-IV2 — work order WO-26104". */
  subject: string;
  /** When it was generated, ISO 8601 with the zone it was generated in. */
  generatedAt: string;
  generatedBy: string;
}

export interface RecordAttachment {
  /** The file name inside the PDF: "record.json". */
  name: string;
  description: string;
  data: Buffer;
}

export interface RecordPdfOptions {
  frame: RecordFrame;
  attachment: RecordAttachment;
  /** Fixed in tests so the same record gives the same bytes. */
  creationDate?: Date;
}

export interface Column {
  header: string;
  /** Share of the text width; the shares of a table are scaled to fill it. */
  width: number;
  align?: 'left' | 'right';
  mono?: boolean;
}

export interface Manifestation {
  /** The printed name of the signer. */
  name: string;
  /** Date and time with zone. */
  at: string;
  /** What the signature means: performed, verified, reviewed, approved, released, rejected. */
  meaning: string;
  /** Whether the content signed is exactly the record printed here. */
  valid: boolean;
  /** Why it no longer holds, when it does not. */
  note?: string | undefined;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 72, bottom: 64, left: 48, right: 48 };
const GREY = '#555555';
const RULE = '#999999';
/** pdfkit's layout cache grows with every distinct word; emptied this often, memory stays flat at the same speed. */
const CACHE_PAGES = 50;
const CELL_PAD = 2;

interface Measured {
  /** The text's lines when each fits the width; null when pdfkit must wrap it. */
  lines: string[] | null;
  widths: number[];
  height: number;
}

interface CachedFont {
  layoutCache?: Record<string, unknown>;
}

export class RecordPdf {
  private readonly doc: Doc;
  private readonly done: Promise<void>;
  private readonly total: TotalPages;
  private pages = 0;
  private waiting = false;

  constructor(
    private readonly sink: PdfSink,
    private readonly options: RecordPdfOptions,
  ) {
    const { frame } = options;
    this.doc = new PDFDocument({
      size: A4,
      margins: MARGIN,
      autoFirstPage: false,
      pdfVersion: '1.7',
      subset: 'PDF/A-3b',
      // A parsed font, not Helvetica: pdfkit would write Helvetica unembedded, which PDF/A forbids.
      font: parsedFont('sans') as never,
      lang: 'en',
      info: {
        Title: `${frame.kind}: ${frame.subject}`,
        Subject: frame.subject,
        Author: frame.generatedBy,
        Creator: 'Lotline',
        ...(options.creationDate ? { CreationDate: options.creationDate } : {}),
      },
    });
    registerFonts(this.doc);
    this.done = new Promise<void>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => {
        if (!sink.write(chunk)) this.waiting = true;
      });
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    // Stored uncompressed: the data stays readable in the file itself, and a changed byte changes one character of
    // one value (which `record verify` then names) instead of breaking the whole stream.
    const compression = this.doc as unknown as { compress: boolean };
    const compress = compression.compress;
    compression.compress = false;
    this.doc.file(options.attachment.data, {
      name: options.attachment.name,
      type: 'application/json',
      description: options.attachment.description,
      relationship: 'Data',
      ...(options.creationDate ? { creationDate: options.creationDate, modifiedDate: options.creationDate } : {}),
    } as Parameters<Doc['file']>[1]);
    compression.compress = compress;
    this.font('sans', 8);
    this.total = new TotalPages(this.doc, 8);
    this.addPage();
  }

  private get width(): number {
    return A4[0] - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return A4[1] - MARGIN.bottom;
  }

  private font(name: FontName, size: number): this {
    this.doc.font(name).fontSize(size);
    return this;
  }

  private addPage(): void {
    this.doc.addPage();
    this.pages++;
    if (this.pages % CACHE_PAGES === 0) this.clearLayoutCache();
    this.drawFrame();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  private clearLayoutCache(): void {
    const families = (this.doc as unknown as { _fontFamilies: Record<string, CachedFont> })._fontFamilies;
    for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
  }

  /** Header and footer, drawn in the margins when the page starts. */
  private drawFrame(): void {
    const { frame } = this.options;
    const doc = this.doc;
    const left = MARGIN.left;
    const right = A4[0] - MARGIN.right;
    const line = { lineBreak: false } as const;
    // pdfkit starts a new page for text below the bottom margin, even with lineBreak off: the footer lives there.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    this.font('sansBold', 11);
    doc.fillColor('black').text(frame.kind, left, 30, { ...line, width: this.width * 0.45 });
    this.font('sans', 9);
    doc.text(frame.subject, left + this.width * 0.45, 32, { ...line, width: this.width * 0.55, align: 'right' });
    doc.moveTo(left, 50).lineTo(right, 50).lineWidth(0.6).stroke(RULE);

    const y = A4[1] - 44;
    doc.moveTo(left, y - 6).lineTo(right, y - 6).lineWidth(0.6).stroke(RULE);
    this.font('sans', 8);
    doc.fillColor(GREY).text(`Generated ${frame.generatedAt} by ${frame.generatedBy} · Lotline`, left, y, { ...line, width: this.width * 0.75 });
    const label = `Page ${this.pages} of `;
    // Left-aligned in a box at the right edge: the total's width is not known yet.
    const x = right - 70;
    doc.text(label, x, y, line);
    this.total.place(x + doc.widthOfString(label), y);
    doc.fillColor('black');
    doc.page.margins = margins;
  }

  /** Starts a page when fewer than `height` points are left; waits for the sink between pages. */
  private async room(height: number): Promise<void> {
    if (this.doc.y + height <= this.bottom) return;
    this.addPage();
    await this.breathe();
  }

  private async breathe(): Promise<void> {
    if (this.waiting) {
      this.waiting = false;
      await this.sink.drained();
    } else if (this.pages % 10 === 0) {
      await nextTurn();
    }
  }

  /**
   * How a text sits in `width`: as its own lines, each placed by hand when each fits (pdfkit runs its line wrapper
   * whenever a width is given, which costs as much again as the text), or wrapped by pdfkit when one does not.
   */
  private measure(text: string, width: number): Measured {
    const doc = this.doc;
    const lines: string[] = [];
    const widths: number[] = [];
    for (const line of text.split('\n')) {
      const w = doc.widthOfString(line);
      if (w <= width) {
        lines.push(line);
        widths.push(w);
      } else if (!this.wrapWords(line, width, lines, widths)) {
        return { lines: null, widths: [], height: doc.heightOfString(text, { width }) };
      }
    }
    return { lines, widths, height: lines.length * doc.currentLineHeight(true) };
  }

  /** Breaks a line at spaces into lines that fit; false when one word alone is wider (pdfkit then breaks it). */
  private wrapWords(line: string, width: number, lines: string[], widths: number[]): boolean {
    const doc = this.doc;
    const space = doc.widthOfString(' ');
    let current = '';
    let currentWidth = 0;
    for (const word of line.split(' ')) {
      const w = doc.widthOfString(word);
      if (w > width) return false;
      if (current !== '' && currentWidth + space + w <= width) {
        current += ` ${word}`;
        currentWidth += space + w;
        continue;
      }
      if (current !== '') {
        lines.push(current);
        widths.push(currentWidth);
      }
      current = word;
      currentWidth = w;
    }
    lines.push(current);
    widths.push(currentWidth);
    return true;
  }

  private textHeight(text: string, width: number): number {
    return this.measure(text, width).height;
  }

  private drawText(text: string, x: number, y: number, width: number, height: number, align: 'left' | 'right' = 'left', measured?: Measured): void {
    const doc = this.doc;
    const m = measured ?? this.measure(text, width);
    if (m.lines === null) {
      doc.text(text, x, y, { width, align, height: height + 1 });
      return;
    }
    const lh = doc.currentLineHeight(true);
    // textWidth: pdfkit would otherwise measure the line again before writing it.
    m.lines.forEach((line, i) => {
      const w = m.widths[i] ?? 0;
      doc.text(line, align === 'right' ? x + width - w : x, y + i * lh, { lineBreak: false, textWidth: w } as PDFKit.Mixins.TextOptions);
    });
  }

  private cellFont(column: Column | undefined): void {
    if (column?.mono) this.font('mono', 7);
    else this.font('condensed', 7.5);
  }

  /** A section heading, kept on one page with the first `keep` points of what follows it. */
  async heading(text: string, keep = 40): Promise<void> {
    await this.room(keep + 26);
    this.doc.y += 6;
    this.font('sansBold', 11);
    const y = this.doc.y;
    this.doc.text(text, MARGIN.left, y, { lineBreak: false });
    this.doc.y = y + 15;
    this.doc.moveTo(MARGIN.left, this.doc.y).lineTo(MARGIN.left + this.width, this.doc.y).lineWidth(0.4).stroke(RULE);
    this.doc.y += 5;
  }

  async paragraph(text: string, font: FontName = 'sans', size = 9): Promise<void> {
    this.font(font, size);
    const h = this.textHeight(text, this.width);
    await this.room(h);
    this.font(font, size);
    const y = this.doc.y;
    this.drawText(text, MARGIN.left, y, this.width, h);
    this.doc.y = y + h + 4;
  }

  /** Label above value, `columns` pairs to a row. */
  async keyValues(pairs: readonly (readonly [string, string])[], columns = 3): Promise<void> {
    const cell = this.width / columns;
    for (let i = 0; i < pairs.length; i += columns) {
      const row = pairs.slice(i, i + columns);
      this.font('sans', 9);
      const h = Math.max(...row.map(([, v]) => this.textHeight(v || '—', cell - 8))) + 11;
      await this.room(h);
      const y = this.doc.y;
      row.forEach(([k, v], j) => {
        const x = MARGIN.left + j * cell;
        this.font('sans', 7);
        this.doc.fillColor(GREY).text(k.toUpperCase(), x, y, { width: cell - 8, lineBreak: false });
        this.font('sans', 9);
        this.doc.fillColor('black');
        this.drawText(v || '—', x, y + 9, cell - 8, h - 11);
      });
      this.doc.y = y + h + 3;
    }
  }

  /** A table; a row that does not fit starts a page, which repeats the header row. */
  async table(columns: readonly Column[], rows: Iterable<readonly string[]>, empty = 'None recorded.'): Promise<void> {
    const share = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / share) * this.width);
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const header = async (): Promise<void> => {
      this.font('condensedBold', 7.5);
      const h = Math.max(...columns.map((c, i) => this.textHeight(c.header, (widths[i] ?? 0) - 2 * CELL_PAD))) + 2 * CELL_PAD;
      await this.room(h + 14);
      const y = this.doc.y;
      this.doc.rect(MARGIN.left, y, this.width, h).fill('#e8e8e8').fillColor('black');
      this.font('condensedBold', 7.5);
      columns.forEach((c, i) => this.drawText(c.header, (xs[i] ?? 0) + CELL_PAD, y + CELL_PAD, (widths[i] ?? 0) - 2 * CELL_PAD, h, c.align));
      this.doc.y = y + h;
    };
    await header();
    let count = 0;
    for (const row of rows) {
      count++;
      const measured = row.map((text, i) => {
        this.cellFont(columns[i]);
        return this.measure(text, (widths[i] ?? 0) - 2 * CELL_PAD);
      });
      const h = Math.min(Math.max(...measured.map((m) => m.height)) + 2 * CELL_PAD, this.bottom - MARGIN.top - 40);
      if (this.doc.y + h > this.bottom) {
        this.addPage();
        await this.breathe();
        await header();
      }
      const y = this.doc.y;
      row.forEach((text, i) => {
        this.cellFont(columns[i]);
        this.drawText(text, (xs[i] ?? 0) + CELL_PAD, y + CELL_PAD, (widths[i] ?? 0) - 2 * CELL_PAD, h - 2 * CELL_PAD, columns[i]?.align, measured[i]);
      });
      this.doc.moveTo(MARGIN.left, y + h).lineTo(MARGIN.left + this.width, y + h).lineWidth(0.25).stroke('#cccccc');
      this.doc.y = y + h;
    }
    if (count === 0) {
      this.font('sans', 8);
      this.doc.fillColor(GREY).text(empty, MARGIN.left + CELL_PAD, this.doc.y + CELL_PAD, { lineBreak: false });
      this.doc.fillColor('black');
      this.doc.y += 14;
    }
    this.doc.y += 6;
  }

  /** A PNG (a label specimen) at `width` points with a caption under it. */
  async image(png: Buffer, width: number, height: number, caption: string): Promise<void> {
    await this.room(height + 20);
    const y = this.doc.y;
    this.doc.image(png, MARGIN.left, y, { width, height });
    this.doc.rect(MARGIN.left, y, width, height).lineWidth(0.4).stroke(RULE);
    this.font('sans', 7.5);
    this.doc.fillColor(GREY).text(caption, MARGIN.left, y + height + 3, { width: this.width, lineBreak: false });
    this.doc.fillColor('black');
    this.doc.y = y + height + 16;
  }

  /** The SHA-256 of the attached record data, in a box, with how to check it. */
  async dataHash(sha256: string, name: string): Promise<void> {
    await this.room(46);
    const y = this.doc.y;
    this.doc.rect(MARGIN.left, y, this.width, 40).lineWidth(0.6).stroke(RULE);
    this.font('sans', 7.5);
    this.doc.fillColor(GREY).text(`RECORD DATA SHA-256 (the data is attached to this PDF as ${name}; \`lotline record verify\` checks both)`, MARGIN.left + 6, y + 5, {
      width: this.width - 12,
      lineBreak: false,
    });
    this.font('mono', 9.5);
    this.doc.fillColor('black').text(sha256, MARGIN.left + 6, y + 20, { width: this.width - 12, lineBreak: false });
    this.doc.y = y + 48;
  }

  /** The signature manifestation (21 CFR 11.50): printed name, date and time with zone, and meaning, for each. */
  async signatures(signatures: readonly Manifestation[], none: string): Promise<void> {
    if (signatures.length === 0) {
      await this.paragraph(none, 'sans', 8.5);
      return;
    }
    for (const s of signatures) {
      const note = s.valid ? 'Signed this record as printed.' : `NOT VALID for this record: ${s.note ?? 'the record changed after signing'}.`;
      await this.room(44);
      const y = this.doc.y;
      this.doc.rect(MARGIN.left, y, this.width, 38).lineWidth(0.6).stroke(s.valid ? RULE : '#b00000');
      const col = this.width / 3;
      const cells: [string, string][] = [
        ['Signed by', s.name],
        ['Date and time', s.at],
        ['Meaning', s.meaning],
      ];
      cells.forEach(([k, v], i) => {
        this.font('sans', 7);
        this.doc.fillColor(GREY).text(k.toUpperCase(), MARGIN.left + 6 + i * col, y + 4, { width: col - 12, lineBreak: false });
        this.font('sansBold', 9.5);
        this.doc.fillColor('black').text(v, MARGIN.left + 6 + i * col, y + 13, { width: col - 12, lineBreak: false });
      });
      this.font('sans', 7.5);
      this.doc.fillColor(s.valid ? GREY : '#b00000').text(note, MARGIN.left + 6, y + 26, { width: this.width - 12, lineBreak: false });
      this.doc.fillColor('black');
      this.doc.y = y + 44;
    }
  }

  /** Writes the total page count and the rest of the file; resolves when the sink holds every byte. */
  async end(): Promise<{ pages: number }> {
    this.total.finish(this.pages);
    this.doc.end();
    await this.done;
    await this.sink.close();
    return { pages: this.pages };
  }
}
