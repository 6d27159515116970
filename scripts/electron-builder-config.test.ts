// The packaging config cannot be exercised by a build here (no Electron binary), so it is checked with
// electron-builder's own loader and schema validator: a misspelt or misplaced option fails this test.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: unknown;
  asarUnpack?: string[];
  linux?: { target?: string[]; category?: string; maintainer?: string };
  deb?: { depends?: string[] };
  win?: { target?: string[] };
  mac?: { target?: string[] };
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = join(import.meta.dirname, '..');

it('electron-builder.yml loads and passes electron-builder’s schema', async () => {
  const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  expect(config).toMatchObject({ appId: 'com.lotline.app', productName: 'Lotline' });
  // The loader normalises `files` into file sets; only the built app and package.json go in.
  expect(config.files).toEqual([{ filter: ['out/**', 'package.json'] }]);
  expect(config.asarUnpack).toContain('**/*.node');
  expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  expect(config.win?.target).toEqual(['nsis']);
  expect(config.mac?.target).toEqual(['dmg']);
  // Replacing deb depends drops electron-builder's defaults unless they are repeated.
  expect(config.deb?.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libusb-1.0-0', 'libudev1']));
});

it('the validator does reject an unknown option', async () => {
  const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  await expect(validateConfiguration({ ...config, linx: { target: ['deb'] } }, new DebugLogger(false))).rejects.toThrow(
    /Invalid configuration/,
  );
});
