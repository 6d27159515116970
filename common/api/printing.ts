// Label printing: printer addresses, the ~HS host status in words, and the durable print queue's commands.
import { z } from 'zod';
import { command, deviceCommand } from './contract';
import { limitField, reasonField } from './fields';

// ---------------------------------------------------------------------------------------------------------------
// Printer addresses: tcp://HOST:9100, serial:PATH[?baud=9600], usb:PATH, queue:NAME
// ---------------------------------------------------------------------------------------------------------------

export type PrinterAddress =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'serial'; readonly path: string; readonly baudRate: number }
  | { readonly kind: 'usb'; readonly path: string }
  | { readonly kind: 'queue'; readonly name: string };

export const DEFAULT_RAW_PORT = 9100;
export const DEFAULT_PRINTER_BAUD = 9600;
const BAUD_RATES = [1200, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200] as const;

const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])$/;
const devicePathPattern = /^(?:\/[^\0?]+|COM\d{1,3}|\\\\\.\\[^\0?]+)$/;
const queueNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,126}$/;

const EXAMPLES = 'tcp://HOST:9100, serial:/dev/ttyUSB0?baud=9600, usb:/dev/usb/lp0 or queue:NAME';

/** Parses a printer address, or says in words what is wrong with it. */
export function parsePrinterAddress(text: string): { ok: true; address: PrinterAddress } | { ok: false; error: string } {
  const value = text.trim();
  const fail = (why: string) => ({ ok: false as const, error: `"${value}" is not a printer address: ${why}` });
  if (value.startsWith('tcp://')) {
    const match = /^tcp:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d{1,5}))?\/?$/.exec(value);
    if (!match) return fail('write it as tcp://HOST:9100');
    const host = match[1] ?? '';
    if (!hostPattern.test(host)) return fail(`"${host}" is not a host name or IP address`);
    if (/^\d+(\.\d+){3}$/.test(host) && host.split('.').some((octet) => Number(octet) > 255)) return fail(`"${host}" is not an IPv4 address`);
    const port = match[2] === undefined ? DEFAULT_RAW_PORT : Number(match[2]);
    if (port < 1 || port > 65535) return fail(`port ${port} is outside 1–65535`);
    return { ok: true, address: { kind: 'tcp', host, port } };
  }
  if (value.startsWith('serial:')) {
    const [path = '', query] = value.slice('serial:'.length).split('?', 2);
    if (!devicePathPattern.test(path)) return fail('write it as serial:/dev/ttyUSB0 (or serial:COM3), optionally ?baud=9600');
    let baudRate = DEFAULT_PRINTER_BAUD;
    if (query !== undefined) {
      const baud = /^baud=(\d{3,6})$/.exec(query);
      if (!baud) return fail(`the only option is baud, as in ?baud=9600, not "${query}"`);
      baudRate = Number(baud[1]);
      if (!(BAUD_RATES as readonly number[]).includes(baudRate)) return fail(`${baudRate} is not a baud rate a label printer uses (${BAUD_RATES.join(', ')})`);
    }
    return { ok: true, address: { kind: 'serial', path, baudRate } };
  }
  if (value.startsWith('usb:')) {
    const path = value.slice('usb:'.length);
    if (!devicePathPattern.test(path) || path.includes('?')) return fail('write it as usb:/dev/usb/lp0');
    return { ok: true, address: { kind: 'usb', path } };
  }
  if (value.startsWith('queue:')) {
    const name = value.slice('queue:'.length);
    if (!queueNamePattern.test(name)) return fail('a print queue name is letters, digits and _ . @ - (as lpstat -p lists it)');
    return { ok: true, address: { kind: 'queue', name } };
  }
  return fail(`it must start with tcp://, serial:, usb: or queue: (${EXAMPLES})`);
}

/** The address written back in its one canonical form (default port and baud spelled out). */
export function formatPrinterAddress(address: PrinterAddress): string {
  switch (address.kind) {
    case 'tcp':
      return `tcp://${address.host}:${address.port}`;
    case 'serial':
      return `serial:${address.path}?baud=${address.baudRate}`;
    case 'usb':
      return `usb:${address.path}`;
    case 'queue':
      return `queue:${address.name}`;
  }
}

/** Where the printer is, in words: `10.0.0.5:9100`, `serial port /dev/ttyUSB0`, `print queue Office`. */
export function printerWhere(address: PrinterAddress): string {
  switch (address.kind) {
    case 'tcp':
      return `${address.host}:${address.port}`;
    case 'serial':
      return `serial port ${address.path}`;
    case 'usb':
      return `USB ${address.path}`;
    case 'queue':
      return `print queue ${address.name}`;
  }
}

/** "Printer ZT410 at 10.0.0.5:9100" (or "Printer at …" when it has no name). */
export function printerTitle(address: PrinterAddress, name?: string | null): string {
  return `Printer ${name ? `${name} ` : ''}at ${printerWhere(address)}`;
}

