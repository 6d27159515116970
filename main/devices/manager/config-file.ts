// The scanners this machine runs and its scan settings, in a small JSON file beside the app's data (device paths
// belong to the workstation, not to the site's trace database). Written whole to a temporary file and renamed, so a
// crash mid-write leaves the previous file.
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { defaultScanSettings, hidDeviceInput, scanSettingsInput, serialDeviceInput } from '../../../common/api/devices';
import type { DeviceConfig, ScanSettings } from '../../../common/api/devices';
import { LotlineError } from '../../../common/errors';

export interface DeviceFile {
  devices: DeviceConfig[];
  settings: ScanSettings;
}

const storedId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
const stored = z.object({
  version: z.literal(1),
  devices: z.array(z.discriminatedUnion('kind', [serialDeviceInput.extend({ id: storedId }), hidDeviceInput.extend({ id: storedId })])).max(100),
  settings: scanSettingsInput.default(defaultScanSettings),
});

/** Where device configuration is read from and written to (a file; tests may keep it in memory). */
export interface DeviceConfigStore {
  readonly location: string;
  load(): DeviceFile;
  save(file: DeviceFile): void;
}

export function deviceConfigFile(path: string): DeviceConfigStore {
  return {
    location: path,
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return { devices: [], settings: defaultScanSettings };
        throw new LotlineError('DEVICE', `The device settings file ${path} cannot be read (${(error as Error).message})`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new LotlineError('DEVICE', `The device settings file ${path} is not valid JSON (${(error as Error).message}); fix or remove it`);
      }
      const parsed = stored.safeParse(json);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new LotlineError('DEVICE', `The device settings file ${path} is not valid at ${first?.path.join('.') || '(top)'}: ${first?.message ?? 'unknown problem'}; fix or remove it`);
      }
      return { devices: parsed.data.devices, settings: parsed.data.settings };
    },
    save(file) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify({ version: 1, ...file }, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, path);
    },
  };
}

/** A store that keeps everything in memory (tests, and processes that must not touch the disk). */
export function memoryDeviceConfig(initial: Partial<DeviceFile> = {}): DeviceConfigStore {
  let file: DeviceFile = { devices: initial.devices ?? [], settings: initial.settings ?? defaultScanSettings };
  return {
    location: '(memory)',
    load: () => structuredClone(file),
    save: (next) => {
      file = structuredClone(next);
    },
  };
}
