// Drives queued jobs to their printers. A job is sent only after the printer reports ready (~HS), so a failure
// before sending leaves it queued and a retry sends it once; after sending, it is recorded as printed only when the
// printer confirms (nothing left in its buffer, no error). Jobs for one printer go one at a time.
import type { PrinterAddress, PrinterStatusReport, PrintJob } from '../../../common/api/printing';
import { parsePrinterAddress, printerTitle } from '../../../common/api/printing';
import { LotlineError } from '../../../common/errors';
import { openPrinterLink } from '../../devices/printers/connect';
import type { ConnectPrinter } from '../../devices/printers/connect';
import { hostStatusDone, hostStatusPending, hostStatusProblems, queryHostStatus } from '../../devices/printers/host-status';
import type { PrinterLink } from '../../devices/printers/link';
import type { Core } from '../context';
import { contentSha256, jobRow, openJobIds, printJob, queueJob, recordProgress } from './jobs';
import type { JobRow, NewJob } from './jobs';
import { printerName } from './printers';

export interface SpoolerSettings {
  /** How long to wait for an answer to ~HS (default 3000 ms). */
  replyTimeoutMs: number;
  /** How long after sending to keep asking until the printer has printed everything (default 60 s). */
  confirmTimeoutMs: number;
  /** Pause between status queries while the printer is still printing (default 250 ms). */
  pollMs: number;
}

export const DEFAULT_SPOOLER_SETTINGS: SpoolerSettings = { replyTimeoutMs: 3000, confirmTimeoutMs: 60_000, pollMs: 250 };

export interface SpoolerOptions extends Partial<SpoolerSettings> {
  /** Opens a link to a printer (default: the real transports). */
  connect?: ConnectPrinter;
}

/** Per call: a shorter or longer wait for the printer's answer. */
export interface RunOptions {
  replyTimeoutMs?: number | undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function address(printer: string): PrinterAddress {
  const parsed = parsePrinterAddress(printer);
  if (!parsed.ok) throw new LotlineError('VALIDATION', parsed.error);
  return parsed.address;
}

export class PrintSpooler {
  private readonly settings: SpoolerSettings;
  private readonly connect: ConnectPrinter;
  /** Jobs being driven by this process, so a retry joins the run instead of starting a second one. */
  private readonly running = new Map<number, Promise<void>>();
  /** The last run queued per printer: jobs for one printer follow each other. */
  private readonly lanes = new Map<string, Promise<void>>();

  constructor(
    private readonly core: Core,
    options: SpoolerOptions = {},
  ) {
    this.settings = {
      replyTimeoutMs: options.replyTimeoutMs ?? DEFAULT_SPOOLER_SETTINGS.replyTimeoutMs,
      confirmTimeoutMs: options.confirmTimeoutMs ?? DEFAULT_SPOOLER_SETTINGS.confirmTimeoutMs,
      pollMs: options.pollMs ?? DEFAULT_SPOOLER_SETTINGS.pollMs,
    };
    this.connect = options.connect ?? openPrinterLink;
  }

  /** Queues a label (committed before anything is sent) and tries to print it now. */
  async print(job: NewJob, options: RunOptions = {}): Promise<PrintJob> {
    const id = this.core.db.transaction(() => queueJob(this.core, job)).immediate();
    return this.run(id, options);
  }

  /** Prints the exact bytes of an earlier job again, as a reprint with its reason. */
  async reprint(of: number, reason: string, options: RunOptions = {}): Promise<PrintJob> {
    const earlier = jobRow(this.core.db, of);
    return this.print(
      { printer: earlier.printer, content: earlier.content, copies: earlier.copies, template: earlier.template ?? undefined, ref: earlier.ref ?? undefined, reprintReason: reason, reprintOf: of },
      options,
    );
  }

