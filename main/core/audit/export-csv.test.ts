// The audit trail's filtered view (audit.list by user, action and UTC day) and its CSV export, on a real SQLite file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditRow } from '../../../common/api/audit';
import { miniPlant, tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';

let t: TestApi;
beforeAll(async () => {
  t = tempApi();
  await miniPlant(t);
});
afterAll(() => t.close());

function csvRows(base64: string): string[] {
  return Buffer.from(base64, 'base64').toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
}

it('filters by user, action and day, and exports the same rows oldest first with their hashes', async () => {
  const all = await t.call('audit.list', { limit: 100_000 });
  expect(all.length).toBeGreaterThan(5);
  const updates = await t.call('audit.list', { action: 'update', limit: 100_000 });
  expect(updates.every((r: AuditRow) => r.action === 'update')).toBe(true);
  expect((await t.call('audit.list', { actor: 'tester' })).length).toBe(Math.min(200, all.filter((r) => r.actor === 'tester').length));
  expect(await t.call('audit.list', { actor: 'nobody' })).toEqual([]);
  const day = all[0]?.at.slice(0, 10) ?? '';
  expect((await t.call('audit.list', { from: day, to: day, limit: 100_000 })).length).toBe(all.filter((r) => r.at.startsWith(day)).length);
  expect(await t.call('audit.list', { to: '2000-01-01' })).toEqual([]);
  // By record (the index) and by entity alone (the trail, newest first) answer as filtering every row would.
  const item = all.find((r) => r.entity === 'items');
  expect(item).toBeDefined();
  const seqs = (rows: AuditRow[]) => rows.map((r) => r.seq);
  expect(seqs(await t.call('audit.list', { entity: 'items', entityId: item?.entityId, limit: 100_000 }))).toEqual(seqs(all.filter((r) => r.entity === 'items' && r.entityId === item?.entityId)));
  expect(seqs(await t.call('audit.list', { entity: 'items', limit: 100_000 }))).toEqual(seqs(all.filter((r) => r.entity === 'items')));
  expect(seqs(await t.call('audit.list', { entityId: item?.entityId, actor: 'tester', limit: 100_000 }))).toEqual(
    seqs(all.filter((r) => r.entityId === item?.entityId && r.actor === 'tester')),
  );

  const csv = await t.call('audit.exportCsv', { entity: 'items' });
  const lines = csvRows(csv.contentBase64);
  const items = all.filter((r) => r.entity === 'items').reverse();
  expect(lines[0]).toBe('seq,at,actor,action,entity,entity_id,old_values,new_values,moves,reason,prev_hash,hash');
  expect(csv.rows).toBe(items.length);
  expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(items.map((r) => r.seq));
  expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(items.map((r) => r.hash));
  expect(csv.fileName).toMatch(/^audit-trail-items-\d{4}-\d{2}-\d{2}\.csv$/);
  expect((await t.refuse('audit.list', { action: 'delete' as 'update' })).message).toBe('action: must be create, update or append');
});

it('prints the filtered view as a PDF with every row, its old and new values and hash, and the CSV attached', async () => {
  // The lots' and serials' rows: their own (created) and their events' (the quantities and statuses those changed).
  const rows = (await t.call('audit.list', { entity: 'units', limit: 100_000 })).reverse();
  expect(rows.some((r) => r.entity === 'units') && rows.some((r) => r.moves.length > 0)).toBe(true);
  const pdf = await t.call('audit.exportPdf', { entity: 'units' });
  const dir = mkdtempSync(join(tmpdir(), 'lotline-audit-pdf-'));
  try {
    const file = join(dir, pdf.fileName);
    writeFileSync(file, Buffer.from(pdf.contentBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Audit trail extract');
    expect(text).toContain('Audit trail: entity units');
    for (const row of rows) expect(text).toContain(row.hash.slice(0, 8));
    expect(text).toMatch(/units \d+ changed \(incoming\s+inspection\s+passed\): status: "quarantine" →/);
    execFileSync('pdfdetach', ['-saveall', '-o', dir, file]);
    const csv = await t.call('audit.exportCsv', { entity: 'units' });
    expect(execFileSync('cat', [join(dir, 'audit-trail.csv')])).toEqual(Buffer.from(csv.contentBase64, 'base64'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
