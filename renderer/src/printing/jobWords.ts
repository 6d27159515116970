// A print job's state in words for the operator, with the tone of its banner and what can be done next. Pure, so
// every state is tested without a printer.
import type { PrintJob } from '../../../common/api/printing';

export type JobTone = 'accepted' | 'attention' | 'refused' | 'info';

export interface JobWords {
  tone: JobTone;
  /** "Printed", "Queued — not sent", "Sent — waiting for the printer to confirm". */
  title: string;
  /** The printer's problem as the spooler wrote it ("Printer ZT410 at 10.0.0.5:9100: paper out"), when there is one. */
  detail: string | null;
  /** Retry sends a queued job or asks again about one sent; a printed or failed label is printed again only as a reprint. */
  next: 'retry' | 'reprint' | 'wait';
}

export function printJobWords(job: Pick<PrintJob, 'state' | 'problem' | 'copies' | 'reprint'>): JobWords {
  const what = `${job.reprint ? 'Reprint' : job.copies > 1 ? `${job.copies} copies` : 'Label'}`;
  switch (job.state) {
    case 'queued':
      return job.problem
        ? { tone: 'attention', title: `${what} queued — not sent`, detail: job.problem, next: 'retry' }
        : { tone: 'info', title: `${what} queued`, detail: null, next: 'wait' };
    case 'sending':
      return { tone: 'info', title: `${what} sending…`, detail: null, next: 'wait' };
    case 'awaiting':
      return job.problem
        ? { tone: 'attention', title: `${what} sent — not confirmed`, detail: job.problem, next: 'retry' }
        : { tone: 'info', title: `${what} sent — waiting for the printer to confirm`, detail: null, next: 'wait' };
    case 'printed':
      return { tone: 'accepted', title: `${what} printed`, detail: null, next: 'reprint' };
    case 'failed':
      return { tone: 'refused', title: `${what} failed`, detail: job.problem, next: 'reprint' };
  }
}
