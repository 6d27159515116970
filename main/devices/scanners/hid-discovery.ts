// Finds HID POS scanners (usage page 0x8C) among the HID devices node-hid sees, and opens one by its path.
// node-hid is loaded on first use, so nothing native is touched until a HID scanner is wanted.
import { HID_POS_USAGE_PAGE } from './hid-pos-report';
import type { HidDeviceLike } from './hid-pos-scanner';

export interface HidScannerDevice {
  readonly path: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturer?: string;
  readonly product?: string;
  readonly serialNumber?: string;
  readonly usage?: number;
}

/** The part of node-hid's module that discovery uses (injectable for tests). */
export interface HidEnumerator {
  devicesAsync(): Promise<readonly HidDeviceInfo[]>;
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** HID interfaces on usage page 0x8C (bar code scanners), each once by path. */
export async function hidScannerDevices(hid?: HidEnumerator): Promise<HidScannerDevice[]> {
  const source = hid ?? (await import('node-hid'));
  const found = new Map<string, HidScannerDevice>();
  for (const d of await source.devicesAsync()) {
    if (d.usagePage !== HID_POS_USAGE_PAGE || !d.path || found.has(d.path)) continue;
    found.set(d.path, {
      path: d.path,
      vendorId: d.vendorId,
      productId: d.productId,
      ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
      ...(d.product ? { product: d.product } : {}),
      ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
      ...(d.usage !== undefined ? { usage: d.usage } : {}),
    });
  }
  return [...found.values()];
}

/** Opens a HID device by path with node-hid (the `open` a HidPosScanner takes). */
export async function openHidDevice(path: string): Promise<HidDeviceLike> {
  const { HID } = await import('node-hid');
  return new HID(path);
}
