// What one scan writes, without the app: the pages a commit appends to the WAL (counted from the WAL's frame
// headers), and the floor of a scan's write set — the same rows written by plain prepared statements, no
// validation, no JSON or hashing — so the ingest table shows how much of the gap to the bare insert is the
// disk writing more pages and how much is the command's own work.
import type { Database as Db } from 'better-sqlite3';
import { readFileSync } from 'node:fs';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** Pages written per call of `write` (each its own commit), by b-tree, read from the WAL's frame headers. */
export async function pagesPerCommit(db: Db, file: string, calls: number, write: (i: number) => unknown): Promise<{ total: number; byTree: [string, number][] }> {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  try {
    for (let i = 0; i < calls; i++) await write(i);
    const wal = readFileSync(`${file}-wal`);
    const frames = new Map<number, number>();
    for (let at = WAL_HEADER; at + FRAME_HEADER <= wal.length; at += pageSize + FRAME_HEADER) {
      const page = wal.readUInt32BE(at);
      frames.set(page, (frames.get(page) ?? 0) + 1);
    }
    const trees = new Map<number, string>();
    for (const r of db.prepare<[], { name: string; pageno: number }>('SELECT name, pageno FROM dbstat').iterate()) trees.set(r.pageno, r.name);
    const byTree = new Map<string, number>();
    let total = 0;
    for (const [page, n] of frames) {
      const name = trees.get(page) ?? 'other';
      byTree.set(name, (byTree.get(name) ?? 0) + n / calls);
      total += n / calls;
    }
    return { total, byTree: [...byTree].sort((a, b) => b[1] - a[1]) };
  } finally {
    db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  }
}

/**
 * The rows a `workOrders.consume` scan writes, by plain statements: the event, its event_units row, the
 * unit's quantities, the work order's consumption total and the event's chained audit row carrying `audit` (the new values and moves the app wrote for
 * such a scan, so that the row is as large). One transaction per call.
 */
export function consumeWriteSet(db: Db, unitId: number, workOrderIds: readonly number[], audit: { newValues: string; moves: string | null }): (i: number) => void {
  const event = db.prepare<[string, number, string], { id: number }>(
    `INSERT INTO events (kind, action, biz_step, disposition, event_time, tz_offset, actor, doc_type, doc_id, recorded_at)
     VALUES ('transformation', 'OBSERVE', 'assembling', 'in_progress', ?, '+00:00', 'bench', 'work_order', ?, ?) RETURNING id`,
  );
  const eventUnit = db.prepare<[number, number]>("INSERT INTO event_units (event_id, unit_id, role, qty) VALUES (?, ?, 'input', 1)");
  const quantities = db.prepare<[number]>('UPDATE units SET qty_initial = qty_initial, qty_on_hand = qty_on_hand - 1 WHERE id = ?');
  const total = db.prepare<[number, number]>(
    'INSERT INTO work_order_consumed (work_order_id, item_id, qty) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty',
  );
  const itemOf = db.prepare<[number], { item_id: number }>('SELECT item_id FROM units WHERE id = ?').get(unitId);
  if (!itemOf) throw new Error('write set: the unit does not exist');
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1');
  const insertAudit = db.prepare<[number, string, number, string, string | null, string]>(
    `INSERT INTO audit_trail (seq, at, actor, action, entity, entity_id, old_values, new_values, moves, reason, prev_hash, hash)
     VALUES (?, ?, 'bench', 'append', 'events', ?, NULL, ?, ?, NULL, ?, hex(randomblob(32)))`,
  );
  return db.transaction((i: number) => {
    const at = new Date().toISOString();
    const workOrderId = workOrderIds[i % workOrderIds.length] as number;
    const row = event.get(at, workOrderId, at);
    if (!row) throw new Error('write set: the event insert returned no row');
    eventUnit.run(row.id, unitId);
    quantities.run(unitId);
    total.run(workOrderId, itemOf.item_id);
    const h = head.get();
    insertAudit.run((h?.seq ?? 0) + 1, at, row.id, audit.newValues, audit.moves, h?.hash ?? '');
  });
}
