// A label specimen placed on a record page at its real size (capped to the text width).
import type { RecordPdf } from '../record-pdf';
import type { LabelSpecimen } from './layout-input';

const PT_PER_MM = 72 / 25.4;

/** The section: its heading kept on the page of the image. */
export async function specimenSection(pdf: RecordPdf, title: string, specimen: LabelSpecimen | null, none: string): Promise<void> {
  const scale = specimen === null ? 1 : Math.min(1, 300 / (specimen.widthMm * PT_PER_MM));
  await pdf.heading(title, specimen === null ? 20 : specimen.heightMm * PT_PER_MM * scale + 20);
  if (specimen === null) {
    await pdf.paragraph(none, 'sans', 8.5);
    return;
  }
  await pdf.image(specimen.png, specimen.widthMm * PT_PER_MM * scale, specimen.heightMm * PT_PER_MM * scale, specimen.caption);
}
