// HID POS scanners: report byte sequences laid out as a scanner sends them (report ID 0x02, length, AIM id,
// 56 data bytes, vendor symbology, reserved, continued flag) through a device with node-hid's interface.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hidScannerDevices } from './hid-discovery';
import { hidPosReports, readHidPosReport } from './hid-pos-report';
import { HidPosScanner } from './hid-pos-scanner';
import type { HidDeviceLike } from './hid-pos-scanner';
import { until } from './socat.test-support';
import type { DeviceStateEvent, Frame, FrameProblem } from './types';

/** A stand-in for node-hid's HID: an EventEmitter that emits 'data' reports and 'error', and can be closed. */
class FakeHid extends EventEmitter implements HidDeviceLike {
  closed = false;
  close(): void {
    if (this.closed) throw new Error('Cannot close: device already closed');
    this.closed = true;
  }
}

const GS = '\x1d';
const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** A report written out byte by byte, the way a USB capture shows it. */
function recorded(reportId: number, length: number, aim: string, data: string, continued: boolean): Buffer {
  const report = Buffer.alloc(64);
  report[0] = reportId;
  report[1] = length;
  report.write(aim, 2, 'latin1');
  report.write(data, 5, 'latin1');
  report[61] = 0x77; // vendor symbology id (Honeywell 'w' = Data Matrix)
  report[63] = continued ? 0x01 : 0x00;
  return report;
}

async function rig(reportId?: number | null) {
  const devices: FakeHid[] = [];
  let failOpens = 0;
  const scanner = new HidPosScanner({
    id: '/dev/hidraw7',
    ...(reportId !== undefined ? { reportId } : {}),
    reconnect: { initialMs: 5, maxMs: 20 },
    open: () => {
      if (failOpens > 0) {
        failOpens -= 1;
        throw new Error('could not open device');
      }
      const d = new FakeHid();
      devices.push(d);
      return d;
    },
  });
  const frames: Frame[] = [];
  const problems: FrameProblem[] = [];
  const states: DeviceStateEvent[] = [];
  scanner.on('frame', (f) => frames.push(f));
  scanner.on('problem', (p) => problems.push(p));
  scanner.on('state', (s) => states.push(s));
  await scanner.start();
  return {
    scanner,
    frames,
    problems,
    states,
    device: () => devices.at(-1) as FakeHid,
    devices,
    failNextOpens: (count: number) => (failOpens = count),
  };
}

describe('HID POS input reports', () => {
  it('reads a recorded single report with an AIM id', () => {
    const read = readHidPosReport(recorded(0x02, 16, ']C1', '0109501101530003', false));
    expect(read).toMatchObject({ type: 'data', aim: ']C1', continued: false, vendorSymbology: 0x77 });
    expect(read.type === 'data' && Buffer.from(read.data).toString('latin1')).toBe('0109501101530003');
  });

  it('other reports are not scanned data; malformed ones say why', () => {
    expect(readHidPosReport(Buffer.from([0x04, 1, 2]))).toEqual({ type: 'other', reportId: 4 });
    expect(readHidPosReport(Buffer.from([0x02, 1, 2]))).toMatchObject({ type: 'problem', problem: expect.stringMatching(/too short: 2 bytes/) });
    expect(readHidPosReport(recorded(0x02, 57, '', '', false))).toMatchObject({ type: 'problem', problem: 'HID POS report claims 57 data bytes; a report holds at most 56' });
  });

  it('builds reports per the layout (the simulator a test or a bench uses)', () => {
    const [only] = hidPosReports(latin1('0109501101530003'), { aim: ']C1', vendorSymbology: 0x77 });
    expect(only).toEqual(recorded(0x02, 16, ']C1', '0109501101530003', false));
    expect(hidPosReports(latin1('x'.repeat(57)))).toHaveLength(2);
  });
});

