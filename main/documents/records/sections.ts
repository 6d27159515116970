// Sections more than one record prints: test results, inspections, deviations, status history and signatures.
import type { RecordDeviation, RecordInspection, RecordResult, RecordStatusChange, StepVerified } from '../../../common/api/records';
import type { SignatureView } from '../../../common/api/signatures';
import type { Manifestation, RecordPdf } from '../record-pdf';

const dash = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : v);
export { dash };

/** An ISO time with zone as people read it: 2026-05-07 08:00:00 +01:00 (the data keeps the ISO form). */
export const when = (iso: string | null | undefined): string =>
  iso ? iso.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/, (_m, d: string, t: string, z: string) => `${d} ${t} ${z === 'Z' ? '+00:00' : z}`) : '—';

export async function resultsTable(pdf: RecordPdf, results: readonly (RecordResult & { ref?: string })[], withRef: boolean): Promise<void> {
  await pdf.table(
    [
      ...(withRef ? [{ header: 'Lot', width: 2.2 }] : []),
      { header: 'Characteristic', width: 2.2 },
      { header: 'Method', width: 2 },
      { header: 'Specification', width: 1.8 },
      { header: 'Result', width: 1.4 },
      { header: 'Outcome', width: 1.2 },
      { header: 'Tested (by, equipment)', width: 3 },
    ],
    results.map((r) => [
      ...(withRef ? [r.ref ?? ''] : []),
      `${r.characteristic} (spec v${r.specVersion})`,
      r.method,
      r.specification,
      r.value,
      `${r.outcome.toUpperCase()}${r.superseded ? ' (superseded)' : ''}${r.nonconformance ? ` · ${r.nonconformance}` : ''}`,
      `${when(r.testedAt)} by ${r.testedBy}${r.equipment ? ` on ${r.equipment}` : ''}${r.correctionReason ? ` — correction: ${r.correctionReason}` : ''}`,
    ]),
    'No test results are recorded.',
  );
}

/** "qa1, 2026-05-06T14:03+01:00" for a verified step; "not verified" for a significant one without; "—" otherwise. */
export function verifiedBy(step: { verified: StepVerified | null; significant?: boolean }): string {
  if (step.verified) return `${step.verified.by}, ${when(step.verified.at)}`;
  return step.significant === false ? '—' : 'not verified';
}

export async function inspectionsTable(pdf: RecordPdf, inspections: readonly (RecordInspection & { ref?: string })[], withRef: boolean): Promise<void> {
  await pdf.table(
    [
      { header: 'Event', width: 0.8, align: 'right' },
      ...(withRef ? [{ header: 'Lot', width: 2 }] : []),
      { header: 'Time', width: 2.5 },
      { header: 'Result', width: 0.9 },
      { header: 'Note', width: 3.5 },
      { header: 'Status set', width: 1.1 },
      { header: 'Performed by', width: 1.1 },
      { header: 'Verified by', width: 1.4 },
    ],
    inspections.map((i) => [
      String(i.eventId),
      ...(withRef ? [i.ref ?? ''] : []),
      when(i.at),
      i.result.toUpperCase(),
      dash(i.note),
      dash(i.statusTo),
      i.by,
      i.statusTo === 'released' || i.statusTo === 'rejected' ? 'signed decision' : verifiedBy(i),
    ]),
    'No inspections are recorded.',
  );
}

export async function deviationsTable(pdf: RecordPdf, deviations: readonly RecordDeviation[]): Promise<void> {
  await pdf.table(
    [
      { header: 'Kind', width: 1.4 },
      { header: 'Event', width: 0.8, align: 'right' },
      { header: 'Time', width: 2.5 },
      { header: 'By', width: 1 },
      { header: 'What happened', width: 3.2 },
      { header: 'Investigation', width: 3.2 },
    ],
    deviations.map((d) => [d.kind, d.eventId === null ? '—' : String(d.eventId), when(d.at), d.by, d.description, dash(d.investigation)]),
    'No deviations: no substitutions, reversals, over-production, failed tests or out-of-spec results.',
  );
}

export async function statusTable(pdf: RecordPdf, changes: readonly RecordStatusChange[]): Promise<void> {
  await pdf.table(
    [
      { header: 'Time', width: 2.5 },
      { header: 'Status', width: 1.2 },
      { header: 'Reason', width: 4.5 },
      { header: 'By', width: 1.2 },
    ],
    changes.map((c) => [when(c.at), c.status, dash(c.reason), c.by]),
  );
}

export function manifestations(signatures: readonly SignatureView[]): Manifestation[] {
  return signatures.map((s) => ({
    name: s.printedName,
    at: s.signedAt,
    meaning: s.meaning,
    valid: s.valid,
    note: s.invalidReason ?? undefined,
  }));
}

export async function signaturesSection(pdf: RecordPdf, signatures: readonly SignatureView[], title = 'Signatures'): Promise<void> {
  await pdf.heading(title);
  await pdf.signatures(manifestations(signatures), 'Not signed yet. A signature binds the record data SHA-256 printed above.');
}
