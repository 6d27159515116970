// Scanners this workstation runs (serial and USB HID POS), the keyboard-wedge settings, and the hardware scans they
// deliver to the screens. Device configuration belongs to the machine, not the site: it is kept beside the app's data,
// not in the trace database.
import { z } from 'zod';
import { command, deviceCommand } from './contract';

/** Baud rates serial scanners are set to; anything else is almost always a typo. */
export const standardBaudRates = [300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const;

/** `cr`, `lf`, `crlf`, `none` (frames end at a pause) or up to 8 suffix bytes in hex (`0x04`, `0d0a`). */
export const suffixPattern = /^(cr|lf|crlf|none|(0x)?([0-9a-f]{2}){1,8})$/;

const idField = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a device id: lower-case letters, digits and - (up to 40)');
const deviceName = z.string().trim().min(1, 'must not be empty: name the scanner after its station, e.g. "Receiving dock"').max(60, 'must be at most 60 characters');
const usbId = (what: string) => z.number({ message: `must be ${what}: 4 hex digits such as 0C2E` }).int(`must be a whole number`).min(0, `${what} is 0 to 65535 (0xFFFF)`).max(0xffff, `${what} is 0 to 65535 (0xFFFF)`);

export const serialDeviceInput = z.object({
  kind: z.literal('serial'),
  /** Absent: a new device. */
  id: idField.optional(),
  name: deviceName,
  path: z.string().trim().min(1, 'must name the port, e.g. /dev/ttyACM0 or COM3').max(300, 'must be at most 300 characters'),
  baud: z
    .number({ message: 'must be a number such as 9600' })
    .int('must be a whole number')
    .refine((n) => (standardBaudRates as readonly number[]).includes(n), { error: (issue) => `${String(issue.input)} is not a standard rate (use one of ${standardBaudRates.join(', ')})` })
    .default(9600),
  suffix: z
    .string()
    .trim()
    .toLowerCase()
    .refine((s) => suffixPattern.test(s), { error: (issue) => `"${String(issue.input)}" is not a frame suffix: use cr, lf, crlf, none, or up to 8 bytes in hex such as 0x04` })
    .default('cr'),
  /** Inter-byte timeout: the pause that ends a frame without suffix, or after which a fragment is discarded. Null: the driver's default. */
  timeoutMs: z.number().int('must be a whole number of milliseconds').min(1, 'must be 1 to 60000 ms').max(60_000, 'must be 1 to 60000 ms').nullable().default(null),
  enabled: z.boolean().default(true),
});

export const hidDeviceInput = z.object({
  kind: z.literal('hid'),
  id: idField.optional(),
  name: deviceName,
  vendorId: usbId('a USB vendor id'),
  productId: usbId('a USB product id'),
  /** A HID path pins one of several identical scanners; null finds the first with this vendor and product (survives replugging into another port). */
  path: z.string().trim().min(1).max(300).nullable().default(null),
  enabled: z.boolean().default(true),
});

export const deviceInput = z.discriminatedUnion('kind', [serialDeviceInput, hidDeviceInput], { error: 'kind must be "serial" or "hid"' });

export type SerialDeviceConfig = z.output<typeof serialDeviceInput> & { id: string };
export type HidDeviceConfig = z.output<typeof hidDeviceInput> & { id: string };
export type DeviceConfig = SerialDeviceConfig | HidDeviceConfig;
export type DeviceConfigInput = z.input<typeof deviceInput>;

export const wedgeSuffixKeys = ['Enter', 'Tab'] as const;
export type WedgeSuffixKey = (typeof wedgeSuffixKeys)[number];

export const wedgeSettingsInput = z.object({
  /** The longest pause between two keys of one scan; people type slower than this. */
  maxGapMs: z.number().int('must be a whole number of milliseconds').min(10, 'must be 10 to 500 ms').max(500, 'must be 10 to 500 ms'),
  /** Shorter bursts are keystrokes, not scans. */
  minLength: z.number().int().min(2, 'must be 2 to 50 characters').max(50, 'must be 2 to 50 characters'),
  /** The key the wedge sends after each barcode. */
  suffixKey: z.enum(wedgeSuffixKeys, { error: `must be ${wedgeSuffixKeys.join(' or ')}` }),
  /** A printable character the wedge is set to send for GS (FNC1), read as GS inside a scan burst; empty: none. */
  gsSubstitute: z
    .string()
    .refine((s) => s === '' || /^[\x21-\x7e]$/.test(s), { message: 'must be one printable ASCII character (such as ~ or ^), or empty for none' }),
});
export type WedgeSettings = z.output<typeof wedgeSettingsInput>;

export const scanSettingsInput = z.object({
  /** The same barcode on the same scanner within this many ms is ignored and said so; 0 turns it off. */
  duplicateWindowMs: z.number().int('must be a whole number of milliseconds').min(0, 'must be 0 to 600000 ms').max(600_000, 'must be 0 to 600000 ms'),
  /** How long a hardware scan waits for a screen to take it before it is shown as missed. */
  holdMs: z.number().int('must be a whole number of milliseconds').min(1000, 'must be 1000 to 600000 ms').max(600_000, 'must be 1000 to 600000 ms'),
  wedge: wedgeSettingsInput,
});
export type ScanSettings = z.output<typeof scanSettingsInput>;

export const defaultScanSettings: ScanSettings = {
  duplicateWindowMs: 1500,
  holdMs: 60_000,
  wedge: { maxGapMs: 100, minLength: 4, suffixKey: 'Enter', gsSubstitute: '' },
};

/** What a device is doing, in the status bar's words. `stopped`: this process does not run scanners (a CLI command). */
export type DeviceStateName = 'connecting' | 'connected' | 'reconnecting' | 'error' | 'disabled' | 'stopped';

/** One entry of the scan feed: a scan handed to the screens, or why a read was not. */
export interface ScanFeedEntry {
  /** Increases by one per entry for the life of the process. */
  seq: number;
  deviceId: string;
  deviceName: string;
  at: string;
  /** `scan`: a barcode for the screens; `duplicate`: ignored, said so; `problem`: bytes that were not a frame. */
  type: 'scan' | 'duplicate' | 'problem';
  /** The frame's text (AIM id and GS kept); for problems, what was discarded. */
  raw: string;
  /** What the scan names ("lot RES-PC:24-117", "work order WO-26101") or why it cannot be read. */
  summary: string;
  /** Set when the scan itself is not readable, or the read was ignored/discarded: the reason in words. */
  problem?: string;
  /** For scans: waiting for a screen, taken by one, or never taken within the hold time (shown as missed). */
  delivery: 'pending' | 'delivered' | 'missed' | 'not-routed';
}

export interface DeviceStatus {
  config: DeviceConfig;
  /** `serial:/dev/ttyACM0`, `hid:0c2e:0b61`: what the frames and messages call it. */
  label: string;
  state: DeviceStateName;
  /** Why it is reconnecting or in error, in words. */
  reason?: string;
  attempt?: number;
  /** When the next attempt to open it is due (reconnecting or error). */
  nextAttemptAt?: string;
  since: string;
  lastScan?: ScanFeedEntry;
}

export interface DevicesOverview {
  /** False when this process only answers commands and runs no scanners (the CLI). */
  running: boolean;
  devices: DeviceStatus[];
  settings: ScanSettings;
  /** Newest first, bounded. */
  recent: ScanFeedEntry[];
  pending: number;
  missed: number;
  /** The device settings file could not be read: nothing runs, nothing can be changed, until it is fixed. */
  configError?: string;
}

/** Pushed (topic `devices`) whenever a device's state or the count of waiting or missed scans changes. */
export interface DevicesChanged {
  devices: DeviceStatus[];
  pending: number;
  missed: number;
}

export interface SerialPortCandidate {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  /** The configured device on this port, if any. */
  configuredAs?: string;
}

export interface HidScannerCandidate {
  path: string;
  vendorId: number;
  productId: number;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  configuredAs?: string;
}

export interface DeviceDiscovery {
  serial: { ports: SerialPortCandidate[]; error?: string };
  hid: { scanners: HidScannerCandidate[]; error?: string };
}

export interface DeviceTestResult {
  ok: boolean;
  /** What happened, in words: opened and read a scan, opened and nothing was scanned, could not open and why. */
  message: string;
  scan?: ScanFeedEntry;
}

export const deviceTestInput = z.union(
  [
    z.object({ id: idField }),
    z.object({
      device: deviceInput,
      /** How long to listen for a barcode after opening (0: open and close). */
      listenMs: z.number().int().min(0, 'must be 0 to 30000 ms').max(30_000, 'must be 0 to 30000 ms').default(0),
    }),
  ],
  { error: 'give the id of a configured device, or a device to try' },
);

/** Device commands change this workstation's settings file, not the trace, so they are not `writes`; the roles still apply. */
const changesScanners = { roles: ['operator', 'qa', 'admin'], action: 'Changing the scanners of this workstation' } as const;

export const deviceCommands = {
  'devices.list': command<DevicesOverview>()({ input: z.object({}), writes: false, summary: 'Configured scanners with their state, the scan settings and the recent scan feed' }),
  'devices.discover': deviceCommand<DeviceDiscovery>()({ input: z.object({}), writes: false, summary: 'Serial ports and USB HID POS scanners (usage page 0x8C) this machine sees' }),
  'devices.save': deviceCommand<DeviceStatus>()({ input: deviceInput, writes: false, summary: 'Add or change a scanner; it is (re)started at once', ...changesScanners }),
  'devices.remove': deviceCommand<{ removed: string }>()({ input: z.object({ id: idField }), writes: false, summary: 'Stop and forget a scanner', ...changesScanners }),
  'devices.settings': command<ScanSettings>()({ input: scanSettingsInput, writes: false, summary: 'Duplicate window, how long scans wait for a screen, and the keyboard-wedge settings', ...changesScanners }),
  'devices.test': deviceCommand<DeviceTestResult>()({ input: deviceTestInput, writes: false, summary: 'Open a port briefly (or ask a running scanner) and report, with the scan read meanwhile' }),
  'devices.takeScans': command<ScanFeedEntry[]>()({ input: z.object({}), writes: false, summary: 'Hardware scans waiting for a screen; each is handed to one caller only' }),
};

export type DeviceCommandName = keyof typeof deviceCommands;
