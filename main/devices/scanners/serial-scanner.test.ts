// The serial driver on real ptys (socat): frames with AIM ids and GS, split writes, garbage, over-long frames,
// framing by pause, and an unplug/replug in which no scan is lost or doubled.
import { mkdtempSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LotlineError } from '../../../common/errors';
import { ScanPipeline } from './scan-pipeline';
import { SerialScanner } from './serial-scanner';
import type { SerialScannerOptions } from './serial-scanner';
import { ptyPair, scannerEnd, until } from './socat.test-support';
import type { PtyPair } from './socat.test-support';
import type { DeviceStateEvent, ScanEvent } from './types';

const dir = mkdtempSync(join(tmpdir(), 'lotline-serial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GS = '\x1d';
const DM = `]d20109501101530003172612311024-117${GS}21SN0042`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let n = 0;
async function rig(options: Omit<SerialScannerOptions, 'path'> = {}, windowMs = 0) {
  n += 1;
  const pty: PtyPair = await ptyPair(join(dir, `scanner${n}`), join(dir, `host${n}`));
  cleanups.push(() => pty.close());
  const scanner = new SerialScanner({ path: pty.scanner, ...options });
  const pipeline = new ScanPipeline({ duplicateWindowMs: windowMs });
  const events: ScanEvent[] = [];
  const states: DeviceStateEvent[] = [];
  pipeline.subscribe((e) => events.push(e));
  scanner.on('state', (s) => states.push(s));
  pipeline.attach(scanner);
  await scanner.start();
  cleanups.push(() => scanner.stop());
  let host = await scannerEnd(pty.host);
  cleanups.push(() => host.close());
  const outcomes = () => events.filter((e) => e.type !== 'state');
  return {
    pty,
    scanner,
    events,
    states,
    outcomes,
    send: (bytes: string) => host.send(bytes),
    reopenHost: async () => {
      await host.close();
      host = await scannerEnd(pty.host);
    },
    closeHost: () => host.close(),
    waitFor: (count: number) => until(() => outcomes().length >= count, `${count} scans or problems`),
  };
}

const summary = (e: ScanEvent): string => {
  if (e.type === 'scan') return e.scan.problem ? `refused ${e.scan.raw}: ${e.scan.problem}` : `${e.scan.kind} ${e.scan.raw}`;
  if (e.type === 'duplicate') return `duplicate ${e.scan.raw}`;
  if (e.type === 'problem') return `problem ${e.problem}`;
  return `state ${e.state}`;
};

describe('SerialScanner on a socat pty', () => {
  it('decodes frames with AIM ids and GS separators, split across writes, through garbage and over-long frames', async () => {
    const r = await rig({ suffix: 'cr', maxFrameLength: 64 });
    expect(r.scanner.state).toBe('connected');
    await r.send(DM.slice(0, 20));
    await r.send(`${DM.slice(20)}\r`);
    await r.send('\x00\x00\xff\rRES-PC:24-117\r\n');
    await r.send(`${'9'.repeat(70)}`);
    await r.send(`${'9'.repeat(10)}\rWO-26101\r`);
    await r.send('AB\x07CD\rhello\r]C1000950110153000000');
    await r.send('27\r');
    await r.waitFor(7);
    expect(r.outcomes().map(summary)).toEqual([
      `unit ${DM}`,
      'unit RES-PC:24-117',
      // Whether the pty hands the 80 bytes over in one read or two decides which of the two reasons is given.
      expect.stringMatching(/^problem Frame too long: (80 bytes, more than the 64 allowed; discarded|more than 64 bytes without a suffix; discarded up to the next suffix)$/),
      'workOrder WO-26101',
      'problem Line noise: control byte 0x07 at position 3 of the frame; discarded',
      'refused hello: "hello" is not a barcode Lotline reads: expected GS1 data, PART:LOT, PART#SERIAL, a work order (WO-…) or a shipment (SH-…)',
      'gs1 ]C100095011015300000027',
    ]);
    const first = r.outcomes()[0];
    expect(first?.type === 'scan' && first.scan).toMatchObject({ device: `serial:${r.pty.scanner}`, aim: ']d2', trace: { lot: '24-117', serial: 'SN0042' } });
  });

  it('without a suffix, frames end at the inter-byte timeout', async () => {
    const r = await rig({ suffix: 'none', timeoutMs: 80 });
    await r.send('PUMP-200#2600');
    await r.send('0123');
    await r.waitFor(1);
    await r.send('SH-000042');
    await r.waitFor(2);
    expect(r.outcomes().map(summary)).toEqual(['unit PUMP-200#26000123', 'shipment SH-000042']);
  });

  it('says when it ignores a repeated scan within the window', async () => {
    const r = await rig({ suffix: 'crlf' }, 60_000);
    await r.send('RES-PC:24-117\r\nRES-PC:24-117\r\n');
    await r.waitFor(2);
    expect(r.outcomes().map(summary)).toEqual(['unit RES-PC:24-117', 'duplicate RES-PC:24-117']);
  });

  it('reconnects after an unplug without losing or doubling a scan', async () => {
    const r = await rig({ suffix: 'cr', reconnect: { initialMs: 20, maxMs: 200 } });
    const before = ['WO-1', 'WO-2', 'RES-PC:A1'];
    for (const code of before) await r.send(`${code}\r`);
    await r.send('RES-PC:HALF'); // cut off by the unplug: reported, never passed on as a scan
    await r.waitFor(3);
    await until(() => r.scanner.pendingBytes === 'RES-PC:HALF'.length, 'the unfinished frame to arrive');
    await until(() => r.scanner.state === 'connected', 'still connected');
    await r.closeHost();
    await r.pty.unplug();
    await until(() => r.states.some((s) => s.state === 'reconnecting' && s.attempt !== undefined && s.attempt >= 2), `failed reopen attempts while unplugged (states: ${JSON.stringify(r.states)})`);
    expect(r.scanner.state).toBe('reconnecting');
    await r.pty.replug();
    await until(() => r.scanner.state === 'connected', 'the scanner to reconnect');
    await r.reopenHost();
    const after = ['WO-3', 'SH-000042', 'RES-PC:A2'];
    for (const code of after) await r.send(`${code}\r`);
    await r.waitFor(7);
    const scans = r.events.flatMap((e) => (e.type === 'scan' ? [e.scan.raw] : []));
    expect(scans).toEqual([...before, ...after]);
    expect(r.outcomes().filter((e) => e.type === 'problem').map(summary)).toEqual(['problem Incomplete frame cut off (the port went away); discarded']);
    const states = r.states.map((s) => s.state);
    expect(states[0]).toBe('connecting');
    expect(states[1]).toBe('connected');
    expect(states.at(-1)).toBe('connected');
    const lost = r.states.find((s) => s.state === 'reconnecting');
    expect(lost?.reason).toMatch(new RegExp(`^Lost ${r.pty.scanner}`));
    expect(r.states.filter((s) => s.state === 'reconnecting').slice(1).every((s) => s.reason === `Serial port ${r.pty.scanner} is not there (unplugged, or a wrong path)`)).toBe(true);
  });

  it('counts a port whose device file is gone as lost even when the port itself reports nothing, and reopens it when it is back', async () => {
    const r = await rig({ suffix: 'cr', reconnect: { initialMs: 20, maxMs: 200 } });
    await r.send('WO-1\r');
    await r.waitFor(1);
    // The device node goes (as udev removes an unplugged USB scanner's) while the pty behind it stays open and silent.
    const target = readlinkSync(r.pty.scanner);
    unlinkSync(r.pty.scanner);
    await until(() => r.scanner.state === 'reconnecting', 'the scanner to count the port as lost');
    expect(r.states.find((s) => s.state === 'reconnecting')?.reason).toBe(`Lost ${r.pty.scanner} (${r.pty.scanner} is gone)`);
    symlinkSync(target, r.pty.scanner);
    await until(() => r.scanner.state === 'connected', 'the scanner to reopen the port');
    await r.send('WO-2\r');
    await r.waitFor(2);
    expect(r.events.flatMap((e) => (e.type === 'scan' ? [e.scan.raw] : []))).toEqual(['WO-1', 'WO-2']);
  });

  it('refuses to start on a port that is not there, with the reason', async () => {
    const scanner = new SerialScanner({ path: join(dir, 'nothing-here') });
    const states: DeviceStateEvent[] = [];
    scanner.on('state', (s) => states.push(s));
    const error = await scanner.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LotlineError);
    expect(error).toMatchObject({ code: 'DEVICE', message: `Serial port ${join(dir, 'nothing-here')} is not there (unplugged, or a wrong path)` });
    expect(states.map((s) => s.state)).toEqual(['connecting', 'error']);
    expect(scanner.state).toBe('closed');
  });

  it('validates its options', () => {
    expect(() => new SerialScanner({ path: '' })).toThrow(/needs the path/);
    expect(() => new SerialScanner({ path: '/dev/x', baudRate: 12.5 })).toThrow(/Baud rate/);
    expect(() => new SerialScanner({ path: '/dev/x', timeoutMs: 0 })).toThrow(/inter-byte timeout/);
  });
});
