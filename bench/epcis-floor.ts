// The floor of an EPCIS import on this schema: the rows an import wrote (lots and serials, events with their
// units and edges, EPCIS ids and hashes, its audit rows) written again into an empty database by plain prepared
// statements in one transaction, no reading, validation, hashing or JSON, so the import's figure can be set
// against what the inserts alone cost.
import type { Database as Db } from 'better-sqlite3';
import { openDatabase } from '../main/core/db/open';

export function replayImportedRows(source: Db, target: string): { seconds: number; cpuSeconds: number; events: number } {
  const db = openDatabase(target);
  try {
    const copy = (table: string) => {
      const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      const read = source.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw();
      return { insert, read };
    };
    // Master data first (what the rows refer to), untimed: the import found or created a handful of them.
    db.transaction(() => {
      for (const table of ['items', 'locations', 'suppliers', 'customers']) {
        const { insert, read } = copy(table);
        for (const row of read.iterate()) insert.run(...(row as unknown[]));
      }
    })();
    const tables = ['units', 'events', 'event_units', 'lineage', 'epcis_events', 'audit_trail'].map(copy);
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    db.transaction(() => {
      for (const { insert, read } of tables) for (const row of read.iterate()) insert.run(...(row as unknown[]));
    })();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const events = (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, events };
  } finally {
    db.close();
  }
}