/** A printer address as command input: validated, then kept in its canonical form. */
export const printerAddressField = z.string().transform((text, ctx) => {
  const parsed = parsePrinterAddress(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return formatPrinterAddress(parsed.address);
});

// ---------------------------------------------------------------------------------------------------------------
// ~HS host status
// ---------------------------------------------------------------------------------------------------------------

/** The printer's answer to ~HS (ZPL II programming guide, "Host Status Return"), field by field. */
export interface HostStatus {
  paperOut: boolean;
  paused: boolean;
  labelLengthDots: number;
  /** Formats received and not yet printed. */
  formatsInBuffer: number;
  bufferFull: boolean;
  diagnosticMode: boolean;
  /** A format has started arriving and is not complete. */
  partialFormat: boolean;
  corruptRam: boolean;
  underTemperature: boolean;
  overTemperature: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  thermalTransfer: boolean;
  printMode: 'rewind' | 'peel-off' | 'tear-off' | 'cutter' | 'applicator' | 'delayed cut' | 'other';
  /** In peel-off mode, a printed label waits to be taken. */
  labelWaiting: boolean;
  /** Labels of the current batch not printed yet. */
  labelsRemaining: number;
  graphicsStored: number;
}

export interface PrinterStatusReport {
  printer: string;
  name: string | null;
  /** False when the printer did not answer ~HS in time (or, for a print queue, cannot be asked). */
  answered: boolean;
  status: HostStatus | null;
  /** What stops printing, in words ("paper out", "head open"); empty when ready. */
  problems: string[];
  ready: boolean;
  /** One line for the operator: "Printer ZT410 at 10.0.0.5:9100: paper out". */
  message: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The print queue
// ---------------------------------------------------------------------------------------------------------------

export const printJobStates = ['queued', 'sending', 'awaiting', 'printed', 'failed'] as const;
export type PrintJobState = (typeof printJobStates)[number];

export interface PrintJob {
  id: number;
  printer: string;
  printerName: string | null;
  contentType: 'zpl' | 'pdf';
  /** SHA-256 of the exact bytes sent for each copy. */
  sha256: string;
  bytes: number;
  copies: number;
  template: string | null;
  ref: string | null;
  /** Set on a reprint: the earlier job it repeats (when known) and why. */
  reprint: { of: number | null; reason: string } | null;
  /**
   * queued: not sent (yet); sending: bytes going out; awaiting: sent, waiting for the printer to confirm;
   * printed: the printer confirmed (buffer empty, no error) or the print queue accepted it; failed: see `problem`.
   */
  state: PrintJobState;
  /** The latest problem in words ("Printer ZT410 at 10.0.0.5:9100: paper out"); null once printed. */
  problem: string | null;
  attempts: number;
  createdAt: string;
  createdBy: string;
  sentAt: string | null;
  printedAt: string | null;
}

export interface Printer {
  name: string;
  address: string;
  createdAt: string;
}

const templateField = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a template name: lower-case letters, digits and - (up to 40)');
const labelRefField = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const copiesField = z.number().int('must be a whole number').min(1, 'must be at least 1').max(999, 'must be at most 999');
/** How long to wait for the printer to answer ~HS. */
const replyTimeoutField = z.number().int().min(50, 'must be at least 50 ms').max(60_000, 'must be at most 60000 ms');
const jobIdField = z.number().int().positive();

export const printingCommands = {
  'printing.print': deviceCommand<PrintJob>()({
    input: z
      .object({
        printer: printerAddressField,
        /** The label as ZPL text (sent UTF-8 encoded). */
        zpl: z.string().min(1, 'must not be empty').max(4_000_000).optional(),
        /** A file whose exact bytes are the label: ZPL, or a PDF for a queue: printer. */
        file: z.string().trim().min(1).optional(),
        template: templateField.optional(),
        ref: labelRefField.optional(),
        copies: copiesField.default(1),
        /** Required when the same label was printed before: a reprint says why. */
        reprintReason: reasonField.optional(),
        timeoutMs: replyTimeoutField.optional(),
      })
      .refine((v) => (v.zpl === undefined) !== (v.file === undefined), { message: 'give the label either as zpl text or as a file, not both', path: ['zpl'] }),
    writes: true,
    summary: 'Queue a label for a printer and print it: sent only when the printer reports ready, recorded as printed only when it confirms',
  }),
  'printing.retry': deviceCommand<PrintJob[]>()({
    input: z.object({ job: jobIdField.optional(), timeoutMs: replyTimeoutField.optional() }),
    writes: true,
    summary: 'Try a queued job again (or confirm one awaiting its printer); without a job number, every open job',
  }),
  'printing.reprint': deviceCommand<PrintJob>()({
    input: z.object({ job: jobIdField, reason: reasonField, timeoutMs: replyTimeoutField.optional() }),
    writes: true,
    summary: 'Print the exact bytes of an earlier job again, marked as a reprint with its reason',
  }),
  'printing.status': deviceCommand<PrinterStatusReport>()({
    input: z.object({ printer: printerAddressField, timeoutMs: replyTimeoutField.optional() }),
    writes: false,
    summary: 'Ask a printer for its host status (~HS) now',
  }),
  'printing.jobs': command<PrintJob[]>()({
    input: z.object({ state: z.enum(printJobStates).optional(), printer: printerAddressField.optional(), limit: limitField.optional() }),
    writes: false,
    summary: 'Print jobs, newest first',
  }),
  'printing.addPrinter': command<Printer>()({
    input: z.object({
      name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/, 'must be a printer name: letters, digits, spaces and . _ - (up to 40)'),
      address: printerAddressField,
    }),
    writes: true,
    summary: 'Name a printer by its address (the name appears in every message about it)',
  }),
  'printing.printers': command<Printer[]>()({ input: z.object({}), writes: false, summary: 'The named printers' }),
};

export type PrintingCommandName = keyof typeof printingCommands;

/**
 * A print refused because the same label was printed before carries `{ job, reprintReasonNeeded: true }` in its
 * error details: the earlier job's number when the screen should ask for a reprint reason, otherwise null.
 */
export function reprintReasonNeededFor(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const { job, reprintReasonNeeded } = details as { job?: unknown; reprintReasonNeeded?: unknown };
  return reprintReasonNeeded === true && typeof job === 'number' ? job : null;
}
