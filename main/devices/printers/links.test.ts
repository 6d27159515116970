// Each transport on a real part: a loopback TCP socket, socat ptys standing in for a serial port and for a USB
// printer's device file (the fake Zebra answers ~HS at the other end), and a fake `lp` on PATH for the OS queue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ptyPair, until } from '../scanners/socat.test-support';
import { ptyPrinter, tcpPrinter } from './fake-printer.test-support';
import { installFakeLp } from './lp.test-support';
import { queryHostStatus } from './host-status';
import type { PrinterLink } from './link';
import { openQueueLink } from './queue-link';
import { openSerialLink } from './serial-link';
import { openTcpLink } from './tcp-link';
import { openUsbLink } from './usb-link';

const dir = mkdtempSync(join(tmpdir(), 'lotline-printer-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ZPL = Buffer.from('^XA^CI28^FO20,20^A0N,30,30^FDÜberdruck 24-117^FS^XZ', 'utf8');

/** Asks for status, sends a label, asks again: what every answering transport must do. */
async function exercise(link: PrinterLink) {
  const before = await queryHostStatus(link, 2000);
  await link.write(ZPL);
  const after = await queryHostStatus(link, 2000);
  return { before, after };
}

describe('printer links', () => {
  it('raw TCP: queries ~HS, writes the exact bytes, and says when the printer refuses the connection', async () => {
    const fake = await tcpPrinter();
    cleanups.push(() => fake.close());
    fake.printer.script = ['paper out', 'ok'];
    const link = await openTcpLink({ host: '127.0.0.1', port: fake.port });
    cleanups.push(() => link.close());
    const { before, after } = await exercise(link);
    expect(before).toMatchObject({ answered: true, status: { paperOut: true, formatsInBuffer: 0 } });
    expect(after).toMatchObject({ answered: true, status: { paperOut: false, formatsInBuffer: 1 } });
    expect(fake.printer.received).toEqual(Buffer.concat([Buffer.from('~HS'), ZPL, Buffer.from('~HS')]));
    fake.printer.then = 'silent';
    expect(await queryHostStatus(link, 100)).toEqual({ answered: false, problem: 'no answer to a status query within 100 ms (switched off, out of paper or ribbon, or head open)' });
    await fake.close();
    await expect(openTcpLink({ host: '127.0.0.1', port: fake.port })).rejects.toThrow('refuses the connection (is the port right, and raw printing on?)');
  });

  it('serial: a socat pty pair, the fake printer on the far end; an unplugged port is said in words', async () => {
    const pty = await ptyPair(join(dir, 'printer-tty'), join(dir, 'host-tty'));
    cleanups.push(() => pty.close());
    const fake = await ptyPrinter(pty.host);
    cleanups.push(() => fake.close());
    fake.printer.script = ['head open', 'ok'];
    const link = await openSerialLink({ path: pty.scanner, baudRate: 9600 });
    const { before, after } = await exercise(link);
    expect(before).toMatchObject({ answered: true, status: { headOpen: true } });
    expect(after).toMatchObject({ answered: true, status: { headOpen: false, formatsInBuffer: 1 } });
    await link.close();
    expect(fake.printer.received).toEqual(Buffer.concat([Buffer.from('~HS'), ZPL, Buffer.from('~HS')]));
    await fake.close();
    await pty.unplug();
    await expect(openSerialLink({ path: pty.scanner, baudRate: 9600 })).rejects.toThrow('is not there (unplugged, or a wrong path)');
  });

  it('USB device file: opened read/write with node:fs (a socat pty stands in for /dev/usb/lp0); replies are read back', async () => {
    const pty = await ptyPair(join(dir, 'lp0'), join(dir, 'usb-host'));
    cleanups.push(() => pty.close());
    const fake = await ptyPrinter(pty.host);
    cleanups.push(() => fake.close());
    fake.printer.script = ['paused', 'ok'];
    const link = await openUsbLink({ path: pty.scanner });
    const { before, after } = await exercise(link);
    expect(before).toMatchObject({ answered: true, status: { paused: true } });
    expect(after).toMatchObject({ answered: true, status: { paused: false, formatsInBuffer: 1 } });
    // A label bigger than a pty's buffer goes through whole: writes wait while the device is full.
    const big = Buffer.from(`^XA${'^FO0,0^GFA,8,8,1,FFFFFFFFFFFFFFFF^FS'.repeat(4000)}^XZ`, 'latin1');
    await link.write(big);
    await until(() => fake.printer.received.length >= 6 + ZPL.length + big.length, 'the big label to arrive');
    await link.close();
    expect(fake.printer.received).toEqual(Buffer.concat([Buffer.from('~HS'), ZPL, Buffer.from('~HS'), big]));
    await expect(openUsbLink({ path: join(dir, 'no-lp9') })).rejects.toThrow('is not there (unplugged, switched off, or a wrong path)');
  });

  it('OS print queue: each write is one `lp -d QUEUE` document; a refusal is lp’s own words', async () => {
    const lp = installFakeLp(join(dir, 'bin'));
    cleanups.push(() => lp.restore());
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
    const link = await openQueueLink({ name: 'Office', title: 'coa 24-117' });
    expect(link.answers).toBe(false);
    await link.write(pdf);
    await link.write(pdf);
    expect(link.requests).toEqual(['Office-41', 'Office-42']);
    expect(await link.read(() => 1, 10)).toBeUndefined();
    await link.close();
    expect(lp.calls().map((args) => args.slice(0, 5))).toEqual([
      ['-d', 'Office', '-t', 'coa 24-117', '--'],
      ['-d', 'Office', '-t', 'coa 24-117', '--'],
    ]);
    expect(lp.documents()).toEqual([pdf, pdf]);
    const missing = await openQueueLink({ name: 'Missing' });
    await expect(missing.write(pdf)).rejects.toThrow('refused the document: The printer or class does not exist.');
    await missing.close();
    const noCups = await openQueueLink({ name: 'Office', command: join(dir, 'no-such-lp') });
    await expect(noCups.write(pdf)).rejects.toThrow('cannot be reached: the lp command is not installed (CUPS)');
    await noCups.close();
  });
});
