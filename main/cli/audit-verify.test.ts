// `lotline audit verify` on a real database file: exit 0 when intact, exit 1 with the problem printed when a
// record was changed directly in the file.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApi } from '../api';
import { caller } from '../demo/plant';
import { runCli } from './run';

let dir: string;
let file: string;
let heldLot: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lotline-cli-verify-'));
  file = join(dir, 'plant.db');
  const api = createApi({ dbPath: file, actor: 'qa.lead' });
  const call = caller(api.invoke);
  await call('suppliers.create', { code: 'POLY', name: 'Polymer supplier' });
  await call('items.create', { part: 'RES-1', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' });
  const receipt = await call('receiving.receive', {
    supplier: 'POLY',
    lines: [
      { part: 'RES-1', supplierLot: 'P-1', quantity: 25 },
      { part: 'RES-1', supplierLot: 'P-2', quantity: 25 },
    ],
  });
  const [first, second] = receipt.lots;
  await call('units.setStatus', { ref: first?.ref ?? '', status: 'released', reason: 'Incoming inspection passed' });
  await call('units.setStatus', { ref: second?.ref ?? '', status: 'on_hold', reason: 'CoA missing' });
  heldLot = second?.lot ?? '';
  api.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', file, ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('exits 0 on an intact database', async () => {
  const result = await cli('audit', 'verify');
  expect(result.code, result.err).toBe(0);
  expect(result.out).toMatch(/^Audit trail intact: \d+ rows, \d+ records match their last audited state\. Chain head [0-9a-f]{64}$/);
});

it('exits 1 when a lot was released by hand in the file, and prints what changed', async () => {
  const db = new Database(file);
  const { id } = db.prepare<[string], { id: number }>(`SELECT id FROM units WHERE code = ?`).get(heldLot) ?? { id: 0 };
  db.prepare(`UPDATE units SET status = 'released' WHERE id = ?`).run(id);
  db.close();

  const result = await cli('audit', 'verify');
  expect(result.code).toBe(1);
  expect(result.out).toContain('Audit trail BROKEN: 1 problem(s)');
  expect(result.out).toContain(`  - units ${id} was changed outside Lotline: status "on_hold" → "released"`);
  const json = await cli('audit', 'verify', '--json');
  expect(json.code).toBe(1);
  expect(JSON.parse(json.out)).toMatchObject({ ok: false, problems: [{ kind: 'record', entity: 'units', entityId: id }] });
});
