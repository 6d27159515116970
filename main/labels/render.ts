// One label, three outputs from one layout: ZPL for the printer, the PNG preview rendered from that ZPL, and PDF.
import type { Database as Db } from 'better-sqlite3';
import type { LabelFormat, RenderedLabel } from '../../common/api/labels';
import { LotlineError } from '../../common/errors';
import type { LabelData } from '../../common/labels/data';
import type { LabelDpi, LabelTemplate } from '../../common/labels/template';
import { dotsPerMm } from '../../common/labels/template';
import { labelDataForRef, shippingLabelData } from '../core/labels/label-data';
import { layoutLabel } from './layout';
import { toPdf } from './pdf';
import { renderZplPreview } from './preview';
import type { ZplRasterizer } from './preview';
import { parseTemplate, templateInUse } from './templates';
import { toZpl } from './zpl';

export interface LabelSource {
  ref?: string | undefined;
  data?: LabelData | undefined;
  shipment?: string | undefined;
  shipTo?: { name: string; address?: string | undefined } | undefined;
}

/** The label's data: given whole, or read from the database by the reference the template's subject expects. */
export function labelData(db: Db, template: LabelTemplate, source: LabelSource): LabelData {
  if (source.data !== undefined) return source.data;
  if (source.ref === undefined) throw new LotlineError('VALIDATION', `${template.name}: name the ${template.subject === 'sscc' ? 'SSCC' : template.subject} to label (ref) or give its data`);
  if (template.subject === 'sscc') return shippingLabelData(db, { sscc: source.ref, shipment: source.shipment, shipTo: source.shipTo });
  if (source.shipment !== undefined || source.shipTo !== undefined) {
    throw new LotlineError('VALIDATION', `${template.name}: shipment and ship-to belong on the sscc label, not on a ${template.subject} label`);
  }
  return labelDataForRef(db, source.ref, template.subject, template.name);
}

const MIME = { zpl: 'text/plain', png: 'image/png', pdf: 'application/pdf' } as const;

export interface RenderOptions {
  rasterize?: ZplRasterizer;
  creationDate?: Date;
}

/** Renders bound data; the ZPL is always made, and the PNG is drawn from it. */
export async function renderLabel(template: LabelTemplate, data: LabelData, dpi: LabelDpi, format: LabelFormat, options: RenderOptions = {}): Promise<RenderedLabel> {
  const layout = layoutLabel(template, data);
  const zpl = toZpl(layout, dpi);
  const base = { template: template.name, format, dpi, widthMm: template.widthMm, heightMm: template.heightMm, mimeType: MIME[format], zpl };
  if (format === 'zpl') return { ...base, content: zpl };
  if (format === 'png') {
    // The image is exactly ^PW × ^LL dots: the renderer is given the size those whole dots make.
    const dpmm = dotsPerMm[dpi];
    const whole = (mm: number) => Math.round(mm * dpmm) / dpmm;
    const png = await (options.rasterize ?? renderZplPreview)({ zpl, widthMm: whole(template.widthMm), heightMm: whole(template.heightMm), dotsPerMm: dpmm });
    return { ...base, content: png.toString('base64') };
  }
  const pdf = await toPdf(layout, { title: `${template.title}: ${subjectName(data)}`, creationDate: options.creationDate });
  return { ...base, content: pdf.toString('base64') };
}

function subjectName(data: LabelData): string {
  return data.serial?.ref ?? data.lot?.ref ?? (data.sscc ? `SSCC ${data.sscc.code}` : 'label');
}

export interface RenderRequest extends LabelSource {
  /** The template by name (its edited version when there is one), or a definition given whole (an unsaved edit). */
  template?: string | undefined;
  definition?: unknown;
  dpi: LabelDpi;
  format: LabelFormat;
}

/**
 * The api's labels.render: the template and the data are read at once (inside the command's read transaction);
 * rendering happens after, off the database.
 */
export function renderLabelFor(db: Db, request: RenderRequest, options: RenderOptions = {}): Promise<RenderedLabel> {
  const template = request.definition !== undefined ? parseTemplate(request.definition) : templateInUse(db, request.template ?? '').template;
  const data = labelData(db, template, request);
  return renderLabel(template, data, request.dpi, request.format, options);
}
