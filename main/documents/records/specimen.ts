// A label specimen placed on a record page at its real size (capped to the text width).
import type { RecordPdf } from '../record-pdf';
import type { LabelSpecimen } from './layout-input';

const PT_PER_MM = 72 / 25.4;

export async function specimenSection(pdf: RecordPdf, specimen: LabelSpecimen | null, none: string): Promise<void> {
  if (specimen === null) {
    await pdf.paragraph(none, 'sans', 8.5);
    return;
  }
  const scale = Math.min(1, 300 / (specimen.widthMm * PT_PER_MM));
  await pdf.image(specimen.png, specimen.widthMm * PT_PER_MM * scale, specimen.heightMm * PT_PER_MM * scale, specimen.caption);
}
