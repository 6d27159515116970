// The device history record laid out: device and UDI, data hash, dates and quantities, acceptance records, the label,
// components (backward trace), service history, status history, signatures.
import type { DhrContent, DhrDisposition } from '../../../common/api/records';
import type { RecordPdf } from '../record-pdf';
import type { LayoutExtras } from './layout-input';
import { dash, inspectionsTable, when, resultsTable, signaturesSection, statusTable } from './sections';
import { specimenSection } from './specimen';

export async function layoutDhr(pdf: RecordPdf, c: DhrContent, x: LayoutExtras, disposition: DhrDisposition | null): Promise<void> {
  const d = c.device;
  await pdf.heading('Device');
  await pdf.keyValues([
    ['Device', `${d.part} — ${d.description}`],
    [d.kind === 'serial' ? 'Serial number' : 'Lot', d.code],
    ['Status', dash(disposition?.status)],
    ['GTIN', dash(d.gtin)],
    ['Work order', c.workOrder ? `${c.workOrder.number} (BOM version ${c.workOrder.bomVersion})` : '—'],
    ['Line', dash(c.workOrder?.line)],
    ['Manufactured', when(c.dates.manufactured)],
    ['Released', when(disposition?.released ?? null)],
    ['Expires', dash(c.dates.expires)],
    ['Quantity made', `${c.quantity.made} ${c.quantity.unit}`],
    ['Quantity released', `${disposition?.quantityReleased ?? '0'} ${c.quantity.unit}`],
  ]);
  await pdf.paragraph(`UDI: ${d.udi ?? 'none (the item has no GTIN)'}`, 'mono', 9);
  await pdf.dataHash(x.sha256, x.attachmentName);

  await pdf.heading('Acceptance records');
  await inspectionsTable(pdf, c.acceptance, false);
  await resultsTable(pdf, c.results, false);

  await specimenSection(pdf, 'Primary identification label and UDI', x.specimen, x.specimenProblem ?? 'The label could not be rendered.');

  await pdf.heading('Components: lots and serials it was made from');
  await pdf.table(
    [
      { header: 'Level', width: 0.6, align: 'right' },
      { header: 'Lot or serial', width: 2.6 },
      { header: 'Description', width: 3.4 },
      { header: 'Quantity', width: 1.2, align: 'right' },
    ],
    c.components.map((n) => [String(n.depth), n.ref, n.description, `${n.quantity} ${n.unit}`]),
  );

  await pdf.heading('Service history');
  await pdf.table(
    [
      { header: 'Number', width: 1.2 },
      { header: 'Kind', width: 1.2 },
      { header: 'Time', width: 2.5 },
      { header: 'What was done', width: 3.6 },
      { header: 'Parts (removed → installed)', width: 2.4 },
      { header: 'By', width: 0.9 },
    ],
    c.service.map((s) => [s.number, s.kind, when(s.at), s.description, s.removed || s.installed ? `${dash(s.removed)} → ${dash(s.installed)}` : '—', s.by]),
    'No service recorded.',
  );

  await pdf.heading('Status history');
  await pdf.paragraph('Status, release and quantity released come from the signed decisions (below) as they stand when this record was generated; they are not part of the signed record data.', 'sans', 8);
  await statusTable(pdf, disposition?.statusHistory ?? []);

  await signaturesSection(pdf, x.signatures);
}
