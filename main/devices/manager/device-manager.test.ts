// The device manager on real ptys (socat): scans arrive as events and are taken once; unplug → reconnecting with the
// reason, replug → connected, and across it no scan is lost or doubled; duplicates are said so; a port that is not
// there at start is an error with its reason and is picked up once it appears.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DevicesChanged, HidDeviceConfig, ScanFeedEntry } from '../../../common/api/devices';
import { defaultScanSettings } from '../../../common/api/devices';
import { hidPosReports } from '../scanners/hid-pos-report';
import type { HidDeviceLike } from '../scanners/hid-pos-scanner';
import { ptyPair, scannerEnd, until } from '../scanners/socat.test-support';
import { memoryDeviceConfig } from './config-file';
import { DeviceManager } from './device-manager';
import type { DeviceManagerEvent } from './device-manager';

const dir = mkdtempSync(join(tmpdir(), 'lotline-devices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let n = 0;
async function rig(options: { windowMs?: number; plugged?: boolean } = {}) {
  n += 1;
  const scannerPath = join(dir, `scanner${n}`);
  const hostPath = join(dir, `host${n}`);
  const pty = options.plugged === false ? undefined : await ptyPair(scannerPath, hostPath);
  if (pty) cleanups.push(() => pty.close());
  const events: DeviceManagerEvent[] = [];
  const store = memoryDeviceConfig({
    devices: [{ kind: 'serial', id: 'serial-1', name: 'Receiving dock', path: scannerPath, baud: 9600, suffix: 'cr', timeoutMs: null, enabled: true }],
    settings: { ...defaultScanSettings, duplicateWindowMs: options.windowMs ?? 0 },
  });
  const manager = new DeviceManager({ store, publish: (e) => events.push(e), reconnect: { initialMs: 20, maxMs: 200 }, restart: { initialMs: 20, maxMs: 200 } });
  cleanups.push(() => manager.close());
  await manager.start();
  const scans = () => events.flatMap((e) => (e.topic === 'scan' ? [e.payload] : []));
  const states = () => events.flatMap((e) => (e.topic === 'devices' ? [e.payload] : []));
  const device = () => manager.overview().devices[0];
  let host: Awaited<ReturnType<typeof scannerEnd>> | undefined;
  const openHost = async () => {
    host = await scannerEnd(hostPath);
    cleanups.push(() => host?.close() ?? Promise.resolve());
  };
  return { manager, store, pty, scannerPath, hostPath, events, scans, states, device, openHost, send: (bytes: string) => host?.send(bytes) ?? Promise.reject(new Error('no host end open')), closeHost: () => host?.close() };
}

const raws = (entries: readonly ScanFeedEntry[]) => entries.map((e) => e.raw);

describe('DeviceManager with a serial scanner on a socat pty', () => {
  it('publishes a scan written into the pty, and hands it to one taker only', async () => {
    const r = await rig();
    expect(r.device()).toMatchObject({ state: 'connected', label: `serial:${r.scannerPath}`, config: { name: 'Receiving dock' } });
    await r.openHost();
    await r.send('RES-PC:24-117\r');
    await until(() => r.scans().length === 1, 'the scan event');
    expect(r.scans()[0]).toMatchObject({ type: 'scan', raw: 'RES-PC:24-117', summary: 'lot RES-PC:24-117', deviceId: 'serial-1', deviceName: 'Receiving dock', delivery: 'pending' });
    expect(r.manager.overview()).toMatchObject({ pending: 1, missed: 0 });
    expect(raws(r.manager.takeScans())).toEqual(['RES-PC:24-117']);
    expect(r.manager.takeScans()).toEqual([]);
    expect(r.manager.overview()).toMatchObject({ pending: 0, recent: [{ raw: 'RES-PC:24-117', delivery: 'delivered' }] });
    expect(r.device()?.lastScan).toMatchObject({ raw: 'RES-PC:24-117' });
  });

  it('goes reconnecting with the reason on unplug and connected on replug; no scan lost or doubled across it', async () => {
    const r = await rig();
    await r.openHost();
    const before = ['WO-1', 'RES-PC:A1'];
    for (const code of before) await r.send(`${code}\r`);
    await until(() => r.scans().length === 2, 'the scans before the unplug');
    const taken = r.manager.takeScans();
    await r.closeHost();
    await r.pty?.unplug();
    await until(() => r.device()?.state === 'reconnecting', 'the manager to see the unplug');
    const lost = r.device();
    expect(lost?.reason).toMatch(new RegExp(`^(Lost ${r.scannerPath}|Serial port ${r.scannerPath} is not there)`));
    expect(lost?.attempt).toBeGreaterThanOrEqual(1);
    expect(Date.parse(lost?.nextAttemptAt ?? '')).toBeGreaterThan(0);
    expect(r.states().some((s: DevicesChanged) => s.devices[0]?.state === 'reconnecting')).toBe(true);
    await r.pty?.replug();
    await until(() => r.device()?.state === 'connected', 'the scanner to reconnect');
    await r.openHost();
    await r.send('SH-000042\r');
    await until(() => r.scans().length === 3, 'the scan after the replug');
    taken.push(...r.manager.takeScans());
    expect(raws(taken)).toEqual([...before, 'SH-000042']);
    expect(raws(r.scans())).toEqual([...before, 'SH-000042']);
    expect(new Set(r.scans().map((s) => s.seq)).size).toBe(3);
  });

  it('reports a repeat within the window as ignored, not silently dropped, and never routes it', async () => {
    const r = await rig({ windowMs: 60_000 });
    await r.openHost();
    await r.send('WO-26101\rWO-26101\r');
    await until(() => r.scans().length === 2, 'both reads');
    expect(r.scans()[1]).toMatchObject({ type: 'duplicate', raw: 'WO-26101', delivery: 'not-routed', problem: expect.stringMatching(/^Ignored: duplicate within 60000 ms/) as unknown });
    expect(raws(r.manager.takeScans())).toEqual(['WO-26101']);
  });

  it('reports a port that is not there with the reason and the next attempt, and connects once it appears', async () => {
    const r = await rig({ plugged: false });
    const absent = r.device();
    expect(absent).toMatchObject({ state: 'error', reason: `Serial port ${r.scannerPath} is not there (unplugged, or a wrong path)` });
    expect(Date.parse(absent?.nextAttemptAt ?? '')).toBeGreaterThan(0);
    const pty = await ptyPair(r.scannerPath, r.hostPath);
    cleanups.push(() => pty.close());
    await until(() => r.device()?.state === 'connected', 'the scanner to be opened once its port exists');
    await r.openHost();
    await r.send('WO-7\r');
    await until(() => r.scans().length === 1, 'the scan');
    expect(raws(r.manager.takeScans())).toEqual(['WO-7']);
  });

  it('saves, tests and removes devices: conflicts and unknown ids refused in words', async () => {
    const r = await rig();
    await expect(r.manager.save({ kind: 'serial', name: 'Second', path: r.scannerPath, baud: 9600, suffix: 'cr', timeoutMs: null, enabled: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `Serial port ${r.scannerPath} is already configured as "Receiving dock"`,
    });
    await expect(r.manager.remove('serial-9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const added = await r.manager.save({ kind: 'serial', name: 'Packing', path: join(dir, 'no-such-port'), baud: 19200, suffix: 'crlf', timeoutMs: null, enabled: false });
    expect(added).toMatchObject({ state: 'disabled', config: { id: 'serial-2', baud: 19200 } });
    expect(r.store.load().devices.map((d) => d.id)).toEqual(['serial-1', 'serial-2']);
    expect(await r.manager.test({ id: 'serial-1' })).toMatchObject({ ok: true, message: expect.stringMatching(/^Receiving dock is connected on serial:/) as unknown });
    const missing = await r.manager.test({ device: { kind: 'serial', name: 'Try', path: join(dir, 'no-such-port'), baud: 9600, suffix: 'cr', timeoutMs: null, enabled: true }, listenMs: 0 });
    expect(missing).toEqual({ ok: false, message: `Serial port ${join(dir, 'no-such-port')} is not there (unplugged, or a wrong path)` });
    // The running scanner holds its port: a test of the same port listens through it.
    await r.openHost();
    const listening = r.manager.test({ device: { kind: 'serial', name: 'Try', path: r.scannerPath, baud: 9600, suffix: 'cr', timeoutMs: null, enabled: true }, listenMs: 10_000 });
    await until(() => r.device()?.state === 'connected', 'connected');
    await r.send('RES-PC:T1\r');
    expect(await listening).toMatchObject({ ok: true, message: 'Receiving dock read lot RES-PC:T1', scan: { raw: 'RES-PC:T1' } });
    expect(await r.manager.remove('serial-2')).toEqual({ removed: 'serial-2' });
    expect(r.store.load().devices.map((d) => d.id)).toEqual(['serial-1']);
  });
});

/** node-hid's HID as the driver sees it: an EventEmitter of input reports and errors. */
class FakeHid extends EventEmitter implements HidDeviceLike {
  close(): void {}
}

describe('DeviceManager with a USB HID POS scanner (recorded reports through node-hid\'s interface)', () => {
  it('publishes its scans, goes reconnecting when the device errors (unplugged) and connected when it opens again', async () => {
    const opened: FakeHid[] = [];
    let plugged = true;
    const config: HidDeviceConfig = { kind: 'hid', id: 'hid-1', name: 'Packing', vendorId: 0x0c2e, productId: 0x0b61, path: null, enabled: true };
    const events: DeviceManagerEvent[] = [];
    const manager = new DeviceManager({
      store: memoryDeviceConfig({ devices: [config], settings: { ...defaultScanSettings, duplicateWindowMs: 0 } }),
      publish: (e) => events.push(e),
      reconnect: { initialMs: 10, maxMs: 50 },
      openHid: (c) => {
        if (!plugged) return Promise.reject(new Error(`no HID POS scanner ${c.vendorId.toString(16)}:${c.productId.toString(16)} is plugged in`));
        const device = new FakeHid();
        opened.push(device);
        return Promise.resolve(device);
      },
    });
    cleanups.push(() => manager.close());
    await manager.start();
    const state = () => manager.overview().devices[0];
    const scans = () => events.flatMap((e) => (e.topic === 'scan' ? [e.payload] : []));
    expect(state()).toMatchObject({ state: 'connected', label: 'hid:0c2e:0b61' });
    for (const report of hidPosReports(Buffer.from('RES-PC:24-117', 'latin1'), { aim: ']d2' })) opened[0]?.emit('data', report);
    await until(() => scans().length === 1, 'the HID scan');
    expect(scans()[0]).toMatchObject({ type: 'scan', raw: ']d2RES-PC:24-117', deviceName: 'Packing' });
    plugged = false;
    opened[0]?.emit('error', new Error('could not read from HID device'));
    await until(() => state()?.state === 'reconnecting' && (state()?.attempt ?? 0) >= 2, 'failed reopen attempts');
    expect(state()?.reason).toBe('Cannot reopen 0c2e:0b61: no HID POS scanner c2e:b61 is plugged in');
    plugged = true;
    await until(() => state()?.state === 'connected', 'the scanner to be back');
    for (const report of hidPosReports(Buffer.from('WO-26101', 'latin1'), { aim: ']d2' })) opened.at(-1)?.emit('data', report);
    await until(() => scans().length === 2, 'the scan after the replug');
    expect(raws(manager.takeScans())).toEqual([']d2RES-PC:24-117', ']d2WO-26101']);
  });
});

describe('DeviceManager hold time', () => {
  it('shows a scan that no screen took in time as missed, with its data, and hands it to nobody', async () => {
    const r = await rig();
    r.manager.saveSettings({ ...defaultScanSettings, duplicateWindowMs: 0, holdMs: 1000 });
    await r.openHost();
    await r.send('RES-PC:LATE\r');
    await until(() => r.states().some((s) => s.missed === 1), 'the scan to be marked missed');
    expect(r.manager.takeScans()).toEqual([]);
    expect(r.manager.overview()).toMatchObject({ pending: 0, missed: 1, recent: [{ raw: 'RES-PC:LATE', delivery: 'missed', summary: 'lot RES-PC:LATE' }] });
  });
});
