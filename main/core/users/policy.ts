// The site's sign-in and signature policy, kept in the audited settings table under security.*.
import type { Database as Db } from 'better-sqlite3';
import type { SecurityPolicy } from '../../../common/api/users';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { writeSetting } from '../settings/settings';

export const DEFAULT_POLICY: SecurityPolicy = { lockoutAttempts: 5, lockoutMinutes: 30, idleMinutes: 15, twoPersonKinds: ['lot-decision'] };

const KEYS: Record<keyof SecurityPolicy, string> = {
  lockoutAttempts: 'security.lockoutAttempts',
  lockoutMinutes: 'security.lockoutMinutes',
  idleMinutes: 'security.idleMinutes',
  twoPersonKinds: 'security.twoPersonKinds',
};

const statements = perConnection((db: Db) => ({
  all: db.prepare<[], { key: string; value: string }>(`SELECT key, value FROM settings WHERE key LIKE 'security.%'`),
}));

export function readPolicy(db: Db): SecurityPolicy {
  const stored = new Map(statements(db).all.all().map((r) => [r.key, r.value]));
  const number = (key: keyof SecurityPolicy, fallback: number) => {
    const value = Number(stored.get(KEYS[key]));
    return stored.has(KEYS[key]) && Number.isFinite(value) ? value : fallback;
  };
  const kinds = stored.get(KEYS.twoPersonKinds);
  return {
    lockoutAttempts: number('lockoutAttempts', DEFAULT_POLICY.lockoutAttempts),
    lockoutMinutes: number('lockoutMinutes', DEFAULT_POLICY.lockoutMinutes),
    idleMinutes: number('idleMinutes', DEFAULT_POLICY.idleMinutes),
    twoPersonKinds: kinds === undefined ? DEFAULT_POLICY.twoPersonKinds : (JSON.parse(kinds) as string[]),
  };
}

export function writePolicy(core: Core, input: Partial<SecurityPolicy> & { reason: string }): SecurityPolicy {
  for (const key of Object.keys(KEYS) as (keyof SecurityPolicy)[]) {
    const value = input[key];
    if (value !== undefined) writeSetting(core, KEYS[key], typeof value === 'number' ? String(value) : JSON.stringify([...value].sort()), input.reason);
  }
  return readPolicy(core.db);
}
