// Bulk reads as JSON give exactly what row-by-row reads give: every row once, whatever the chunk size, with NULLs,
// quotes, non-ASCII text, negative and large integers and reals as they are stored.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readIntegerColumns, rowsForIds } from './bulk-read';
import type { ColumnsStatement } from './bulk-read';

function table() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT)');
  const insert = db.prepare('INSERT INTO t (id, n, r, s) VALUES (?, ?, ?, ?)');
  const texts = [null, 'plain', 'with "quotes" and \\ backslash', 'Grüße — 東京 ✓', '', 'line\nbreak\ttab'];
  // Ids with gaps, so that some chunks are empty.
  for (let i = 1; i <= 60; i++) insert.run(i * 3, i % 7 === 0 ? null : (i - 30) * 2 ** 40, i % 5 === 0 ? null : i / 8, texts[i % texts.length]);
  return db;
}

describe('bulk reads', () => {
  it('rowsForIds gives every row of the ids once, as a plain read does, for any chunk size', () => {
    const db = table();
    const ids = Array.from({ length: 200 }, (_, i) => i);
    const plain = db.prepare('SELECT id, n, r, s FROM t ORDER BY id').all();
    for (const chunk of [1, 7, 50_000]) {
      const rows = rowsForIds<{ id: number; n: number | null; r: number | null; s: string | null }>(db, 'SELECT id, n, r, s FROM t WHERE id IN (SELECT value FROM json_each(?))', ['id', 'n', 'r', 's'], ids, chunk);
      expect(rows.sort((a, b) => a.id - b.id), `chunks of ${chunk}`).toEqual(plain);
    }
    db.close();
  });

  it('readIntegerColumns visits every key once, in chunks of keys, and none past the last', () => {
    const db = table();
    const statement = db.prepare('SELECT json_group_array(id), json_group_array(n) FROM t WHERE id > @from AND id <= @to').raw() as ColumnsStatement<object>;
    for (const step of [1, 4, 1000]) {
      const seen: number[][] = [];
      readIntegerColumns(statement, {}, { after: 0, last: 90, step }, ([ids = [], ns = []]) => ids.forEach((id, i) => seen.push([id, ns[i] as number])));
      expect(seen, `steps of ${step}`).toEqual(db.prepare<[], [number, number]>('SELECT id, n FROM t WHERE id <= 90 ORDER BY id').raw().all());
    }
    db.close();
  });
});
