// ~HS host status: the query, when its three-line reply is whole, what each field means, and what stops printing.
// Reply (ZPL II programming guide, "~HS Host Status Return"): three strings, each <STX>…<ETX><CR><LF>:
//   1  aaa,b,c,dddd,eee,f,g,h,iii,j,k,l   interface, paper out, pause, label length, formats in buffer, buffer full,
//                                        diagnostic mode, partial format, unused, corrupt RAM, under/over temperature
//   2  mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www   functions, unused, head up, ribbon out, thermal transfer, print mode,
//                                        print width mode, label waiting, labels remaining, format while printing, graphics
//   3  xxxx,y                             password, static RAM installed
// A printer that is out of media or ribbon, or has its head open, may not answer at all (newer firmware).
import type { HostStatus } from '../../../common/api/printing';

export const HOST_STATUS_QUERY = Buffer.from('~HS', 'latin1');

const STX = 0x02;
const ETX = 0x03;

/** The strings between STX and ETX in `bytes`, and where the last complete one ended. */
function frames(bytes: Buffer): { texts: string[]; end: number } {
  const texts: string[] = [];
  let end = 0;
  let at = bytes.indexOf(STX);
  while (at >= 0) {
    const close = bytes.indexOf(ETX, at + 1);
    if (close < 0) break;
    texts.push(bytes.toString('latin1', at + 1, close));
    end = close + 1;
    at = bytes.indexOf(STX, end);
  }
  return { texts, end };
}

/** Length of a whole ~HS reply at the start of `received` (through the third ETX and its CR LF), or 0. */
export function hostStatusLength(received: Buffer): number {
  const { texts, end } = frames(received);
  if (texts.length < 3) return 0;
  // Take the CR LF after the last ETX too when it is already there, so it does not lead the next reply.
  let length = end;
  while (length < received.length && length < end + 2 && (received[length] === 0x0d || received[length] === 0x0a)) length++;
  return length;
}

const printModes: Record<string, HostStatus['printMode']> = { '0': 'rewind', '1': 'peel-off', '2': 'tear-off', '3': 'cutter', '4': 'applicator', '5': 'delayed cut' };

/** Reads a ~HS reply, or says what is wrong with it. */
export function parseHostStatus(reply: Buffer): { ok: true; status: HostStatus } | { ok: false; error: string } {
  const { texts } = frames(reply);
  const shown = JSON.stringify(reply.toString('latin1').slice(0, 120));
  if (texts.length < 3) return { ok: false, error: `the ~HS answer has ${texts.length} of its 3 lines: ${shown}` };
  const [one = [], two = []] = texts.map((t) => t.split(',').map((f) => f.trim()));
  if (one.length < 12 || two.length < 11) return { ok: false, error: `the ~HS answer has too few fields (${one.length} of 12 and ${two.length} of 11): ${shown}` };
  const bad = [...one, ...two.slice(0, 11)].find((f) => !/^\d+$/.test(f));
  if (bad !== undefined) return { ok: false, error: `the ~HS answer has a field that is not a number ("${bad}"): ${shown}` };
  const flag = (f: string | undefined) => f === '1';
  const num = (f: string | undefined) => Number(f);
  return {
    ok: true,
    status: {
      paperOut: flag(one[1]),
      paused: flag(one[2]),
      labelLengthDots: num(one[3]),
      formatsInBuffer: num(one[4]),
      bufferFull: flag(one[5]),
      diagnosticMode: flag(one[6]),
      partialFormat: flag(one[7]),
      corruptRam: flag(one[9]),
      underTemperature: flag(one[10]),
      overTemperature: flag(one[11]),
      headOpen: flag(two[2]),
      ribbonOut: flag(two[3]),
      thermalTransfer: flag(two[4]),
      printMode: printModes[two[5] ?? ''] ?? 'other',
      labelWaiting: flag(two[7]),
      labelsRemaining: num(two[8]),
      graphicsStored: num(two[10]),
    },
  };
}

/** What stops the printer from printing, in words, most urgent first. Empty when it can print. */
export function hostStatusProblems(status: HostStatus): string[] {
  const problems: string[] = [];
  if (status.headOpen) problems.push('head open');
  if (status.paperOut) problems.push('paper out');
  // Direct thermal printers have no ribbon; only a thermal transfer printer stops for one.
  if (status.ribbonOut && status.thermalTransfer) problems.push('ribbon out');
  if (status.paused) problems.push('paused');
  if (status.overTemperature) problems.push('print head too hot');
  if (status.underTemperature) problems.push('print head too cold');
  if (status.corruptRam) problems.push('settings lost (corrupt RAM): check the printer configuration');
  if (status.bufferFull) problems.push('receive buffer full');
  if (status.diagnosticMode) problems.push('in communications diagnostic mode (prints what it receives as hex)');
  return problems;
}

/** True when everything sent has been printed: no format waiting or arriving, no label left of the batch. */
export function hostStatusDone(status: HostStatus): boolean {
  return status.formatsInBuffer === 0 && status.labelsRemaining === 0 && !status.partialFormat;
}

/** What is still waiting in the printer, in words ("2 formats in the buffer, 3 labels of the batch to print"). */
export function hostStatusPending(status: HostStatus): string {
  const parts: string[] = [];
  if (status.formatsInBuffer > 0) parts.push(`${status.formatsInBuffer} format${status.formatsInBuffer === 1 ? '' : 's'} in the buffer`);
  if (status.labelsRemaining > 0) parts.push(`${status.labelsRemaining} label${status.labelsRemaining === 1 ? '' : 's'} of the batch to print`);
  if (status.partialFormat) parts.push('a format only partly received');
  return parts.join(', ') || 'nothing';
}

export type HostStatusAnswer = { answered: true; status: HostStatus } | { answered: false; problem: string };

/** Sends ~HS on a link and reads the answer; a silence or an answer that cannot be read is said in words. */
export async function queryHostStatus(link: { write(bytes: Uint8Array): Promise<void>; read(complete: (received: Buffer) => number, timeoutMs: number): Promise<Buffer | undefined> }, timeoutMs: number): Promise<HostStatusAnswer> {
  const reply = link.read(hostStatusLength, timeoutMs);
  await link.write(HOST_STATUS_QUERY);
  const bytes = await reply;
  const seconds = timeoutMs >= 1000 ? `${+(timeoutMs / 1000).toFixed(1)} s` : `${timeoutMs} ms`;
  if (bytes === undefined) return { answered: false, problem: `no answer to a status query within ${seconds} (switched off, out of paper or ribbon, or head open)` };
  const parsed = parseHostStatus(bytes);
  return parsed.ok ? { answered: true, status: parsed.status } : { answered: false, problem: `unreadable status answer: ${parsed.error}` };
}
