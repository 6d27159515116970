// Quality record PDFs: the electronic batch record (21 CFR 211.188), the device history record (21 CFR 820.184,
// ISO 13485 §7.5) and the certificate of analysis, each built from record data that is a pure function of the trace
// database, printed with its SHA-256 and attached to the PDF as JSON, so `records.verify` can check a PDF later.
import { z } from 'zod';
import { deviceCommand } from './contract';

export const recordKinds = ['ebr', 'dhr', 'coa'] as const;
export type RecordKind = (typeof recordKinds)[number];

export const recordKindTitles: Record<RecordKind, string> = {
  ebr: 'Electronic batch record',
  dhr: 'Device history record',
  coa: 'Certificate of analysis',
};

const kindField = z.enum(recordKinds, { error: `must be one of ${recordKinds.join(', ')}` });
/** For ebr the lot a work order produced (or the work order's number), for dhr a serial or device lot, for coa a lot. */
const refField = z.string().trim().min(1, 'name the lot, serial or work order').max(200);
const filePathField = z.string().trim().min(1).max(4096);

/** Who did something and when: the event's actor and its time with the zone it happened in. */
export interface RecordStamp {
  eventId: number;
  at: string;
  by: string;
}

export interface RecordItem {
  part: string;
  description: string;
  gtin: string | null;
}

/** A test result as a record prints it (from the quality module's results). */
export interface RecordResult {
  characteristic: string;
  method: string;
  specVersion: number;
  specification: string;
  value: string;
  outcome: 'pass' | 'fail';
  equipment: string | null;
  testedAt: string;
  testedBy: string;
  /** Superseded by a correction: kept and printed, but it no longer counts. */
  superseded: boolean;
  correctionReason: string | null;
  nonconformance: string | null;
}

/** A second person's "verified" signature of a significant step, while it holds for the step as recorded. */
export interface StepVerified {
  by: string;
  at: string;
}

/** An inspection recorded as an event (incoming/release inspection, the serialise station's PASS/FAIL). */
export interface RecordInspection extends RecordStamp {
  result: 'pass' | 'fail';
  note: string | null;
  /** The status the inspection set (released, rejected), when it set one. */
  statusTo: string | null;
  /** Who verified the inspection (a test; null for a release or rejection, which is signed as a decision). */
  verified: StepVerified | null;
}

export interface RecordDeviation {
  kind: 'substitution' | 'reversal' | 'over-production' | 'failed-test' | 'out-of-spec' | 'nonconformance';
  eventId: number | null;
  at: string;
  by: string;
  description: string;
  /** The investigation: a nonconformance's root cause and disposition, or the reason given at the time. */
  investigation: string | null;
}

export interface RecordStatusChange {
  /** The status event (a signed release or rejection signs it as a lot-decision record). */
  eventId: number;
  at: string;
  status: string;
  reason: string | null;
  by: string;
}

export interface EbrContent {
  workOrder: { number: string; status: string; line: string | null; createdAt: string; closedAt: string | null; plannedQuantity: string; unit: string };
  product: RecordItem;
  /**
   * The lots the work order produced (the record's REF is one of them). Their status and QA's release or rejection are
   * not part of the batch record's data: a decision is its own signed record (lot-decision), so a review signed before
   * the release still holds for the batch record after it.
   */
  lots: { ref: string; code: string; quantity: string; producedAt: string | null; expiresAt: string | null }[];
  masterRecord: { bomVersion: number; note: string | null; approvedAt: string; lines: { line: number; part: string; description: string; quantityPer: string; unit: string }[] };
  dates: { started: string | null; finished: string | null };
  equipment: { line: string | null; locations: string[] };
  components: (RecordStamp & {
    ref: string;
    part: string;
    description: string;
    quantity: string;
    unit: string;
    supplier: string | null;
    supplierLot: string | null;
    substitutionReason: string | null;
    reversedBy: (RecordStamp & { reason: string | null }) | null;
  })[];
  requirements: { line: number; part: string; required: string; consumed: string; unit: string }[];
  yield: { theoretical: string; actual: string; unit: string; percent: number | null };
  results: (RecordResult & { ref: string })[];
  inspections: (RecordInspection & { ref: string })[];
  /** The label printed for each lot: a specimen is rendered from this template and data. */
  label: { template: string; ref: string } | null;
  /** Each step with who performed it and, for significant steps, who verified it. */
  steps: (RecordStamp & { step: string; detail: string; significant: boolean; verified: StepVerified | null })[];
  deviations: RecordDeviation[];
}

