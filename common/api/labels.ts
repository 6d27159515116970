// Label templates and rendering: the ZPL a printer gets, the PNG preview drawn from that ZPL, and a PDF.
import { z } from 'zod';
import { command, deviceCommand } from './contract';
import { nameField } from './fields';
import { labelDataSchema } from '../labels/data';
import type { LabelDpi, LabelTemplateSummary } from '../labels/template';
import { labelDpis } from '../labels/template';

export const labelFormats = ['zpl', 'png', 'pdf'] as const;
export type LabelFormat = (typeof labelFormats)[number];

export const labelDpiField = z.union(
  labelDpis.map((d) => z.literal(d)),
  { error: `must be one of ${labelDpis.join(', ')} dpi` },
);

const renderInput = z
  .strictObject({
    template: z.string().trim().min(1, 'name a label template'),
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
  .refine((i) => (i.ref === undefined) !== (i.data === undefined), { message: 'give either ref (read from the database) or data, not both', path: ['ref'] });

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

export type { LabelTemplateSummary } from '../labels/template';

export const labelCommands = {
  'labels.templates': command<LabelTemplateSummary[]>()({ input: z.strictObject({}), writes: false, summary: 'The label templates: name, size, what they label, the data they bind' }),
  // Answers later (rendering runs off the database, the PNG in a worker), so it is declared like a device command.
  'labels.render': deviceCommand<RenderedLabel>()({
    input: renderInput,
    writes: false,
    summary: 'Renders a label for a lot, serial or SSCC to ZPL, to a PNG preview of that ZPL, or to PDF',
  }),
};
