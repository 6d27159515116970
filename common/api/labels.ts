// Label templates and rendering: the ZPL a printer gets, the PNG preview drawn from that ZPL, and a PDF.
import { z } from 'zod';
import { command, deviceCommand } from './contract';
import { nameField, reasonField } from './fields';
import { labelDataSchema } from '../labels/data';
import type { LabelDpi, LabelTemplate, LabelTemplateSource, LabelTemplateSummary } from '../labels/template';
import { labelDpis } from '../labels/template';

export const labelFormats = ['zpl', 'png', 'pdf'] as const;
export type LabelFormat = (typeof labelFormats)[number];

export const labelDpiField = z.union(
  labelDpis.map((d) => z.literal(d)),
  { error: `must be one of ${labelDpis.join(', ')} dpi` },
);

const templateNameField = z.string().trim().min(1, 'name a label template').max(40);
/** A template as JSON, checked against the template schema by the command (every issue reported with its path). */
const definitionField = z.record(z.string(), z.unknown(), { error: 'must be a label template: a JSON object' });
/** The version an editor started from: a save or revert is refused when another was stored since. */
const expectedVersionField = z.number().int().min(0);

const renderInput = z
  .strictObject({
    template: templateNameField.optional(),
    /** A template given whole (an edit not saved yet, for its preview) instead of a template's name. */
    definition: definitionField.optional(),
    /** A lot or serial (PART:LOT, PART#SERIAL, GS1 data); for the sscc template, the SSCC (18 digits or (00)…). */
    ref: z.string().trim().min(1).max(200).optional(),
    /** The label's data given whole instead of read from the database. */
    data: labelDataSchema.optional(),
    /** sscc template: the shipment the case or pallet goes on (its ship-to, customer, date, carrier). */
    shipment: z.string().trim().min(1).max(40).optional(),
    /** sscc template: the ship-to when there is no shipment. */
    shipTo: z.strictObject({ name: nameField, address: z.string().trim().max(400).optional() }).optional(),
    dpi: labelDpiField.default(203),
    format: z.enum(labelFormats, { error: `must be one of ${labelFormats.join(', ')}` }).default('zpl'),
  })
  .refine((i) => (i.ref === undefined) !== (i.data === undefined), { message: 'give either ref (read from the database) or data, not both', path: ['ref'] })
  .refine((i) => (i.template === undefined) !== (i.definition === undefined), { message: 'give either a template name or a template definition, not both', path: ['template'] });

export interface RenderedLabel {
  template: string;
  format: LabelFormat;
  dpi: LabelDpi;
  widthMm: number;
  heightMm: number;
  mimeType: 'text/plain' | 'image/png' | 'application/pdf';
  /** ZPL as text; PNG and PDF as base64. */
  content: string;
  /** The ZPL the label prints as (the PNG is a rendering of exactly this). */
  zpl: string;
}

export type { LabelTemplateSummary, LabelTemplateSource, TemplateIssue } from '../labels/template';

/** One stored version of a template: an edit, or a revert to the shipped template. */
export interface LabelTemplateVersion {
  version: number;
  source: LabelTemplateSource;
  at: string;
  by: string;
  reason: string;
}

export interface LabelTemplateDetail extends LabelTemplateSummary {
  /** The template in use. */
  definition: LabelTemplate;
  /** The template as shipped in resources/labels. */
  shipped: LabelTemplate;
  /** Stored versions, newest first (empty while never edited). */
  history: LabelTemplateVersion[];
}

export const labelCommands = {
  'labels.templates': command<LabelTemplateSummary[]>()({
    input: z.strictObject({}),
    writes: false,
    summary: 'The label templates: name, size, what they label, the data they bind, shipped or edited and the version in use',
  }),
  'labels.template': command<LabelTemplateDetail>()({
    input: z.strictObject({ name: templateNameField }),
    writes: false,
    summary: 'One label template: its definition in use, the shipped definition, and every edited version with who, when and why',
  }),
  'labels.saveTemplate': command<LabelTemplateDetail>()({
    input: z.strictObject({ definition: definitionField, reason: reasonField, expectedVersion: expectedVersionField.optional() }),
    writes: true,
    summary: 'Save an edited label template as a new version (audited, with the reason); it overrides the shipped template of its name',
  }),
  'labels.revertTemplate': command<LabelTemplateDetail>()({
    input: z.strictObject({ name: templateNameField, reason: reasonField, expectedVersion: expectedVersionField.optional() }),
    writes: true,
    summary: 'Go back to the shipped label template: a new version, audited with the reason',
  }),
  // Answers later (rendering runs off the database, the PNG in a worker), so it is declared like a device command.
  'labels.render': deviceCommand<RenderedLabel>()({
    input: renderInput,
    writes: false,
    summary: 'Renders a label for a lot, serial or SSCC to ZPL, to a PNG preview of that ZPL, or to PDF',
  }),
};
