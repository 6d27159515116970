// `lotline label print`, `lotline label reprint` and `lotline printer status|jobs|retry|add`: the print queue from the
// command line. Labels come as a ZPL file today; `--template NAME --ref REF` asks the label renderer for the ZPL and
// prints it through the same path (`printZpl`), so a template prints exactly like a file.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import type { PrintJob, PrinterStatusReport } from '../../common/api/printing';
import { parsePrinterAddress, printJobStates } from '../../common/api/printing';
import type { Envelope } from '../../common/errors';
import { table } from './table';

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;
/** Any command by name, for commands this build may not have (the label renderer). */
type Invoke = (name: string, input: unknown) => Promise<Envelope<unknown>>;

export interface PrintingCliIo {
  out(text: string): void;
}

const whole = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

const address = (value: string): string => {
  const parsed = parsePrinterAddress(value);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
  return value;
};

const printerOption = () => new Option('--printer <address>', 'tcp://HOST:9100, serial:PATH[?baud=9600], usb:PATH (e.g. /dev/usb/lp0) or queue:NAME (PDF only)').argParser(address).makeOptionMandatory();

/** The label renderer's ZPL for a template and a lot, serial or SSCC. */
async function templateZpl(invoke: Invoke, template: string, ref: string): Promise<string> {
  const result = await invoke('labels.render', { template, ref, format: 'zpl' });
  if (!result.ok) {
    if (result.error.code === 'UNKNOWN_COMMAND') throw new Error('Label templates are not in this build of Lotline yet: print a ZPL file with --zpl FILE');
    throw new Error(result.error.message);
  }
  const zpl = (result.value as { zpl?: unknown }).zpl;
  if (typeof zpl !== 'string') throw new Error(`The label renderer gave no ZPL for ${template} ${ref}`);
  return zpl;
}

/** What a job's outcome means for the operator; throws (exit 1) unless it printed. */
function outcome(job: PrintJob): string {
  const copies = job.copies === 1 ? '1 copy' : `${job.copies} copies`;
  const label = `${job.template ? `${job.template} ` : ''}${job.ref ?? ''}`.trim();
  const reprint = job.reprint ? ` (reprint: ${job.reprint.reason})` : '';
  switch (job.state) {
    case 'printed': {
      const how = job.contentType === 'pdf' ? 'accepted by the print queue' : 'confirmed by the printer';
      return `Printed job ${job.id}${label ? ` (${label})` : ''}${reprint}: ${copies} on ${job.printerName ?? job.printer}, ${how}. SHA-256 ${job.sha256}`;
    }
    case 'queued':
      throw new Error(`Job ${job.id} is queued, not printed: ${job.problem ?? 'not tried yet'}. Put the printer right, then: lotline printer retry ${job.id}`);
    case 'awaiting':
    case 'sending':
      throw new Error(`Job ${job.id} was sent and is not confirmed yet: ${job.problem ?? 'the printer is still printing'}. Once it has printed: lotline printer retry ${job.id}`);
    case 'failed':
      throw new Error(`Job ${job.id} failed: ${job.problem ?? 'no reason recorded'}`);
  }
}

function jobsText(jobs: readonly PrintJob[]): string {
  if (jobs.length === 0) return 'No print jobs.';
  return table(
    ['job', 'state', 'printer', 'label', 'copies', 'by', 'queued (UTC)', 'problem / reprint reason'],
    jobs.map((j) => [
      j.id,
      j.state,
      j.printerName ?? j.printer,
      `${j.template ? `${j.template} ` : ''}${j.ref ?? j.sha256.slice(0, 12)}`,
      j.copies,
      j.createdBy,
      j.createdAt.slice(0, 19).replace('T', ' '),
      j.problem ?? (j.reprint ? `reprint${j.reprint.of !== null ? ` of ${j.reprint.of}` : ''}: ${j.reprint.reason}` : ''),
    ]),
  );
}

function statusText(r: PrinterStatusReport): string {
  if (!r.status) return r.message;
  const s = r.status;
  return [
    r.message,
    `  formats in buffer ${s.formatsInBuffer}, labels left in batch ${s.labelsRemaining}, print mode ${s.printMode}, ${s.thermalTransfer ? 'thermal transfer' : 'direct thermal'}, label length ${s.labelLengthDots} dots`,
  ].join('\n');
}

/** Finds a command group another module may have created already (`label render` lives beside `label print`). */
function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