/**
 * The device history record as signed. The device's status and its release or rejection are not in it: each decision
 * is its own signed record (see DhrDisposition), so a review signed before the release still holds after it.
 */
export interface DhrContent {
  device: RecordItem & { ref: string; kind: 'lot' | 'serial'; code: string; udi: string | null };
  workOrder: { number: string; bomVersion: number; line: string | null } | null;
  dates: { manufactured: string | null; expires: string | null };
  quantity: { made: string; unit: string };
  acceptance: RecordInspection[];
  results: RecordResult[];
  label: { template: string; ref: string };
  /** The backward trace: every lot and serial the device was made from, by level. */
  components: { depth: number; ref: string; kind: 'lot' | 'serial'; part: string; description: string; code: string; quantity: string; unit: string }[];
  service: { number: string; kind: string; at: string; by: string; description: string; removed: string | null; installed: string | null }[];
}

/** A device's disposition as the record prints it beside the signed data: status now, and the decisions behind it. */
export interface DhrDisposition {
  status: string;
  /** When the latest decision was a release: its time. */
  released: string | null;
  quantityReleased: string;
  statusHistory: RecordStatusChange[];
}

export interface CoaContent {
  item: RecordItem;
  lot: { ref: string; code: string; quantity: string; unit: string; manufactured: string | null; expires: string | null; supplierLot: string | null; status: string };
  /** The reportable result of each characteristic: its latest result that no correction superseded. */
  characteristics: RecordResult[];
  /** Earlier results of the same characteristics (an out-of-spec result investigated and retested), kept on record. */
  earlierResults: RecordResult[];
  conformance: { conforms: boolean; statement: string };
  release: RecordStatusChange | null;
}

export type RecordContent = { kind: 'ebr'; content: EbrContent } | { kind: 'dhr'; content: DhrContent } | { kind: 'coa'; content: CoaContent };

export interface RenderedRecord {
  kind: RecordKind;
  /** The record's id as signatures name it: the work order number for ebr, the unit reference for dhr and coa. */
  id: string;
  title: string;
  pages: number;
  /** SHA-256 of the attached record data (canonical JSON of { kind, id, content }), as printed on page 1. */
  sha256: string;
  bytes: number;
  /** The PDF as base64, unless it was written to `file`. */
  content?: string;
  file?: string;
}

export interface RecordDifference {
  /** JSON path in the record data: content.components[2].quantity */
  path: string;
  inPdf: unknown;
  now: unknown;
}

export interface RecordVerification {
  ok: boolean;
  kind: string | null;
  id: string | null;
  /** The SHA-256 printed on page 1, the one of the attached data as it is, and the one of the database's data now. */
  printedSha256: string | null;
  attachedSha256: string | null;
  currentSha256: string | null;
  /** Each check in words, failed ones first. */
  problems: string[];
  differences: RecordDifference[];
}

export const recordCommands = {
  // Rendering takes seconds for long records: it runs after the data is read, outside any transaction.
  'records.render': deviceCommand<RenderedRecord>()({
    input: z.strictObject({
      kind: kindField,
      ref: refField,
      /** Write the PDF to this path instead of answering with it (long records stream to the file page by page). */
      file: filePathField.optional(),
    }),
    writes: false,
    summary: 'Builds an EBR, DHR or CoA as a PDF/A-3 with its data attached and the data SHA-256 printed; to a file or as base64',
  }),
  'records.verify': deviceCommand<RecordVerification>()({
    input: z
      .strictObject({ file: filePathField.optional(), content: z.base64({ error: 'must be the PDF as base64' }).optional() })
      .refine((i) => (i.file === undefined) !== (i.content === undefined), { message: 'give either file or content (base64), not both', path: ['file'] }),
    writes: false,
    summary: "Checks a record PDF: its attached data against the printed SHA-256 and against the database's record data now, naming every difference",
  }),
};
