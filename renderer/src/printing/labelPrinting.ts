// Printing a label from a screen: the label is rendered to ZPL by labels.render (the edited template when there is
// one), queued with printing.print, and followed as it moves (queued → sending → sent → printed, or the printer's
// problem) by asking for the printer's jobs while the print command is with the printer. A print refused because the
// same label was printed before asks for a reprint reason instead of failing.
import type { LabelDpi } from '../../../common/labels/template';
import type { PrintJob } from '../../../common/api/printing';
import { reprintReasonNeededFor } from '../../../common/api/printing';
import { ApiError, call } from '../api/client';

export type PrintProgress =
  | { phase: 'rendering' }
  /** With the printer; `job` once it shows in the queue. */
  | { phase: 'printing'; job: PrintJob | null }
  | { phase: 'done'; job: PrintJob }
  /** The same label was printed before (job `earlier`): printing it again needs a reason. */
  | { phase: 'needs-reason'; earlier: number; message: string }
  | { phase: 'error'; message: string };

export interface LabelPrintRequest {
  printer: string;
  template: string;
  /** The lot or serial (PART:LOT, PART#SERIAL), or for the sscc template the SSCC. */
  ref: string;
  /** sscc template: the shipment the case goes on. */
  shipment?: string | undefined;
  /** sscc template: the ship-to when the case is on no shipment yet. */
  shipTo?: { name: string; address?: string | undefined } | undefined;
  dpi: LabelDpi;
  copies: number;
  reprintReason?: string | undefined;
}

type Report = (progress: PrintProgress) => void;

const FOLLOW_MS = 400;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs a device command while showing the job it creates as it moves: the printer's newest jobs are read every
 * 400 ms until the command answers, and the one that is new since `after` (and matches) is reported.
 */
async function follow(
  run: Promise<PrintJob>,
  printer: string,
  after: number,
  matches: (job: PrintJob) => boolean,
  report: Report,
): Promise<PrintJob> {
  let answered = false;
  const finished = run.finally(() => (answered = true));
  const watch = (async () => {
    while (!answered) {
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
      if (answered) return;
      const jobs = await call('printing.jobs', { printer, limit: 5 }).catch(() => []);
      const job = jobs.find((j) => j.id > after && matches(j));
      if (job && !answered) report({ phase: 'printing', job });
    }
  })();
  const job = await finished;
  await watch;
  return job;
}

/** The newest job id for the printer, so the job a print makes can be told from earlier ones. */
async function newestJobId(printer: string): Promise<number> {
  const [newest] = await call('printing.jobs', { printer, limit: 1 }).catch(() => []);
  return newest?.id ?? 0;
}

function failed(error: unknown, report: Report): PrintProgress {
  const earlier = error instanceof ApiError && error.code === 'CONFLICT' ? reprintReasonNeededFor(error.details) : null;
  const progress: PrintProgress =
    earlier !== null ? { phase: 'needs-reason', earlier, message: message(error) } : { phase: 'error', message: message(error) };
  report(progress);
  return progress;
}

/** Renders the label to ZPL and prints it, reporting each step. Resolves with the last step (never rejects). */
export async function printLabel(request: LabelPrintRequest, report: Report): Promise<PrintProgress> {
  report({ phase: 'rendering' });
  try {
    const label = await call('labels.render', {
      template: request.template,
      ref: request.ref,
      ...(request.shipment ? { shipment: request.shipment } : {}),
      ...(request.shipTo ? { shipTo: request.shipTo } : {}),
      dpi: request.dpi,
      format: 'zpl',
    });
    const after = await newestJobId(request.printer);
    report({ phase: 'printing', job: null });
    const printing = call('printing.print', {
      printer: request.printer,
      zpl: label.content,
      template: request.template,
      ref: request.ref,
      copies: request.copies,
      ...(request.reprintReason ? { reprintReason: request.reprintReason } : {}),
    });
    const job = await follow(printing, request.printer, after, (j) => j.template === request.template && j.ref === request.ref, report);
    const done: PrintProgress = { phase: 'done', job };
    report(done);
    return done;
  } catch (error) {
    return failed(error, report);
  }
}

/** Tries a job again: sends a queued one, or asks the printer again about one sent. */
export async function retryPrintJob(job: PrintJob, report: Report): Promise<PrintProgress> {
  report({ phase: 'printing', job });
  try {
    const printing = call('printing.retry', { job: job.id }).then((jobs) => {
      const again = jobs.find((j) => j.id === job.id);
      if (!again) throw new ApiError('INTERNAL', `The printer's queue did not answer for job ${job.id}`);
      return again;
    });
    const again = await follow(printing, job.printer, job.id - 1, (j) => j.id === job.id, report);
    const done: PrintProgress = { phase: 'done', job: again };
    report(done);
    return done;
  } catch (error) {
    return failed(error, report);
  }
}

/** Prints the exact bytes of an earlier job again, as a reprint with its reason. */
export async function reprintJob(job: PrintJob, reason: string, report: Report): Promise<PrintProgress> {
  report({ phase: 'printing', job: null });
  try {
    const after = await newestJobId(job.printer);
    const printing = call('printing.reprint', { job: job.id, reason });
    const again = await follow(printing, job.printer, after, (j) => j.reprint?.of === job.id, report);
    const done: PrintProgress = { phase: 'done', job: again };
    report(done);
    return done;
  } catch (error) {
    return failed(error, report);
  }
}
