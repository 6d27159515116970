// A template bound to its data: every placeholder filled, every GS1 element checked, HRI lines broken. Both the
// ZPL and the PDF are drawn from this one layout, so they agree element by element.
import { LotlineError } from '../../common/errors';
import { aiDefinition, toBracketed, toElementString } from '../../common/gs1';
import type { Gs1Element } from '../../common/gs1';
import { associationProblem, valueProblem } from '../../common/gs1/validate';
import type { LabelData } from '../../common/labels/data';
import { missingFieldMessage } from '../../common/labels/data';
import type { LabelTemplate, TemplateElement, TemplateGs1Element } from '../../common/labels/template';
import { bind } from './binding';

export type Align = 'left' | 'center' | 'right';

export interface LayoutText {
  kind: 'text';
  x: number;
  y: number;
  size: number;
  bold: boolean;
  /** Width of the block in mm when the text wraps or is aligned; unset for a free line. */
  width: number | undefined;
  lines: number;
  align: Align;
  text: string;
  /** GS1 HRI: drawn in a monospaced face in the PDF so the digits line up as on the printed ZPL. */
  hri: boolean;
}

export interface LayoutDataMatrix {
  kind: 'datamatrix';
  x: number;
  y: number;
  module: number;
  /** GS1 elements for a GS1 DataMatrix; undefined for a plain one. */
  gs1: Gs1Element[] | undefined;
  /** The plain text, or the bracketed GS1 text. */
  text: string;
}

export interface LayoutGs1128 {
  kind: 'gs1-128';
  x: number;
  y: number;
  module: number;
  height: number;
  gs1: Gs1Element[];
  text: string;
}

export interface LayoutBox {
  kind: 'box';
  x: number;
  y: number;
  width: number;
  height: number;
  thickness: number;
}

export type LayoutElement = LayoutText | LayoutDataMatrix | LayoutGs1128 | LayoutBox;

export interface Layout {
  template: string;
  widthMm: number;
  heightMm: number;
  elements: LayoutElement[];
}

/** GS1-128 carries at most 48 data characters (GS1 General Specifications 5.4.1). */
const GS1_128_MAX = 48;
/** Average advance of a character as a fraction of its height: ZPL font 0 measures 0.45–0.55. */
export const CHAR_WIDTH = 0.55;
/** Line pitch as a fraction of the character height. */
export const LINE_PITCH = 1.15;

function refuse(template: string, message: string): never {
  throw new LotlineError('VALIDATION', `${template}: ${message}`);
}

function gs1Elements(template: string, items: readonly TemplateGs1Element[], data: LabelData): Gs1Element[] {
  const out: Gs1Element[] = [];
  for (const item of items) {
    const d = aiDefinition(item.ai);
    if (!d) refuse(template, `(${item.ai}) is not a GS1 Application Identifier`);
    const bound = bind(item.value, data);
    if (!bound.ok) {
      if (item.optional) continue;
      refuse(template, missingFieldMessage(data, bound.missing));
    }
    const problem = valueProblem(d, bound.text);
    if (problem) refuse(template, `the barcode cannot carry (${item.ai}) "${bound.text}": ${problem}`);
    out.push({ ai: item.ai, value: bound.text, title: d.title });
  }
  const problem = associationProblem(out);
  if (problem) refuse(template, `the barcode data is not valid GS1: ${problem}`);
  return out;
}

/** Cuts text that cannot fit its block, so that ZPL and PDF both show the same words. */
function fit(text: string, size: number, width: number | undefined, lines: number): string {
  if (width === undefined) return text;
  const max = Math.floor(width / (size * CHAR_WIDTH)) * lines;
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 3)).trimEnd()}...`;
}

/** Bracketed HRI broken into lines at AI boundaries, each at most `max` characters where possible. */
export function hriLines(elements: readonly Gs1Element[], max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const e of elements) {
    const part = toBracketed([e]);
    if (line !== '' && line.length + part.length > max) {
      lines.push(line);
      line = '';
    }
    line += part;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function place(template: string, e: TemplateElement, data: LabelData, barcodes: Map<string, Gs1Element[]>): LayoutElement[] {
  switch (e.type) {
    case 'text': {
      if (e.when !== undefined && !bind(`{{${e.when}}}`, data).ok) return [];
      const bound = bind(e.text, data);
      if (!bound.ok) {
        if (e.optional) return [];
        refuse(template, missingFieldMessage(data, bound.missing));
      }
      const lines = e.lines ?? 1;
      return [{ kind: 'text', x: e.x, y: e.y, size: e.size, bold: e.bold ?? false, width: e.width, lines, align: e.align ?? 'left', text: fit(bound.text, e.size, e.width, lines), hri: false }];
    }
    case 'datamatrix': {
      if (e.gs1) {
        const gs1 = gs1Elements(template, e.gs1, data);
        if (e.id) barcodes.set(e.id, gs1);
        return [{ kind: 'datamatrix', x: e.x, y: e.y, module: e.module, gs1, text: toBracketed(gs1) }];
      }
      const bound = bind(e.text ?? '', data);
      if (!bound.ok) refuse(template, missingFieldMessage(data, bound.missing));
      return [{ kind: 'datamatrix', x: e.x, y: e.y, module: e.module, gs1: undefined, text: bound.text }];
    }
    case 'gs1-128': {
      const gs1 = gs1Elements(template, e.gs1, data);
      const length = toElementString(gs1).length;
      if (length > GS1_128_MAX) refuse(template, `a GS1-128 barcode carries at most ${GS1_128_MAX} characters; this one would need ${length}`);
      if (e.id) barcodes.set(e.id, gs1);
      return [{ kind: 'gs1-128', x: e.x, y: e.y, module: e.module, height: e.height, gs1, text: toBracketed(gs1) }];
    }
    case 'hri': {
      const gs1 = barcodes.get(e.of);
      if (!gs1) refuse(template, `the HRI names barcode "${e.of}", which must come before it`);
      const max = Math.max(1, Math.floor(e.width / (e.size * CHAR_WIDTH)));
      return hriLines(gs1, max).map((text, i) => ({
        kind: 'text',
        x: e.x,
        y: e.y + i * e.size * LINE_PITCH,
        size: e.size,
        bold: false,
        width: e.width,
        lines: 1,
        align: e.align ?? 'left',
        text,
        hri: true,
      }));
    }
    case 'box':
      return [{ kind: 'box', x: e.x, y: e.y, width: e.width, height: e.height, thickness: e.thickness }];
  }
}

/** Binds the template to the data; refuses with the template's name and what is missing ("udi: item ACME-100 has no GTIN"). */
export function layoutLabel(template: LabelTemplate, data: LabelData): Layout {
  const barcodes = new Map<string, Gs1Element[]>();
  const elements = template.elements.flatMap((e) => place(template.name, e, data, barcodes));
  return { template: template.name, widthMm: template.widthMm, heightMm: template.heightMm, elements };
}
