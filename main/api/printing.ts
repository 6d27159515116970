// The printing commands: the print queue (main/core/printing) driving the printer transports (main/devices/printers).
import { readFileSync } from 'node:fs';
import type { PrintingCommandName } from '../../common/api/printing';
import { LotlineError } from '../../common/errors';
import { listJobs } from '../core/printing/jobs';
import { addPrinter, listPrinters } from '../core/printing/printers';
import { spoolerFor } from '../core/printing/spooler';
import type { Handlers } from './handlers';

function labelBytes(input: { zpl?: string | undefined; file?: string | undefined }): Buffer {
  if (input.zpl !== undefined) return Buffer.from(input.zpl, 'utf8');
  try {
    return readFileSync(input.file ?? '');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new LotlineError('NOT_FOUND', code === 'ENOENT' ? `The label file ${input.file ?? ''} does not exist` : `The label file ${input.file ?? ''} cannot be read (${code ?? String(error)})`);
  }
}

export const printingHandlers: Pick<Handlers, PrintingCommandName> = {
  'printing.print': (input, { core }) =>
    spoolerFor(core).print(
      { printer: input.printer, content: labelBytes(input), copies: input.copies, template: input.template, ref: input.ref, reprintReason: input.reprintReason },
      { replyTimeoutMs: input.timeoutMs },
    ),
  'printing.retry': (input, { core }) => spoolerFor(core).retry(input.job, { replyTimeoutMs: input.timeoutMs }),
  'printing.reprint': (input, { core }) => spoolerFor(core).reprint(input.job, input.reason, { replyTimeoutMs: input.timeoutMs }),
  'printing.status': (input, { core }) => spoolerFor(core).status(input.printer, { replyTimeoutMs: input.timeoutMs }),
  'printing.jobs': (input, { core }) => listJobs(core.db, input),
  'printing.addPrinter': (input, { core }) => addPrinter(core, input),
  'printing.printers': (_input, { core }) => listPrinters(core.db),
};
