// The electronic batch record laid out: batch facts, data hash, master record, components, reconciliation, yield,
// results, label specimen, steps with who performed and who verified them, deviations, signatures.
import type { EbrContent } from '../../../common/api/records';
import type { RecordPdf } from '../record-pdf';
import type { LayoutExtras } from './layout-input';
import { dash, deviationsTable, when, inspectionsTable, resultsTable, signaturesSection, verifiedBy } from './sections';
import { specimenSection } from './specimen';

export async function layoutEbr(pdf: RecordPdf, c: EbrContent, x: LayoutExtras): Promise<void> {
  await pdf.heading('Batch');
  await pdf.keyValues([
    ['Work order', `${c.workOrder.number} (${c.workOrder.status})`],
    ['Product', `${c.product.part} — ${c.product.description}`],
    ['GTIN', dash(c.product.gtin)],
    ['Lots produced', c.lots.map((l) => `${l.code} (${l.quantity} ${c.workOrder.unit})`).join(', ') || '—'],
    ['Master record', `BOM ${c.product.part} version ${c.masterRecord.bomVersion}, issued ${when(c.masterRecord.approvedAt)}`],
    ['Line and equipment', [c.equipment.line, ...c.equipment.locations].filter(Boolean).join('; ') || '—'],
    ['Work order issued', when(c.workOrder.createdAt)],
    ['Started', when(c.dates.started)],
    ['Finished', when(c.dates.finished)],
    ['Planned quantity', `${c.workOrder.plannedQuantity} ${c.workOrder.unit}`],
    ['Actual yield', `${c.yield.actual} ${c.yield.unit}`],
    ['Yield (actual / theoretical)', c.yield.percent === null ? '—' : `${c.yield.percent}%`],
  ]);
  await pdf.dataHash(x.sha256, x.attachmentName);

  await pdf.heading(`Master record: BOM version ${c.masterRecord.bomVersion}`);
  if (c.masterRecord.note) await pdf.paragraph(c.masterRecord.note, 'sans', 8.5);
  await pdf.table(
    [
      { header: 'Line', width: 0.6, align: 'right' },
      { header: 'Component', width: 1.6 },
      { header: 'Description', width: 4 },
      { header: 'Quantity per unit', width: 1.6, align: 'right' },
    ],
    c.masterRecord.lines.map((l) => [String(l.line), l.part, l.description, `${l.quantityPer} ${l.unit}`]),
  );

  await pdf.heading('Components used');
  await pdf.table(
    [
      { header: 'Event', width: 0.7, align: 'right' },
      { header: 'Time', width: 2.5 },
      { header: 'Component lot', width: 2.2 },
      { header: 'Supplier (lot)', width: 2 },
      { header: 'Quantity', width: 1.1, align: 'right' },
      { header: 'By', width: 0.9 },
      { header: 'Note', width: 2.2 },
    ],
    c.components.map((m) => [
      String(m.eventId),
      when(m.at),
      `${m.ref}\n${m.description}`,
      m.supplier ? `${m.supplier}${m.supplierLot ? ` (${m.supplierLot})` : ''}` : '—',
      `${m.quantity} ${m.unit}`,
      m.by,
      [m.substitutionReason ? `Substitution: ${m.substitutionReason}` : '', m.reversedBy ? `REVERSED by event ${m.reversedBy.eventId} (${m.reversedBy.by}): ${m.reversedBy.reason ?? ''}` : '']
        .filter(Boolean)
        .join('; ') || '—',
    ]),
  );

  await pdf.heading('Material reconciliation');
  await pdf.table(
    [
      { header: 'BOM line', width: 0.8, align: 'right' },
      { header: 'Component', width: 2 },
      { header: 'Required', width: 1.4, align: 'right' },
      { header: 'Consumed', width: 1.4, align: 'right' },
    ],
    c.requirements.map((r) => [String(r.line), r.part, `${r.required} ${r.unit}`, `${r.consumed} ${r.unit}`]),
  );
  await pdf.keyValues([
    ['Theoretical yield', `${c.yield.theoretical} ${c.yield.unit}`],
    ['Actual yield', `${c.yield.actual} ${c.yield.unit}`],
    ['Percentage of theoretical', c.yield.percent === null ? '—' : `${c.yield.percent}%`],
  ]);

  await pdf.heading('In-process and laboratory results');
  await resultsTable(pdf, c.results, true);
  await pdf.heading('Inspections');
  await inspectionsTable(pdf, c.inspections, true);

  await specimenSection(pdf, 'Label used (specimen)', x.specimen, x.specimenProblem ?? 'No lot was produced, so no label was printed.');

  await pdf.heading('Steps: who performed and who verified them');
  await pdf.table(
    [
      { header: 'Event', width: 0.7, align: 'right' },
      { header: 'Time', width: 2.3 },
      { header: 'Step', width: 1.5 },
      { header: 'What', width: 4 },
      { header: 'Performed by', width: 1.1 },
      { header: 'Verified by', width: 1.6 },
    ],
    c.steps.map((s) => [String(s.eventId), when(s.at), s.step, s.detail || '—', s.by, verifiedBy(s)]),
  );
  await pdf.paragraph(
    'Verified by: a second person\'s signature (meaning verified) of that step as recorded; "not verified" marks a significant step no one has verified yet. Each signature below (reviewed, approved, released) binds the whole record data.',
    'sans',
    8,
  );

  await pdf.heading('Deviations and investigations');
  await deviationsTable(pdf, c.deviations);

  await signaturesSection(pdf, x.signatures);
}
