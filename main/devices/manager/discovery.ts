// What this machine has that could be a scanner: serial ports (SerialPort.list, which asks udev on Linux) and USB
// HID POS scanners (usage page 0x8C). Each half reports its own failure in words, so one missing piece of the
// system does not hide the other half.
import type { DeviceConfig, DeviceDiscovery, HidScannerCandidate, SerialPortCandidate } from '../../../common/api/devices';
import { hidScannerDevices } from '../scanners/hid-discovery';
import type { HidEnumerator } from '../scanners/hid-discovery';

export interface SerialPortLister {
  list(): Promise<readonly { path: string; manufacturer?: string | undefined; serialNumber?: string | undefined; vendorId?: string | undefined; productId?: string | undefined }[]>;
}

export interface DiscoverySources {
  serial?: SerialPortLister;
  hid?: HidEnumerator;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/^Error: /, '');

export function describeSerialListError(error: unknown): string {
  const reason = reasonOf(error);
  if (/udevadm/.test(reason) && /ENOENT/.test(reason)) return 'Serial ports cannot be listed: udevadm is missing (install the udev package); a port can still be entered by its path';
  return `Serial ports cannot be listed: ${reason}; a port can still be entered by its path`;
}

export function describeHidError(error: unknown): string {
  const reason = reasonOf(error);
  if (/libusb|libudev|cannot open shared object/i.test(reason)) return `USB HID scanners cannot be listed: a system library is missing (${reason}); install libusb-1.0-0 and libudev1`;
  return `USB HID scanners cannot be listed: ${reason}`;
}

const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export async function discoverDevices(configured: readonly DeviceConfig[], sources: DiscoverySources = {}): Promise<DeviceDiscovery> {
  const serialSource: SerialPortLister = sources.serial ?? (await import('serialport')).SerialPort;
  const [serial, hid] = await Promise.allSettled([serialSource.list(), hidScannerDevices(sources.hid)]);
  const onPath = (kind: DeviceConfig['kind'], path: string) => configured.find((d) => d.kind === kind && d.path === path)?.name;
  const ports: SerialPortCandidate[] =
    serial.status === 'fulfilled'
      ? serial.value.map((p) => defined({ path: p.path, manufacturer: p.manufacturer, serialNumber: p.serialNumber, vendorId: p.vendorId, productId: p.productId, configuredAs: onPath('serial', p.path) }))
      : [];
  const scanners: HidScannerCandidate[] =
    hid.status === 'fulfilled'
      ? hid.value.map((d) =>
          defined({
            path: d.path,
            vendorId: d.vendorId,
            productId: d.productId,
            manufacturer: d.manufacturer,
            product: d.product,
            serialNumber: d.serialNumber,
            configuredAs: onPath('hid', d.path) ?? configured.find((c) => c.kind === 'hid' && c.path === null && c.vendorId === d.vendorId && c.productId === d.productId)?.name,
          }),
        )
      : [];
  return {
    serial: serial.status === 'fulfilled' ? { ports } : { ports, error: describeSerialListError(serial.reason) },
    hid: hid.status === 'fulfilled' ? { scanners } : { scanners, error: describeHidError(hid.reason) },
  };
}
