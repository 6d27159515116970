// `lotline scan listen --serial PATH`: reads a serial scanner and prints each scan as it arrives — what it names, or
// why it was refused — as text or, with --json, one JSON object per line. Stops on Ctrl+C, or after --count frames.
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { parseSuffix } from '../devices/scanners/frame-assembler';
import type { Suffix } from '../devices/scanners/frame-assembler';
import { DEFAULT_DUPLICATE_WINDOW_MS, ScanPipeline } from '../devices/scanners/scan-pipeline';
import { SerialScanner } from '../devices/scanners/serial-scanner';
import { scanSummary } from '../devices/scanners/scan-summary';
import type { ScanEvent } from '../devices/scanners/types';

export interface ScanCliIo {
  out(text: string): void;
  err(text: string): void;
}

interface ListenOptions {
  serial: string;
  baud: number;
  suffix: Suffix;
  timeout?: number;
  window: number;
  count?: number;
  json?: boolean;
}

const whole = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

const suffixOption = (value: string): Suffix => {
  const parsed = parseSuffix(value);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
  return parsed.suffix;
};

/** GS shown as <GS>, other control bytes as <0xNN>, so a terminal line stays one line. */
export function visible(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += c === 0x1d ? '<GS>' : c < 0x20 || c === 0x7f ? `<0x${c.toString(16).padStart(2, '0').toUpperCase()}>` : ch;
  }
  return out;
}

function line(event: ScanEvent): string {
  const time = (at: string) => at.slice(11, 23);
  switch (event.type) {
    case 'scan': {
      const s = event.scan;
      const symbology = s.aim ? ` (${s.symbology ?? 'symbology'} ${s.aim})` : '';
      return s.problem ? `${time(s.at)}  REFUSED    ${visible(s.raw)}: ${s.problem}` : `${time(s.at)}  ${scanSummary(s)}${symbology}`;
    }
    case 'duplicate':
      return `${time(event.scan.at)}  DUPLICATE  ${visible(event.scan.raw)}: ${event.message}`;
    case 'problem':
      return `${time(event.at)}  DISCARDED  ${event.problem}${event.raw ? `: ${visible(event.raw)}` : ''}`;
    case 'state':
      return `${time(event.at)}  scanner ${event.device} ${event.state}${event.reason ? `: ${event.reason}` : ''}${event.retryInMs !== undefined ? ` (attempt ${event.attempt ?? 1} in ${event.retryInMs} ms)` : ''}`;
  }
}

/** Adds `scan listen`. */
export function registerScanCommands(program: Command, io: ScanCliIo): void {
  program
    .command('scan')
    .description('barcode scanners')
    .command('listen')
    .description('print each scan from a serial scanner as it arrives: what it names, or why it was refused (Ctrl+C stops)')
    .requiredOption('--serial <path>', 'the serial port of the scanner, e.g. /dev/ttyACM0 or COM3')
    .option('--baud <n>', 'baud rate', whole('--baud', 50, 4_000_000), 9600)
    .addOption(new Option('--suffix <suffix>', 'what ends each frame: cr, lf, crlf, none (frames end at a pause) or hex bytes such as 0x04').argParser(suffixOption).default('cr'))
    .option('--timeout <ms>', 'inter-byte timeout: the pause that ends a frame with --suffix none (default 50), or after which an unterminated fragment is discarded (default 1000)', whole('--timeout', 1, 60_000))
    .option('--window <ms>', `the same barcode again within this many ms is reported as a duplicate and ignored; 0 = off`, whole('--window', 0, 600_000), DEFAULT_DUPLICATE_WINDOW_MS)
    .option('--count <n>', 'stop after this many frames (scans, refusals, duplicates and discarded frames); for scripts and tests', whole('--count', 1, 1_000_000_000))
    .option('--json', 'one JSON object per line: {"type":"scan","scan":{…}}, "duplicate", "problem" (frame discarded) or "state" (scanner connected, reconnecting, …)')
    .action(async (opts: ListenOptions) => {
      const scanner = new SerialScanner({ path: opts.serial, baudRate: opts.baud, suffix: opts.suffix, ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}) });
      const pipeline = new ScanPipeline({ duplicateWindowMs: opts.window });
      let frames = 0;
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      pipeline.subscribe((event) => {
        if (opts.json) io.out(JSON.stringify(event));
        else if (event.type === 'state') io.err(line(event));
        else io.out(line(event));
        if (event.type !== 'state' && opts.count !== undefined && ++frames >= opts.count) finish();
      });
      pipeline.attach(scanner);
      const stop = () => finish();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await scanner.start();
        await done;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await scanner.stop();
      }
    });
}
