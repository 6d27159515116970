// How a label printer reads in the status bar, from its last ~HS answer and its newest print job: colour, icon and
// word together (never colour alone). Pure, so every case is tested without a printer.
import type { PrinterStatusReport, PrintJob } from '../../../common/api/printing';

export type PrinterTone = 'ready' | 'busy' | 'problem' | 'unknown';

export interface PrinterLook {
  tone: PrinterTone;
  /** "ready", "paper out", "no answer", "printing", "checking…". */
  word: string;
  /** The sentence behind the word, for the popover. */
  detail: string | null;
}

export function printerLook(
  report: PrinterStatusReport | undefined,
  job: Pick<PrintJob, 'id' | 'state' | 'problem'> | undefined,
): PrinterLook {
  if (job && (job.state === 'sending' || (job.state === 'awaiting' && !job.problem)))
    return { tone: 'busy', word: 'printing', detail: `Job ${job.id} is with the printer` };
  const waiting = job && (job.state === 'queued' || job.state === 'awaiting') && job.problem ? job : null;
  if (report) {
    if (report.answered && report.ready) {
      return waiting
        ? {
            tone: 'problem',
            word: `ready, job ${waiting.id} waiting`,
            detail: `${report.message}. Job ${waiting.id} is not printed (${waiting.problem ?? ''}): retry it.`,
          }
        : { tone: 'ready', word: 'ready', detail: report.message };
    }
    if (report.answered) return { tone: 'problem', word: report.problems.join(', '), detail: report.message };
    // A print queue takes documents as they come: it has no status to report.
    if (report.problems.length === 0) return { tone: 'unknown', word: 'print queue', detail: report.message };
    return { tone: 'problem', word: 'no answer', detail: report.message };
  }
  if (waiting) return { tone: 'problem', word: `job ${waiting.id} waiting`, detail: waiting.problem };
  return { tone: 'unknown', word: 'checking…', detail: null };
}
