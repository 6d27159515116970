// What every record layout is given beside its content: the id, the data hash, signatures and the label specimen.
import type { SignatureView } from '../../../common/api/signatures';

export interface LabelSpecimen {
  png: Buffer;
  widthMm: number;
  heightMm: number;
  caption: string;
}

export interface LayoutExtras {
  id: string;
  sha256: string;
  attachmentName: string;
  signatures: readonly SignatureView[];
  specimen: LabelSpecimen | null;
  /** Why there is no specimen, when the label could not be made. */
  specimenProblem?: string | undefined;
}