  /**
   * Tries a job again: a queued one is sent (once the printer is ready), one awaiting its printer is asked again.
   * Without a job, every queued and awaiting job, oldest first.
   */
  async retry(id: number | undefined, options: RunOptions = {}): Promise<PrintJob[]> {
    if (id !== undefined) {
      const job = jobRow(this.core.db, id);
      if (job.state === 'printed') throw new LotlineError('CONFLICT', `Job ${id} is already printed (${job.printed_at ?? ''}); print it again as a reprint with a reason`);
      if (job.state === 'failed') {
        throw new LotlineError('CONFLICT', `Job ${id} failed (${job.problem ?? 'no reason recorded'}); ${job.sent_at ? 'it may have printed, so print it again only as a reprint with a reason' : 'queue it again as a reprint with a reason'}`);
      }
      if (job.state === 'sending' && !this.running.has(id)) {
        // Sending was cut off (Lotline stopped, or lost the printer mid-job) in a run that no longer exists.
        recordProgress(this.core, id, { state: 'failed', problem: `${this.title(job)}: sending was interrupted; whether the label printed is unknown: check the printer, and reprint with a reason if it did not` }, 'sending was interrupted');
        return [printJob(this.core.db, id)];
      }
      return [await this.run(id, options)];
    }
    const results: PrintJob[] = [];
    for (const open of openJobIds(this.core.db)) results.push(await this.run(open, options));
    return results;
  }

  /** Asks the printer for its host status now. */
  async status(printer: string, options: RunOptions = {}): Promise<PrinterStatusReport> {
    const where = address(printer);
    const name = printerName(this.core.db, printer);
    const title = printerTitle(where, name);
    const report = (answered: boolean, problems: string[], status: PrinterStatusReport['status'], text: string): PrinterStatusReport => ({
      printer,
      name,
      answered,
      status,
      problems,
      ready: answered && problems.length === 0,
      message: `${title}: ${text}`,
    });
    let link: PrinterLink;
    try {
      link = await this.connect(where);
    } catch (error) {
      return report(false, [message(error)], null, message(error));
    }
    try {
      if (!link.answers) return report(false, [], null, 'a print queue cannot report printer status; it takes documents as they come');
      const answer = await queryHostStatus(link, options.replyTimeoutMs ?? this.settings.replyTimeoutMs);
      if (!answer.answered) return report(false, [answer.problem], null, answer.problem);
      const problems = hostStatusProblems(answer.status);
      const pending = hostStatusDone(answer.status) ? '' : ` (${hostStatusPending(answer.status)})`;
      return report(true, problems, answer.status, problems.length > 0 ? `${problems.join(', ')}${pending}` : `ready${pending}`);
    } finally {
      await link.close();
    }
  }

  /** Drives one job as far as it can go now and answers with where it stands. */
  run(id: number, options: RunOptions = {}): Promise<PrintJob> {
    let running = this.running.get(id);
    if (!running) {
      const printer = jobRow(this.core.db, id).printer;
      const lane = this.lanes.get(printer) ?? Promise.resolve();
      running = lane.then(() => this.attempt(id, options.replyTimeoutMs ?? this.settings.replyTimeoutMs));
      const settled = running.catch(() => undefined);
      this.lanes.set(printer, settled);
      this.running.set(id, running);
      void settled.then(() => {
        this.running.delete(id);
        if (this.lanes.get(printer) === settled) this.lanes.delete(printer);
      });
    }
    return running.then(() => printJob(this.core.db, id));
  }

  private title(job: JobRow): string {
    return printerTitle(address(job.printer), printerName(this.core.db, job.printer));
  }

  private async attempt(id: number, replyTimeoutMs: number): Promise<void> {
    const job = jobRow(this.core.db, id);
    if (job.state !== 'queued' && job.state !== 'awaiting') return;
    const title = this.title(job);
    const trouble = (problem: string) => recordProgress(this.core, id, { problem: `${title}: ${problem}`, ...(job.state === 'queued' ? { attempts: job.attempts + 1 } : {}) }, `${title}: ${problem}`);
    let link: PrinterLink;
    try {
      link = await this.connect(address(job.printer), { title: job.ref ? `${job.template ?? 'label'} ${job.ref}` : `Lotline print job ${id}` });
    } catch (error) {
      trouble(message(error));
      return;
    }
    try {
      if (job.state === 'queued' && !(await this.send(job, link, title, replyTimeoutMs, trouble))) return;
      if (link.answers) await this.confirm(id, link, title, replyTimeoutMs);
    } finally {
      await link.close().catch(() => undefined);
    }
  }

