// Makes the driver for a configured scanner: a SerialScanner for a port, a HidPosScanner for a USB HID POS device
// (found again by vendor and product after a replug, unless its path is pinned).
import type { DeviceConfig, HidDeviceConfig } from '../../../common/api/devices';
import { LotlineError } from '../../../common/errors';
import { parseSuffix } from '../scanners/frame-assembler';
import { hidScannerDevices, openHidDevice } from '../scanners/hid-discovery';
import type { HidEnumerator } from '../scanners/hid-discovery';
import { HidPosScanner } from '../scanners/hid-pos-scanner';
import type { HidDeviceLike } from '../scanners/hid-pos-scanner';
import type { ReconnectOptions } from '../scanners/reconnect';
import { SerialScanner } from '../scanners/serial-scanner';

export type ScannerDriver = SerialScanner | HidPosScanner;

export interface DriverOptions {
  reconnect?: ReconnectOptions;
  now?: () => Date;
  /** Opens a HID scanner (tests give recorded devices); default node-hid. */
  openHid?: (config: HidDeviceConfig) => Promise<HidDeviceLike>;
  hid?: HidEnumerator;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** `serial:/dev/ttyACM0` or `hid:0c2e:0b61` (`hid:<path>` when pinned): what frames and messages call the device. */
export function deviceLabel(config: DeviceConfig): string {
  if (config.kind === 'serial') return `serial:${config.path}`;
  return `hid:${config.path ?? `${hex4(config.vendorId)}:${hex4(config.productId)}`}`;
}

async function openByIds(config: HidDeviceConfig, hid?: HidEnumerator): Promise<HidDeviceLike> {
  if (config.path !== null) return openHidDevice(config.path);
  const found = (await hidScannerDevices(hid)).find((d) => d.vendorId === config.vendorId && d.productId === config.productId);
  if (!found) throw new Error(`no HID POS scanner ${hex4(config.vendorId)}:${hex4(config.productId)} is plugged in`);
  return openHidDevice(found.path);
}

export function createDriver(config: DeviceConfig, options: DriverOptions = {}): ScannerDriver {
  const common = { ...(options.reconnect ? { reconnect: options.reconnect } : {}), ...(options.now ? { now: options.now } : {}) };
  if (config.kind === 'serial') {
    const suffix = parseSuffix(config.suffix);
    if (!suffix.ok) throw new LotlineError('VALIDATION', suffix.error);
    return new SerialScanner({ path: config.path, baudRate: config.baud, suffix: suffix.suffix, ...(config.timeoutMs !== null ? { timeoutMs: config.timeoutMs } : {}), ...common });
  }
  const open = options.openHid ?? ((c: HidDeviceConfig) => openByIds(c, options.hid));
  return new HidPosScanner({ id: deviceLabel(config).slice(4), open: () => open(config), ...common });
}
