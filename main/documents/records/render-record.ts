// A record PDF from the database: everything is read first (in one read transaction), then the label specimen is
// rendered and the pages are laid out and streamed to the sink, off the database.
import type { Database as Db } from 'better-sqlite3';
import type { DhrDisposition, RecordKind, RecordStatusChange } from '../../../common/api/records';
import { recordKindTitles } from '../../../common/api/records';
import type { SignatureView } from '../../../common/api/signatures';
import { recordData } from '../../core/records/record-data';
import type { RecordData } from '../../core/records/record-data';
import { recordIdOf } from '../../core/records/record-data';
import { decisionSignatures, recordSignatures } from '../../core/records/signable';
import { dhrDisposition } from '../../core/records/dhr';
import { statusChangesOf } from '../../core/records/inspections';
import { eventsOfUnit } from '../../core/events/ledger';
import { resolveRef } from '../../core/units/rows';
import { eventTime, withOffset } from '../../core/time';
import { labelData, renderLabel } from '../../labels/render';
import type { ZplRasterizer } from '../../labels/preview';
import { templateInUse } from '../../labels/templates';
import type { LabelTemplate } from '../../../common/labels/template';
import type { LabelData } from '../../../common/labels/data';
import type { PdfSink } from '../pdf-sink';
import { LotlineError } from '../../../common/errors';
import { RecordPdf } from '../record-pdf';
import { layoutCoa } from './coa-pdf';
import { layoutDhr } from './dhr-pdf';
import { layoutEbr } from './ebr-pdf';
import type { LabelSpecimen, LayoutExtras } from './layout-input';

export const ATTACHMENT_NAME = 'record.json';

/** Everything a record PDF shows, read from the database at one moment. */
export interface RecordSnapshot {
  data: RecordData;
  signatures: SignatureView[];
  label: { template: LabelTemplate; data: LabelData } | null;
  /** A DHR's device status and decisions, printed beside the signed data (each decision is its own signed record). */
  disposition: DhrDisposition | null;
}

export function readRecord(db: Db, kind: RecordKind, ref: string): RecordSnapshot {
  const id = recordIdOf(db, kind, ref);
  const data = recordData(db, kind, id);
  const record = data.record;
  let signatures = recordSignatures(db, kind, id);
  let labelRef: { template: string; ref: string } | null = null;
  let disposition: DhrDisposition | null = null;
  // A release or rejection is its own signed record (lot-decision): its signatures show beside the record's own.
  if (record.kind === 'ebr') {
    labelRef = record.content.label;
    signatures = [...signatures, ...record.content.lots.flatMap((lot) => lotDecisionSignatures(db, lot.ref))];
  } else if (record.kind === 'dhr') {
    labelRef = record.content.label;
    disposition = dhrDisposition(db, record.content.device.ref);
    signatures = [...signatures, ...decisionsSigned(db, disposition.statusHistory)];
  } else if (record.content.release) {
    signatures = [...signatures, ...decisionSignatures(db, record.content.release.eventId)];
  }
  const label = labelRef === null ? null : (() => {
    const template = templateInUse(db, labelRef.template).template;
    return { template, data: labelData(db, template, { ref: labelRef.ref }) };
  })();
  return { data, signatures, label, disposition };
}

/** The signatures of every release and rejection among a unit's status changes. */
function decisionsSigned(db: Db, changes: readonly RecordStatusChange[]): SignatureView[] {
  return changes.filter((c) => c.status === 'released' || c.status === 'rejected').flatMap((c) => decisionSignatures(db, c.eventId));
}

/** The signatures of every release and rejection of lot `ref`. */
function lotDecisionSignatures(db: Db, ref: string): SignatureView[] {
  return decisionsSigned(db, statusChangesOf(eventsOfUnit(db, resolveRef(db, ref).id), ref));
}

export interface RecordRenderOptions {
  generatedBy: string;
  now: Date;
  rasterize?: ZplRasterizer | undefined;
  /** Fixed in tests so the same record gives the same bytes. */
  creationDate?: Date | undefined;
}

function subjectOf(data: RecordData): string {
  const r = data.record;
  if (r.kind === 'ebr') return `Work order ${r.id} — ${r.content.product.part} lot ${r.content.lots.map((l) => l.code).join(', ') || '(none yet)'}`;
  if (r.kind === 'dhr') return `${r.content.device.part} ${r.content.device.kind} ${r.content.device.code}`;
  return `${r.content.item.part} lot ${r.content.lot.code}`;
}

/** The label specimen, or why there is none (an item without a GTIN has no fg-lot label to print). */
async function specimenOf(snapshot: RecordSnapshot, rasterize: ZplRasterizer | undefined): Promise<{ specimen: LabelSpecimen | null; problem?: string }> {
  if (snapshot.label === null) return { specimen: null };
  const { template, data } = snapshot.label;
  let png;
  try {
    png = await renderLabel(template, data, 203, 'png', rasterize ? { rasterize } : {});
  } catch (error) {
    if (!(error instanceof LotlineError) || error.code !== 'VALIDATION') throw error;
    return { specimen: null, problem: `No ${template.name} label can be made for this record (${error.message}), so none was printed.` };
  }
  return {
    specimen: {
      png: Buffer.from(png.content, 'base64'),
      widthMm: template.widthMm,
      heightMm: template.heightMm,
      caption: `Specimen: the ${template.name} label (${template.title}) as printed, rendered from its ZPL at 203 dpi`,
    },
  };
}

/** Lays the record out and streams it into the sink. */
export async function writeRecordPdf(snapshot: RecordSnapshot, sink: PdfSink, options: RecordRenderOptions): Promise<{ pages: number }> {
  const { data } = snapshot;
  const time = eventTime(undefined, options.now);
  const { specimen, problem } = await specimenOf(snapshot, options.rasterize);
  const pdf = new RecordPdf(sink, {
    frame: { kind: recordKindTitles[data.record.kind], subject: subjectOf(data), generatedAt: withOffset(time.utc, time.offset), generatedBy: options.generatedBy },
    attachment: { name: ATTACHMENT_NAME, description: `Lotline ${data.record.kind} record data (canonical JSON; SHA-256 ${data.sha256})`, data: Buffer.from(data.canonical, 'utf8') },
    creationDate: options.creationDate,
  });
  const extras: LayoutExtras = { id: data.record.id, sha256: data.sha256, attachmentName: ATTACHMENT_NAME, signatures: snapshot.signatures, specimen, specimenProblem: problem };
  const r = data.record;
  if (r.kind === 'ebr') await layoutEbr(pdf, r.content, extras);
  else if (r.kind === 'dhr') await layoutDhr(pdf, r.content, extras, snapshot.disposition);
  else await layoutCoa(pdf, r.content, extras);
  return pdf.end();
}