describe('HidPosScanner', () => {
  it('emits one frame per single report, AIM id first, with and without AIM', async () => {
    const r = await rig();
    r.device().emit('data', recorded(0x02, 16, ']C1', '0109501101530003', false));
    r.device().emit('data', recorded(0x02, 13, '\0\0\0', 'RES-PC:24-117', false));
    expect(r.frames.map((f) => f.text)).toEqual([']C10109501101530003', 'RES-PC:24-117']);
    expect(r.frames[0]?.device).toBe('hid:/dev/hidraw7');
  });

  it('assembles continued reports into one frame, GS kept', async () => {
    const r = await rig();
    const data = `0109501101530003172612311024-117${GS}21${'S'.repeat(60)}`;
    const reports = hidPosReports(latin1(data), { aim: ']d2' });
    expect(reports).toHaveLength(2);
    expect(reports.map((rep) => [rep[1], rep[63]])).toEqual([
      [56, 1],
      [data.length - 56, 0],
    ]);
    r.device().emit('data', reports[0]);
    expect(r.frames).toEqual([]);
    r.device().emit('data', reports[1]);
    expect(r.frames.map((f) => f.text)).toEqual([`]d2${data}`]);
  });

  it('reads unnumbered reports when told the device has no report IDs', async () => {
    const r = await rig(null);
    for (const report of hidPosReports(latin1('WO-26101'), { reportId: null })) r.device().emit('data', report);
    expect(r.frames.map((f) => f.text)).toEqual(['WO-26101']);
  });

  it('ignores other reports, refuses malformed ones and over-long barcodes with a reason', async () => {
    const r = await rig();
    r.device().emit('data', Buffer.from([0x05, 0x01]));
    r.device().emit('data', Buffer.from([0x02, 0x01]));
    expect(r.frames).toEqual([]);
    expect(r.problems.map((p) => p.problem)).toEqual(['HID POS report too short: 1 bytes after the report ID, a scanned data report has 63']);
    const device = new FakeHid();
    const long = new HidPosScanner({ id: 'long', maxFrameLength: 60, open: () => device });
    const longProblems: string[] = [];
    const longFrames: string[] = [];
    long.on('problem', (p) => longProblems.push(p.problem));
    long.on('frame', (f) => longFrames.push(f.text));
    await long.start();
    for (const report of hidPosReports(latin1('9'.repeat(130)))) device.emit('data', report);
    for (const report of hidPosReports(latin1('SH-000042'))) device.emit('data', report);
    expect(longProblems).toEqual(['Frame too long: more than 60 bytes in continued HID reports; discarded']);
    expect(longFrames).toEqual(['SH-000042']);
  });

  it('on a device error (unplug) reports the cut barcode, reopens with backoff, and goes on', async () => {
    const r = await rig();
    const first = r.device();
    const reports = hidPosReports(latin1('x'.repeat(70)));
    first.emit('data', reports[0]);
    r.failNextOpens(2);
    first.emit('error', new Error('could not read from HID device'));
    expect(first.closed).toBe(true);
    expect(r.problems.map((p) => p.problem)).toEqual(['Incomplete barcode: continued HID reports cut off (the device went away); discarded']);
    await until(() => r.scanner.state === 'connected', 'the HID scanner to reopen');
    expect(r.devices).toHaveLength(2);
    first.emit('data', hidPosReports(latin1('LATE:1'))[0]); // the old handle is ignored
    r.device().emit('data', hidPosReports(latin1('RES-PC:A2'))[0]);
    expect(r.frames.map((f) => f.text)).toEqual(['RES-PC:A2']);
    expect(r.states.map((s) => [s.state, s.attempt])).toEqual([
      ['connecting', undefined],
      ['connected', undefined],
      ['reconnecting', 1],
      ['reconnecting', 2],
      ['reconnecting', 3],
      ['connected', undefined],
    ]);
    expect(r.states[2]?.reason).toBe('Lost /dev/hidraw7 (could not read from HID device)');
    expect(r.states[3]?.reason).toBe('Cannot reopen /dev/hidraw7: could not open device');
    await r.scanner.stop();
    expect(r.scanner.state).toBe('closed');
  });
});

describe('node-hid here', () => {
  it('loads (libusb and libudev are installed) and lists devices as an array', async () => {
    const hid = await import('node-hid');
    expect(Array.isArray(hid.devices())).toBe(true);
    expect(await hidScannerDevices()).toEqual([]);
  });

  it('discovery keeps only usage page 0x8C, once per path', async () => {
    const found = await hidScannerDevices({
      devicesAsync: () =>
        Promise.resolve([
          { vendorId: 0x0c2e, productId: 0x0b8f, path: '/dev/hidraw1', usagePage: 0x8c, usage: 2, product: 'Voyager 1400g' },
          { vendorId: 0x0c2e, productId: 0x0b8f, path: '/dev/hidraw1', usagePage: 0x8c, usage: 2 },
          { vendorId: 0x0c2e, productId: 0x0b8f, path: '/dev/hidraw2', usagePage: 0x01, usage: 6 },
        ]),
    });
    expect(found).toEqual([{ path: '/dev/hidraw1', vendorId: 0x0c2e, productId: 0x0b8f, product: 'Voyager 1400g', usage: 2 }]);
  });
});
