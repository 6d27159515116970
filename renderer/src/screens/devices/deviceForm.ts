// The scanner form's values and how they become a devices.save input (numbers typed as text, hex ids as text).
import type { DeviceConfig, DeviceConfigInput, HidScannerCandidate, SerialPortCandidate } from '../../../../common/api/devices';

export interface DeviceFormValues {
  kind: 'serial' | 'hid';
  id?: string;
  name: string;
  enabled: boolean;
  path: string;
  baud: string;
  suffix: string;
  timeoutMs: string;
  vendorId: string;
  productId: string;
  /** HID: pin this exact device path (else found by vendor and product after a replug). */
  pinPath: boolean;
}

export const emptyDeviceForm: DeviceFormValues = { kind: 'serial', name: '', enabled: true, path: '', baud: '9600', suffix: 'cr', timeoutMs: '', vendorId: '', productId: '', pinPath: false };

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** "0c2e" or "0x0C2E" → 3118; anything else stays as typed so the api says what is wrong. */
function usbId(text: string): number {
  const t = text.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(t) ? parseInt(t, 16) : Number.NaN;
}

/** A number as typed; an empty field is left out (the api's default), text that is not a number is sent to be refused. */
function typedNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim());
}

export function toDeviceInput(v: DeviceFormValues): DeviceConfigInput {
  const common = { ...(v.id ? { id: v.id } : {}), name: v.name, enabled: v.enabled };
  if (v.kind === 'serial') {
    const baud = typedNumber(v.baud);
    const timeoutMs = typedNumber(v.timeoutMs);
    return { kind: 'serial', ...common, path: v.path, suffix: v.suffix, ...(baud !== undefined ? { baud } : {}), timeoutMs: timeoutMs ?? null };
  }
  return { kind: 'hid', ...common, vendorId: usbId(v.vendorId), productId: usbId(v.productId), path: v.pinPath && v.path.trim() ? v.path.trim() : null };
}

export function fromDevice(config: DeviceConfig): DeviceFormValues {
  if (config.kind === 'serial') {
    return { ...emptyDeviceForm, kind: 'serial', id: config.id, name: config.name, enabled: config.enabled, path: config.path, baud: String(config.baud), suffix: config.suffix, timeoutMs: config.timeoutMs === null ? '' : String(config.timeoutMs) };
  }
  return { ...emptyDeviceForm, kind: 'hid', id: config.id, name: config.name, enabled: config.enabled, path: config.path ?? '', pinPath: config.path !== null, vendorId: hex4(config.vendorId), productId: hex4(config.productId) };
}

export function fromSerialCandidate(port: SerialPortCandidate, current: DeviceFormValues): DeviceFormValues {
  return { ...emptyDeviceForm, kind: 'serial', name: current.name || port.manufacturer || '', path: port.path, baud: current.kind === 'serial' ? current.baud : '9600' };
}

export function fromHidCandidate(scanner: HidScannerCandidate, current: DeviceFormValues): DeviceFormValues {
  return { ...emptyDeviceForm, kind: 'hid', name: current.name || scanner.product || '', vendorId: hex4(scanner.vendorId), productId: hex4(scanner.productId), path: scanner.path };
}

/** "serial:/dev/ttyACM0 · 9600 baud · CR" */
export function connectionWords(config: DeviceConfig, label: string): string {
  if (config.kind === 'hid') return `${label} · USB HID POS`;
  const suffix = config.suffix === 'none' ? `frames end after ${config.timeoutMs ?? 50} ms quiet` : `suffix ${config.suffix.toUpperCase()}`;
  return `${config.path} · ${config.baud} baud · ${suffix}`;
}
