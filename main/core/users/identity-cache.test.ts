// Who calls, cached per connection: what a transaction of this connection has changed is read, never kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApi } from '../../api';
import { sessionCaller } from '../../api/test-plant';
import { openDatabase } from '../db/open';
import type { Db } from '../db/open';
import { cachedPerson } from './identity-cache';

let dir: string;
let db: Db;
let id: number;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lotline-identity-'));
  const api = createApi({ dbPath: join(dir, 'lotline.db'), actor: 'tester' });
  await sessionCaller(api, undefined).call('users.create', { username: 'op1', printedName: 'Olly Operator', roles: ['operator'], password: 'op1-pass-12' });
  api.close();
  db = openDatabase(join(dir, 'lotline.db'));
  id = db.prepare<[], { id: number }>("SELECT id FROM users WHERE username = 'op1'").get()?.id ?? 0;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('reads through inside a transaction and keeps nothing a rollback undoes', () => {
  expect(cachedPerson(db, id)?.roles).toEqual(['operator']);
  db.exec('BEGIN');
  db.prepare(`UPDATE users SET roles = '["viewer"]' WHERE id = ?`).run(id);
  expect(cachedPerson(db, id)?.roles).toEqual(['viewer']);
  db.exec('ROLLBACK');
  expect(cachedPerson(db, id)?.roles).toEqual(['operator']);
});
