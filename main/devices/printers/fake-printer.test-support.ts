// A Zebra-like printer for tests: it records every byte it receives, counts ^XA…^XZ formats into its buffer, and
// answers ~HS with scripted states (ok, busy, paper out, head open, paused, ribbon out, or silence). A format is printed
// at the first "ok" status query after it arrived, so the spooler sees it in the buffer once before it is gone.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { SerialPort } from 'serialport';

/** `busy`: no error, but still printing (what is buffered stays buffered). */
export type Scripted = 'ok' | 'busy' | 'paper out' | 'head open' | 'paused' | 'ribbon out' | 'silent';

export class FakeZebra {
  /** Every byte received, in order, across connections. */
  received = Buffer.alloc(0);
  /** Formats received and not printed yet. */
  buffered = 0;
  printed = 0;
  queries = 0;
  /** Statuses for the next queries, one each; after them `then`. */
  script: Scripted[] = [];
  then: Scripted = 'ok';
  private pending = '';

  /** Everything received with the ~HS queries taken out: the label bytes as sent. */
  get labels(): string {
    return this.received.toString('latin1').replaceAll('~HS', '');
  }

  /** Takes bytes in; answers with the reply to each ~HS among them. */
  feed(chunk: Buffer): Buffer[] {
    this.received = Buffer.concat([this.received, chunk]);
    this.pending += chunk.toString('latin1');
    const replies: Buffer[] = [];
    for (;;) {
      const query = this.pending.indexOf('~HS');
      const format = this.pending.search(/\^XZ/i);
      if (query < 0 && format < 0) break;
      if (format >= 0 && (query < 0 || format < query)) {
        this.buffered++;
        this.pending = this.pending.slice(format + 3);
      } else {
        this.pending = this.pending.slice(query + 3);
        const reply = this.answer();
        if (reply) replies.push(reply);
      }
    }
    // What is left holds neither token; its last two bytes may start one that the next chunk completes.
    this.pending = this.pending.slice(-2);
    return replies;
  }

  private answer(): Buffer | undefined {
    this.queries++;
    const state = this.script.shift() ?? this.then;
    if (state === 'silent') return undefined;
    const reply = hostStatusReply({ paperOut: state === 'paper out', paused: state === 'paused', headOpen: state === 'head open', ribbonOut: state === 'ribbon out', formats: this.buffered });
    if (state === 'ok') {
      this.printed += this.buffered;
      this.buffered = 0;
    }
    return reply;
  }
}

/** A ~HS reply as a Zebra sends it: three STX…ETX CR LF strings. */
export function hostStatusReply(s: { paperOut?: boolean; paused?: boolean; headOpen?: boolean; ribbonOut?: boolean; formats?: number; labelsRemaining?: number }): Buffer {
  const b = (flag: boolean | undefined) => (flag ? '1' : '0');
  const one = `030,${b(s.paperOut)},${b(s.paused)},1218,${String(s.formats ?? 0).padStart(3, '0')},0,0,0,000,0,0,0`;
  const two = `001,0,${b(s.headOpen)},${b(s.ribbonOut)},1,2,6,0,${String(s.labelsRemaining ?? 0).padStart(8, '0')},1,000`;
  return Buffer.from(`\x02${one}\x03\r\n\x02${two}\x03\r\n\x021234,0\x03\r\n`, 'latin1');
}

/** The fake on a loopback TCP port, as a network printer on 9100. */
export async function tcpPrinter(printer = new FakeZebra()): Promise<{ printer: FakeZebra; port: number; connections: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const rig = { printer, port: 0, connections: 0, close: () => Promise.resolve() };
  const server: Server = createServer((socket) => {
    rig.connections++;
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      for (const reply of printer.feed(chunk)) socket.write(reply);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  rig.port = typeof address === 'object' && address ? address.port : 0;
  rig.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return rig;
}

/** The fake behind the host end of a socat pty pair (the other end plays the printer's serial port or device file). */
export async function ptyPrinter(path: string, printer = new FakeZebra()): Promise<{ printer: FakeZebra; close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  port.on('data', (chunk: Buffer) => {
    for (const reply of printer.feed(chunk)) port.write(reply);
  });
  return { printer, close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())) };
}
