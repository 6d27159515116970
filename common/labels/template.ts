// Label templates as data (resources/labels/*.json): a size in millimetres and elements placed in millimetres from
// the top-left corner. Text and barcode data bind to the label's data by name: "Lot {{lot.code}}", and a filter
// after a bar: "{{lot.expiry|yymmdd}}" (the GS1 date form).
import { z } from 'zod';

export const labelDpis = [203, 300, 600] as const;
export type LabelDpi = (typeof labelDpis)[number];

/** Printhead resolutions are whole dots per millimetre: 203 dpi is 8 dots/mm, 300 is 12, 600 is 24. */
export const dotsPerMm: Record<LabelDpi, number> = { 203: 8, 300: 12, 600: 24 };

export const labelSubjects = ['lot', 'serial', 'sscc'] as const;
/** What a label is about: a lot, a serial, or a logistic unit named by its SSCC. */
export type LabelSubject = (typeof labelSubjects)[number];

const mm = z.number().min(0).max(400);
const positive = z.number().positive().max(400);
const bound = z.string().min(1).max(400);
const id = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be a short lower-case name');

const gs1Element = z.strictObject({
  ai: z.string().regex(/^\d{2,4}$/, 'must be a GS1 Application Identifier (2 to 4 digits)'),
  value: bound,
  /** Left out of the barcode when its data is missing (an expiry date on an item without shelf life). */
  optional: z.boolean().optional(),
});
export type TemplateGs1Element = z.infer<typeof gs1Element>;

const text = z.strictObject({
  type: z.literal('text'),
  x: mm,
  y: mm,
  /** Character height in mm. */
  size: positive,
  text: bound,
  bold: z.boolean().optional(),
  /** Width of the text block in mm; longer text wraps onto `lines` lines and is cut with "..." after them. */
  width: positive.optional(),
  lines: z.number().int().min(1).max(6).optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
  /** Left off the label when its data is missing, instead of refusing the label. */
  optional: z.boolean().optional(),
  /** Printed only when this data name has a value: a caption such as "USE BY" over an optional date. */
  when: z.string().regex(/^[A-Za-z]+\.[A-Za-z]+$/, 'must be a data name such as lot.expiry').optional(),
});

const dataMatrix = z
  .strictObject({
    type: z.literal('datamatrix'),
    id: id.optional(),
    x: mm,
    y: mm,
    /** Module (cell) size in mm; rounded to whole dots at each resolution. */
    module: positive,
    /** GS1 DataMatrix: FNC1 first, element string built by the GS1 encoder. */
    gs1: z.array(gs1Element).min(1).optional(),
    /** Plain DataMatrix of this text (e.g. Lotline's own PART:LOT). */
    text: bound.optional(),
  })
  .refine((e) => (e.gs1 === undefined) !== (e.text === undefined), 'a datamatrix carries either gs1 elements or text, not both');

const gs1128 = z.strictObject({
  type: z.literal('gs1-128'),
  id: id.optional(),
  x: mm,
  y: mm,
  /** Narrow bar width in mm; rounded to whole dots at each resolution. */
  module: positive,
  height: positive,
  gs1: z.array(gs1Element).min(1),
});

/** The human-readable interpretation of a GS1 barcode, bracketed, broken at AI boundaries to fit the width. */
const hri = z.strictObject({
  type: z.literal('hri'),
  of: id,
  x: mm,
  y: mm,
  size: positive,
  width: positive,
  align: z.enum(['left', 'center', 'right']).optional(),
});

const box = z.strictObject({
  type: z.literal('box'),
  x: mm,
  y: mm,
  width: positive,
  height: positive,
  /** Line thickness in mm; a box as thick as it is high is a filled bar or a rule. */
  thickness: positive,
});

// Discriminated by type, so a broken element is reported by its own fields, not as "Invalid input" for the whole union.
export const templateElementSchema = z.discriminatedUnion('type', [text, dataMatrix, gs1128, hri, box]);
export type TemplateElement = z.infer<typeof templateElementSchema>;

export const labelTemplateSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and -'),
    title: z.string().min(1).max(80),
    description: z.string().max(400),
    subject: z.enum(labelSubjects),
    widthMm: positive,
    heightMm: positive,
    elements: z.array(templateElementSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const barcodes = new Set(t.elements.flatMap((e) => ('id' in e && e.id !== undefined ? [e.id] : [])));
    t.elements.forEach((e, i) => {
      if (e.type === 'hri' && !barcodes.has(e.of)) ctx.addIssue({ code: 'custom', path: ['elements', i, 'of'], message: `no barcode has id "${e.of}"` });
      if (e.x >= t.widthMm || e.y >= t.heightMm) ctx.addIssue({ code: 'custom', path: ['elements', i], message: `starts outside the ${t.widthMm} × ${t.heightMm} mm label` });
    });
  });
export type LabelTemplate = z.infer<typeof labelTemplateSchema>;

/** What `labels.templates` lists. */
export interface LabelTemplateSummary {
  name: string;
  title: string;
  description: string;
  subject: LabelSubject;
  widthMm: number;
  heightMm: number;
  /** The data names the template binds, e.g. ["item.gtin", "lot.code"]. */
  fields: string[];
  /** shipped: as in resources/labels; edited: a version saved in the app overrides it. */
  source: LabelTemplateSource;
  /** The stored version in use (0: the shipped template, never edited; a revert to it is a version too). */
  version: number;
}

export type LabelTemplateSource = 'shipped' | 'edited';

/** One place where a template breaks the schema or binds something that is not label data. */
export interface TemplateIssue {
  /** Where, as elements.2.gs1.0.ai ("" for the template as a whole). */
  path: string;
  message: string;
}
