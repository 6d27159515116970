// The devices commands through the api's door (the core on a real database file, wrapped with this workstation's
// scanners and a real device settings file): inputs validated with specific reasons, the configuration kept in the
// file, other commands passed to the core, and refused where no scanners run (the core alone, as in the CLI).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { withDevices } from './devices';
import { createApi } from './index';
import type { LotlineApi } from './types';

const dir = mkdtempSync(join(tmpdir(), 'lotline-devices-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const apis: LotlineApi[] = [];
afterEach(() => apis.splice(0).forEach((api) => api.close()));

let n = 0;
function open(devices = true) {
  n += 1;
  const core = createApi({ dbPath: join(dir, `t${n}.db`) });
  const api = devices ? withDevices(core, { configFile: join(dir, `devices${n}.json`) }) : core;
  apis.push(api);
  return { api, file: join(dir, `devices${n}.json`) };
}

const errorOf = async (api: LotlineApi, command: string, input: unknown) => {
  const result = await api.invoke(command, input);
  if (result.ok) throw new Error(`${command} was accepted`);
  return result.error;
};

describe('devices commands', () => {
  it('refuses a serial scanner with a specific reason per field', async () => {
    const { api } = open();
    expect(await errorOf(api, 'devices.save', { kind: 'serial', name: 'Dock', path: '/dev/ttyACM0', baud: 12345 })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^baud: 12345 is not a standard rate \(use one of 300, .*115200/) as unknown,
    });
    expect((await errorOf(api, 'devices.save', { kind: 'serial', name: ' ', path: '', suffix: 'CRX', timeoutMs: 0 })).message).toBe(
      'name: must not be empty: name the scanner after its station, e.g. "Receiving dock"; path: must name the port, e.g. /dev/ttyACM0 or COM3; suffix: "crx" is not a frame suffix: use cr, lf, crlf, none, or up to 8 bytes in hex such as 0x04; timeoutMs: must be 1 to 60000 ms',
    );
    expect((await errorOf(api, 'devices.save', { kind: 'hid', name: 'Pack', vendorId: 70000, productId: -1 })).message).toBe('vendorId: a USB vendor id is 0 to 65535 (0xFFFF); productId: a USB product id is 0 to 65535 (0xFFFF)');
    expect((await errorOf(api, 'devices.save', { kind: 'bluetooth', name: 'X' })).message).toMatch(/kind must be "serial" or "hid"/);
    expect((await errorOf(api, 'devices.settings', { duplicateWindowMs: -1, holdMs: 10, wedge: { maxGapMs: 5, minLength: 4, suffixKey: 'Escape', gsSubstitute: 'ab' } })).message).toBe(
      'duplicateWindowMs: must be 0 to 600000 ms; holdMs: must be 1000 to 600000 ms; wedge.maxGapMs: must be 10 to 500 ms; wedge.suffixKey: must be Enter or Tab; wedge.gsSubstitute: must be one printable ASCII character (such as ~ or ^), or empty for none',
    );
    expect((await errorOf(api, 'devices.remove', { id: 'serial-1' })).message).toBe('There is no scanner with id "serial-1"');
  });

  it('keeps what is saved in the device settings file and lists it with its state', async () => {
    const { api, file } = open();
    const saved = await api.invoke('devices.save', { kind: 'serial', name: 'Dock', path: join(dir, 'absent-tty'), baud: 115200, suffix: '0x04' });
    expect(saved).toMatchObject({ ok: true, value: { config: { id: 'serial-1', baud: 115200, suffix: '0x04' }, state: 'error', reason: `Serial port ${join(dir, 'absent-tty')} is not there (unplugged, or a wrong path)` } });
    const settings = { duplicateWindowMs: 800, holdMs: 30_000, wedge: { maxGapMs: 60, minLength: 6, suffixKey: 'Tab', gsSubstitute: '~' } };
    expect(await api.invoke('devices.settings', settings)).toEqual({ ok: true, value: settings });
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { devices: { id: string }[]; settings: unknown };
    expect(stored.devices.map((d) => d.id)).toEqual(['serial-1']);
    expect(stored.settings).toEqual(settings);
    const list = await api.invoke('devices.list', {});
    expect(list).toMatchObject({ ok: true, value: { running: true, settings, devices: [{ label: `serial:${join(dir, 'absent-tty')}`, state: 'error' }], pending: 0, missed: 0 } });
  });

  it('passes every other command to the core', async () => {
    const { api } = open();
    expect(await api.invoke('system.info', {})).toMatchObject({ ok: true, value: { database: expect.stringMatching(/t\d+\.db$/) as unknown } });
  });

  it('says so where no scanners run (a one-shot command line)', async () => {
    const { api } = open(false);
    expect(await errorOf(api, 'devices.list', {})).toMatchObject({ code: 'DEVICE', message: expect.stringMatching(/^This Lotline process runs no scanners/) as unknown });
  });
});
