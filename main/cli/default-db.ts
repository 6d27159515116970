// Where the database lives by default: the same per-user folder Electron uses as `userData` for
// Lotline, so the app and the CLI share one file.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Lotline');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Lotline');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Lotline');
}

export function defaultDbPath(): string {
  return join(defaultDataDir(), 'lotline.db');
}