export function registerPrintingCommands(program: Command, call: Call, invoke: Invoke, io: PrintingCliIo): void {
  const print = (json: boolean | undefined, value: unknown, text: () => string) => io.out(json ? JSON.stringify(value, null, 2) : text());

  /** The one way a label is printed from the command line, whether it came from a file or a template. */
  const printZpl = async (label: { zpl: string } | { file: string }, opts: { printer: string; copies: number; template?: string; ref?: string; reprint?: string; timeout?: number; json?: boolean }) => {
    const job = await call('printing.print', {
      printer: opts.printer,
      ...label,
      copies: opts.copies,
      ...(opts.template !== undefined ? { template: opts.template } : {}),
      ...(opts.ref !== undefined ? { ref: opts.ref } : {}),
      ...(opts.reprint !== undefined ? { reprintReason: opts.reprint } : {}),
      ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}),
    });
    if (opts.json) io.out(JSON.stringify(job, null, 2));
    const text = outcome(job);
    if (!opts.json) io.out(text);
  };

  const label = group(program, 'label', 'label templates and printing');
  label
    .command('print')
    .description('print a label: sent once the printer reports ready, recorded as printed when it confirms (exit 1 when it did not)')
    .addOption(printerOption())
    .option('--zpl <file>', 'the label as a ZPL file (its bytes are sent exactly)')
    .option('--template <name>', 'a label template (udi, fg-lot, raw-lot, sscc), rendered for --ref')
    .option('--ref <ref>', 'what the label is for: PART:LOT, PART#SERIAL or an SSCC; with --zpl it names the label in the record')
    .option('--copies <n>', 'copies', whole('--copies', 1, 999), 1)
    .option('--reprint <reason>', 'print a label that was printed before, saying why')
    .option('--timeout <ms>', 'how long to wait for the printer to answer a status query (default 3000)', whole('--timeout', 50, 60_000))
    .option('--json', 'the job as JSON')
    .action(async (opts: { printer: string; zpl?: string; template?: string; ref?: string; copies: number; reprint?: string; timeout?: number; json?: boolean }) => {
      if ((opts.zpl === undefined) === (opts.template === undefined)) throw new Error('Give the label as --zpl FILE or as --template NAME --ref REF');
      if (opts.zpl !== undefined) {
        await printZpl({ file: resolve(opts.zpl) }, opts);
        return;
      }
      if (opts.ref === undefined) throw new Error('--template needs --ref: the lot, serial or SSCC the label is for');
      await printZpl({ zpl: await templateZpl(invoke, opts.template ?? '', opts.ref) }, opts);
    });

  label
    .command('reprint')
    .description('print an earlier job again (its exact bytes), marked as a reprint with the reason')
    .argument('<job>', 'the job number', whole('job', 1, 2 ** 31 - 1))
    .requiredOption('--reason <reason>', 'why it is printed again (damaged, lost, …)')
    .option('--timeout <ms>', 'how long to wait for the printer to answer a status query (default 3000)', whole('--timeout', 50, 60_000))
    .option('--json', 'the job as JSON')
    .action(async (job: number, opts: { reason: string; timeout?: number; json?: boolean }) => {
      const result = await call('printing.reprint', { job, reason: opts.reason, ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}) });
      if (opts.json) io.out(JSON.stringify(result, null, 2));
      const text = outcome(result);
      if (!opts.json) io.out(text);
    });

  const printer = group(program, 'printer', 'label printers and the print queue');
  printer
    .command('status')
    .description('ask a printer for its host status (~HS) and say it in words; exit 1 unless it is ready')
    .argument('<address>', 'tcp://HOST:9100, serial:PATH[?baud=9600], usb:PATH or queue:NAME', address)
    .option('--timeout <ms>', 'how long to wait for the answer (default 3000)', whole('--timeout', 50, 60_000))
    .option('--json', 'machine-readable output')
    .action(async (where: string, opts: { timeout?: number; json?: boolean }) => {
      const report = await call('printing.status', { printer: where, ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}) });
      if (opts.json) io.out(JSON.stringify(report, null, 2));
      // Not ready (or no answer): the words go to stderr with exit 1, so scripts can wait for a ready printer.
      if (!report.ready && (report.answered || report.problems.length > 0)) throw new Error(report.status ? statusText(report) : report.message);
      if (!opts.json) io.out(statusText(report));
    });

  printer
    .command('jobs')
    .description('print jobs, newest first')
    .addOption(new Option('--state <state>', 'only jobs in this state').choices(printJobStates))
    .option('--printer <address>', 'only jobs for this printer', address)
    .option('--limit <n>', 'at most this many (default 200)', whole('--limit', 1, 100_000))
    .option('--json', 'machine-readable output')
    .action(async (opts: { state?: (typeof printJobStates)[number]; printer?: string; limit?: number; json?: boolean }) => {
      const jobs = await call('printing.jobs', { ...(opts.state ? { state: opts.state } : {}), ...(opts.printer ? { printer: opts.printer } : {}), ...(opts.limit ? { limit: opts.limit } : {}) });
      print(opts.json, jobs, () => jobsText(jobs));
    });

  printer
    .command('retry')
    .description('try a queued job again, or confirm one sent and awaiting its printer; without a job, every open job')
    .argument('[job]', 'the job number', whole('job', 1, 2 ** 31 - 1))
    .option('--timeout <ms>', 'how long to wait for the printer to answer a status query (default 3000)', whole('--timeout', 50, 60_000))
    .option('--json', 'machine-readable output')
    .action(async (job: number | undefined, opts: { timeout?: number; json?: boolean }) => {
      const jobs = await call('printing.retry', { ...(job !== undefined ? { job } : {}), ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}) });
      if (opts.json) {
        io.out(JSON.stringify(jobs, null, 2));
        return;
      }
      if (jobs.length === 0) io.out('No open print jobs.');
      const problems: string[] = [];
      for (const j of jobs) {
        try {
          io.out(outcome(j));
        } catch (error) {
          problems.push(error instanceof Error ? error.message : String(error));
        }
      }
      if (problems.length > 0) throw new Error(problems.join('\nlotline: '));
    });

  printer
    .command('add')
    .description('name a printer by its address; messages then say "Printer NAME at …"')
    .argument('<name>', 'the name operators know it by, e.g. ZT410')
    .argument('<address>', 'tcp://HOST:9100, serial:PATH[?baud=9600], usb:PATH or queue:NAME', address)
    .action(async (name: string, where: string) => {
      const added = await call('printing.addPrinter', { name, address: where });
      io.out(`Printer ${added.name} is ${added.address}`);
    });
}
