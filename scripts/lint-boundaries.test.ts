// The layer boundaries of CONVENTIONS.md are enforced by eslint.config.js; these cases pin down that the rules
// catch each crossing and, as importantly, do not flag legal imports that look similar (`../api` inside main/core/*).
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

// Only the boundary rule, and without type information, so probe files need not exist on disk.
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\n`, { filePath: join(root, file) });
  if (result === undefined) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${file}: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('boundary violations are errors', () => {
  it.each([
    ['main/core/units/status.ts', "import { app } from 'electron';"],
    ['main/core/context.ts', "import type { LotlineApi } from '../api/types';"],
    ['main/core/trace/forward.ts', "import { startHost } from '../../host/server';"],
    ['main/core/a/b/deep.ts', "export * from '../../../cli/run';"],
    ['main/core/context.ts', "import '../../main/electron/window';"],
    ['main/core/context.ts', "import { createApi } from '../api';"],
    ['renderer/src/api/client.ts', "import { readFile } from 'node:fs';"],
    ['renderer/src/api/client.ts', "import { readFile } from 'fs/promises';"],
    ['renderer/src/screens/x/View.tsx', "import { join } from 'path';"],
    ['renderer/src/screens/x/View.tsx', "import { spawn } from 'child_process';"],
    ['renderer/src/db.ts', "import Database from 'better-sqlite3';"],
    ['renderer/src/ports.ts', "import { SerialPort } from '@serialport/stream';"],
    ['renderer/src/api/client.ts', "import type { LotlineApi } from '../../../main/api/types';"],
    ['renderer/src/App.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/App.tsx', "import { createBridge } from '../../preload/bridge';"],
    ['common/refs.ts', "import { createHash } from 'node:crypto';"],
    ['common/refs.ts', "import type { Core } from '../main/core/context';"],
    ['common/api/inventory.ts', "import type { Core } from '../../main/core/context';"],
    ['common/api/inventory.ts', "import { x } from '../../renderer/src/x';"],
    ['common/domain.ts', "import type { WebContents } from 'electron';"],
    ['main/cli/run.ts', "import { app } from 'electron';"],
    ['main/host/server.ts', "import { BrowserWindow } from 'electron';"],
    ['main/api/index.ts', "import { ipcMain } from 'electron/main';"],
    ['main/devices/scanner/serial.ts', "import { app } from 'electron';"],
    ['preload/bridge.ts', "import type { LotlineApi } from '../main/api/types';"],
    ['preload/bridge.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/src/x.test.ts', "import { createApi } from '../../main/api';"],
    ['main/core/context.ts', "import { x } from '../core/../api/x';"],
    ['main/core/trace/trace.test.ts', "import { startHost } from '../../host';"],
    ['main/core/trace/trace.test.ts', "import { app } from 'electron';"],
  ])('%s: %s', async (file, source) => {
    expect(await restricted(file, source)).toHaveLength(1);
  });
});

describe('legal imports pass', () => {
  it.each([
    ['main/core/context.ts', "import type { CommandName } from '../../common/api/index';"],
    ['main/core/trace/forward.ts', "import { parseRef } from '../../../common/refs';"],
    ['main/core/trace/forward.ts', "import { x } from '../api/x';"], // main/core/api, not main/api
    ['main/core/trace/forward.ts', "import { openDatabase } from '../db/open';"],
    ['main/core/db/open.ts', "import Database from 'better-sqlite3';\nimport { join } from 'node:path';"],
    ['main/api/index.ts', "import { openDatabase } from '../core/db/open';"],
    ['main/host/server.ts', "import type { LotlineApi } from '../api/types';"],
    ['main/cli/run.ts', "import { startHost } from '../host';\nimport { createApi } from '../api';"],
    ['main/electron/main.ts', "import { app } from 'electron';\nimport { createApi } from '../api/index';"],
    ['preload/index.ts', "import { contextBridge } from 'electron';\nimport type { LotlineBridge } from '../common/api/index';"],
    ['renderer/src/api/client.ts', "import type { LotlineBridge } from '../../../common/api/index';"],
    ['renderer/src/screens/home/Home.tsx', "import { boot } from '../../main';"], // renderer/src/main.tsx
    ['renderer/src/App.tsx', "import { MantineProvider } from '@mantine/core';\nimport { create } from 'zustand';"],
    ['renderer/src/x.test.ts', "import { readFileSync } from 'node:fs';"],
    ['common/gtin.ts', "import { z } from 'zod';\nimport type { UnitKind } from './domain';"],
    ['preload/bridge.test.ts', "import { EventEmitter } from 'node:events';"],
    ['scripts/start.js', "import { spawn } from 'node:child_process';"],
    ['main/core/trace/trace.test.ts', "import { createApi } from '../../api';"],
  ])('%s: %s', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});
