// Site settings kept in the database (so every station of the site numbers SSCCs alike); each change is audited.
import type { Database as Db } from 'better-sqlite3';
import type { Settings } from '../../../common/api/settings';
import { DEFAULT_LATE_ENTRY_MINUTES, LATE_ENTRY_SETTING } from '../../../common/api/review';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';

const KEYS = { gs1CompanyPrefix: 'gs1.companyPrefix', ssccExtension: 'gs1.ssccExtension', lateEntryMinutes: LATE_ENTRY_SETTING } as const;
const DEFAULTS: Settings = { gs1CompanyPrefix: null, ssccExtension: '0', lateEntryMinutes: DEFAULT_LATE_ENTRY_MINUTES };

const statements = perConnection((db: Db) => ({
  get: db.prepare<[string], { id: number; value: string }>('SELECT rowid AS id, value FROM settings WHERE key = ?'),
  insert: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?)'),
  update: db.prepare<[string, string]>('UPDATE settings SET value = ? WHERE key = ?'),
}));

export function readSettings(db: Db): Settings {
  const s = statements(db);
  return {
    gs1CompanyPrefix: s.get.get(KEYS.gs1CompanyPrefix)?.value ?? DEFAULTS.gs1CompanyPrefix,
    ssccExtension: s.get.get(KEYS.ssccExtension)?.value ?? DEFAULTS.ssccExtension,
    lateEntryMinutes: Number(s.get.get(KEYS.lateEntryMinutes)?.value ?? DEFAULTS.lateEntryMinutes),
  };
}

/** Sets one setting by key (inserted or changed, audited; an unchanged value writes nothing). */
export function writeSetting(core: Core, key: string, value: string, reason: string): void {
  const s = statements(core.db);
  const row = s.get.get(key);
  if (row === undefined) {
    const id = Number(s.insert.run(key, value).lastInsertRowid);
    auditCreate(core, 'settings', id, reason);
  } else if (row.value !== value) {
    auditUpdate(core, 'settings', row.id, reason, () => s.update.run(value, key));
  }
}

export function writeSettings(
  core: Core,
  input: { gs1CompanyPrefix?: string | undefined; ssccExtension?: string | undefined; lateEntryMinutes?: number | undefined; reason: string },
): Settings {
  if (input.gs1CompanyPrefix !== undefined) writeSetting(core, KEYS.gs1CompanyPrefix, input.gs1CompanyPrefix, input.reason);
  if (input.ssccExtension !== undefined) writeSetting(core, KEYS.ssccExtension, input.ssccExtension, input.reason);
  if (input.lateEntryMinutes !== undefined) writeSetting(core, KEYS.lateEntryMinutes, String(input.lateEntryMinutes), input.reason);
  return readSettings(core.db);
}