  /** Checks the printer is ready, then sends every copy. True when the bytes went out and are to be confirmed. */
  private async send(job: JobRow, link: PrinterLink, title: string, replyTimeoutMs: number, trouble: (problem: string) => void): Promise<boolean> {
    if (link.answers) {
      const answer = await queryHostStatus(link, replyTimeoutMs).catch((error: unknown) => ({ answered: false as const, problem: message(error) }));
      if (!answer.answered) {
        trouble(answer.problem);
        return false;
      }
      const problems = hostStatusProblems(answer.status);
      if (problems.length > 0) {
        trouble(problems.join(', '));
        return false;
      }
    }
    if (contentSha256(job.content) !== job.sha256) {
      recordProgress(this.core, job.id, { state: 'failed', problem: `The stored label of job ${job.id} no longer matches its SHA-256; it was not sent` }, 'label bytes do not match their SHA-256');
      return false;
    }
    const copies = job.copies === 1 ? 'the label' : `${job.copies} copies`;
    recordProgress(this.core, job.id, { state: 'sending', problem: null, attempts: job.attempts + 1 }, `sending ${copies} to ${title}`);
    let sent = 0;
    try {
      for (; sent < job.copies; sent++) await link.write(job.content);
    } catch (error) {
      const when = sent === 0 ? 'before the first copy was through' : `after ${sent} of ${job.copies} copies`;
      const problem =
        !link.answers && sent === 0
          ? `${title}: ${message(error)}`
          : `${title}: ${message(error)} ${when}; whether ${job.copies === 1 ? 'the label' : 'every copy'} printed is unknown: check the printer, and reprint with a reason if it did not`;
      // Nothing reached a print queue that refused the first document: it may simply be tried again.
      if (!link.answers && sent === 0) recordProgress(this.core, job.id, { state: 'queued', problem }, problem);
      else recordProgress(this.core, job.id, { state: 'failed', problem, sent_at: this.core.now().toISOString() }, problem);
      return false;
    }
    const now = this.core.now().toISOString();
    if (!link.answers) {
      const requests = link.requests?.length ? ` as request ${link.requests.join(', ')}` : '';
      recordProgress(this.core, job.id, { state: 'printed', sent_at: now, printed_at: now }, `accepted by ${title}${requests}`);
      return false;
    }
    recordProgress(this.core, job.id, { state: 'awaiting', sent_at: now }, `sent ${copies} to ${title}; awaiting confirmation`);
    return true;
  }

  /** Asks the printer until it has printed everything without an error, or says why it has not (yet). */
  private async confirm(id: number, link: PrinterLink, title: string, replyTimeoutMs: number): Promise<void> {
    const deadline = Date.now() + this.settings.confirmTimeoutMs;
    for (;;) {
      const answer = await queryHostStatus(link, replyTimeoutMs).catch((error: unknown) => ({ answered: false as const, problem: message(error) }));
      if (!answer.answered) {
        recordProgress(this.core, id, { problem: `${title}: ${answer.problem}; the label was sent and is not confirmed yet` }, `${title}: ${answer.problem}`);
        return;
      }
      const problems = hostStatusProblems(answer.status);
      if (problems.length > 0) {
        const problem = `${title}: ${problems.join(', ')}; the label was sent and prints once this is cleared (then retry to confirm it)`;
        recordProgress(this.core, id, { problem }, `${title}: ${problems.join(', ')}`);
        return;
      }
      if (hostStatusDone(answer.status)) {
        recordProgress(this.core, id, { state: 'printed', problem: null, printed_at: this.core.now().toISOString() }, `confirmed by ${title}: buffer empty, no errors`);
        return;
      }
      if (Date.now() >= deadline) {
        const problem = `${title}: not confirmed within ${Math.round(this.settings.confirmTimeoutMs / 1000)} s (${hostStatusPending(answer.status)})`;
        recordProgress(this.core, id, { problem }, problem);
        return;
      }
      await pause(this.settings.pollMs);
    }
  }
}

const spoolers = new WeakMap<Core['db'], PrintSpooler>();

/** The spooler of a connection (one per database, so its per-printer order holds for every caller). */
export function spoolerFor(core: Core): PrintSpooler {
  let spooler = spoolers.get(core.db);
  if (!spooler) {
    spooler = new PrintSpooler(core);
    spoolers.set(core.db, spooler);
  }
  return spooler;
}
