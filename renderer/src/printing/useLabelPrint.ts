// A screen's print of one label at a time: where it stands, and Retry / Reprint / print-again-with-a-reason.
import { useState } from 'react';
import type { PrintJob } from '../../../common/api/printing';
import type { LabelPrintRequest, PrintProgress } from './labelPrinting';
import { printLabel, reprintJob, retryPrintJob } from './labelPrinting';

export function useLabelPrint() {
  const [progress, setProgress] = useState<PrintProgress | null>(null);
  const [last, setLast] = useState<LabelPrintRequest | null>(null);
  const print = (request: LabelPrintRequest) => {
    setLast(request);
    void printLabel(request, setProgress);
  };
  const busy = progress?.phase === 'rendering' || progress?.phase === 'printing';
  return {
    progress,
    busy,
    print,
    retry: (job: PrintJob) => void retryPrintJob(job, setProgress),
    reprint: (job: PrintJob, reason: string) => void reprintJob(job, reason, setProgress),
    printWithReason: (reason: string) => {
      if (last) print({ ...last, reprintReason: reason });
    },
    tryAgain: () => {
      if (last) print(last);
    },
  };
}
