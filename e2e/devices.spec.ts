// Scanners on the Devices screen and in the status bar: a serial scanner configured on a socat pty (a real tty) shows
// green, its scans reach the app like a wedge's, unplugging turns it amber with the reason and replugging green
// again; a repeat is reported as ignored; a scanner whose port does not exist shows red with the reason.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ptyPair, scannerEnd } from '../main/devices/scanners/socat.test-support';
import type { PtyPair } from '../main/devices/scanners/socat.test-support';
import { callApi } from './api';
import { AppFrame } from './pages/AppFrame';
import { DevicesPage } from './pages/DevicesPage';

let dir: string;
let pty: PtyPair;

test.beforeAll(async ({ browserName: _browser }, testInfo) => {
  dir = join(tmpdir(), `lotline-e2e-devices-${testInfo.project.name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  pty = await ptyPair(join(dir, 'scanner'), join(dir, 'host'));
});

test.afterAll(async ({ request }) => {
  // The two window sizes share one server: leave no scanner behind for the next run.
  const { devices } = await callApi(request, 'devices.list', {});
  for (const device of devices) if (device.label.includes(dir)) await callApi(request, 'devices.remove', { id: device.config.id });
  await pty.close();
  rmSync(dir, { recursive: true, force: true });
});

async function idOf(request: Parameters<typeof callApi>[0], name: string): Promise<string> {
  const { devices } = await callApi(request, 'devices.list', {});
  const device = devices.find((d) => d.config.name === name);
  if (!device) throw new Error(`${name} is not configured`);
  return device.config.id;
}

test('a serial scanner on a tty: green, scans reach the app, amber while unplugged, green again after', async ({ page, request }, testInfo) => {
  const name = `Receiving dock ${testInfo.project.name}`;
  const app = new AppFrame(page, testInfo);
  const devices = new DevicesPage(page);
  await app.open('#/devices');
  await app.ready('devices');
  await devices.addSerial(name, pty.scanner);
  await expect(devices.formAnswer).toContainText(`Runs as serial:${pty.scanner}`);
  const id = await idOf(request, name);
  await devices.expectState(id, 'connected');
  await expect(devices.indicator(id)).toContainText(`${name}: Connected`);

  // A scan made on the Devices screen is shown there, not acted on.
  let host = await scannerEnd(pty.host);
  await host.send('WO-26101\r');
  await expect(devices.lastScanHere).toHaveText('WO-26101');
  await expect(devices.feed).toContainText('work order WO-26101');
  // The same barcode again within the window: ignored, and said so.
  await host.send('WO-26101\r');
  await expect(page.getByTestId('scan-notice')).toContainText('Ignored: duplicate within 1500 ms');
  await expect(devices.feed).toContainText('Duplicate ignored');
  await app.screenshot('95-devices-connected');

  // Elsewhere, a hardware scan goes where a wedge scan goes: here the search box, which opens the lot.
  const [lot, otherLot] = await callApi(request, 'lots.list', { limit: 2 });
  if (!lot || !otherLot) throw new Error('The demo plant has fewer than two lots');
  await app.navigateTo('Dashboard', 'dashboard');
  await host.send(`${lot.ref}\r`);
  await app.ready('unit');
  await expect(page.locator('[data-screen="unit"]')).toContainText(lot.lot ?? lot.ref);

  // Unplugged: amber, with the reason on hover.
  await host.close();
  await pty.unplug();
  await devices.expectState(id, 'reconnecting');
  await devices.indicator(id).hover();
  await expect(page.getByTestId('device-detail')).toContainText(`Serial port ${pty.scanner} is not there`);
  await app.screenshot('96-device-reconnecting');

  // Replugged: green again without a restart, and the next scan arrives once.
  await pty.replug();
  await devices.expectState(id, 'connected');
  await app.navigateTo('Devices', 'devices');
  host = await scannerEnd(pty.host);
  await host.send('SH-000042\r');
  await expect(devices.lastScanHere).toHaveText('SH-000042');
  // Once: the two window sizes share one server, so only this run's scanner counts.
  await expect(devices.feed.locator('tr', { hasText: name }).filter({ hasText: 'shipment SH-000042' })).toHaveCount(1);

  // A scan made while no window is open is kept, and delivered to the window that opens next. Another lot than the one
  // scanned before the unplug: on a fast machine the same barcode can come back within the duplicate window.
  await page.goto('about:blank');
  await host.send(`${otherLot.ref}\r`);
  await expect.poll(async () => (await callApi(request, 'devices.list', {})).pending).toBe(1);
  await app.open('#/dashboard');
  await app.ready('unit');
  await expect(page.locator('[data-screen="unit"]')).toContainText(otherLot.lot ?? otherLot.ref);
  await host.close();
});

test('a scanner whose port does not exist shows red with the reason', async ({ page, request }, testInfo) => {
  const name = `Packing ${testInfo.project.name}`;
  const missing = join(dir, 'ttyACM9');
  const app = new AppFrame(page, testInfo);
  const devices = new DevicesPage(page);
  await app.open('#/devices');
  await app.ready('devices');

  await devices.addSerial(name, missing, '19200');
  await expect(devices.formAnswer).toContainText(`Serial port ${missing} is not there (unplugged, or a wrong path)`);
  const id = await idOf(request, name);
  await devices.expectState(id, 'error');
  await expect(page.getByTestId(`scanner-state-${id}`)).toContainText(`Serial port ${missing} is not there`);
  await devices.indicator(id).click();
  await expect(page.getByTestId('device-detail')).toContainText('next attempt');
  await app.screenshot('97-device-error');
});
