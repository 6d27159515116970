// The certificate of analysis laid out: item and lot, data hash, each characteristic with method, specification and
// result, the conformance statement, and the release with its signatures.
import type { CoaContent } from '../../../common/api/records';
import type { RecordPdf } from '../record-pdf';
import type { LayoutExtras } from './layout-input';
import { dash, resultsTable, when, signaturesSection } from './sections';

export async function layoutCoa(pdf: RecordPdf, c: CoaContent, x: LayoutExtras): Promise<void> {
  await pdf.heading('Product and lot');
  await pdf.keyValues([
    ['Item', `${c.item.part} — ${c.item.description}`],
    ['GTIN', dash(c.item.gtin)],
    ['Lot', c.lot.code],
    ['Quantity', `${c.lot.quantity} ${c.lot.unit}`],
    ['Manufactured', when(c.lot.manufactured)],
    ['Expires', dash(c.lot.expires)],
    ['Supplier lot', dash(c.lot.supplierLot)],
    ['Status', c.lot.status],
  ]);
  await pdf.dataHash(x.sha256, x.attachmentName);

  await pdf.heading('Results by characteristic');
  await resultsTable(pdf, c.characteristics, false);
  if (c.earlierResults.length > 0) {
    await pdf.heading('Earlier results (investigated, retested or corrected)');
    await resultsTable(pdf, c.earlierResults, false);
  }

  await pdf.heading('Conformance');
  await pdf.paragraph(c.conformance.statement, 'sansBold', 10);

  await pdf.heading('Release');
  await pdf.keyValues(
    c.release
      ? [
          ['Released', when(c.release.at)],
          ['Released by', c.release.by],
          ['Reason', dash(c.release.reason)],
        ]
      : [['Released', 'Not released']],
  );
  await signaturesSection(pdf, x.signatures, 'Releasing signatures');
}
