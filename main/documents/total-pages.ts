// "Page X of Y" while streaming: Y is not known until the last page, and pdfkit's bufferPages would hold every page
// until then. Each page instead draws a form XObject that shows Y; its content stream is written once, at the end,
// when Y is known (PDF objects may be written in any order). Viewers, printers and pdftotext read it as page text.
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** The pdfkit internals this needs, which its typings do not declare. */
interface FontInternals {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], unknown[]];
}
interface Reference {
  write(chunk: string): void;
  end(): void;
}
interface Internals {
  _font: FontInternals;
  ref(data: object): Reference;
  page: { xobjects: Record<string, unknown> };
  addContent(data: string): void;
}

const internals = (doc: Doc): Internals => doc as unknown as Internals;
const num = (n: number): string => (Math.round(n * 1000) / 1000).toString();

export class TotalPages {
  private readonly ref: Reference;
  private readonly font: FontInternals;
  private readonly name = 'LotlineTotalPages';

  /** Uses the document's current font and size for the number. */
  constructor(
    private readonly doc: Doc,
    private readonly size: number,
  ) {
    const d = internals(doc);
    this.font = d._font;
    this.ref = d.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, -size, size * 6, size * 1.5], Resources: { Font: { [this.font.id]: this.font.ref() } } });
  }

  /** Draws the total on the current page with its top-left corner at (x, y), in pdfkit's top-down coordinates. */
  place(x: number, y: number): void {
    const d = internals(this.doc);
    d.page.xobjects[this.name] = this.ref;
    const baseline = y + (this.font.ascender / 1000) * this.size;
    // The page's matrix is flipped (y down); the form is drawn upright at the baseline.
    d.addContent(`q 1 0 0 -1 ${num(x)} ${num(baseline)} cm /${this.name} Do Q`);
  }

  /** Writes the total once every page is drawn (before doc.end(), so its glyphs are in the font subset). */
  finish(total: number): void {
    const [glyphs] = this.font.encode(String(total));
    this.ref.write(`BT /${this.font.id} ${num(this.size)} Tf 0 0 Td <${glyphs.join('')}> Tj ET`);
    this.ref.end();
  }
}
