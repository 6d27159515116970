// App start on the scaled database — open with the migration check, then the first dashboard — and the
// dashboard and search queries themselves, each statement timed and explained.
import { dashboard } from '../main/core/overview/dashboard';
import { search } from '../main/core/overview/search';
import { openDatabase } from '../main/core/db/open';
import { profileStatements } from './query-profile';
import type { StatementProfile } from './query-profile';
import { summarise } from './timing';
import type { Timing } from './timing';

export interface StartResult {
  today: string;
  open: Timing;
  firstDashboard: Timing;
  total: Timing;
  dashboard: Timing;
  searches: { query: string; hits: number; timing: Timing }[];
  statements: StatementProfile[];
}

const REPS = 10;

export function startBenchmark(file: string, log: (line: string) => void): StartResult {
  const open: number[] = [];
  const first: number[] = [];
  const total: number[] = [];
  let today = '';
  for (let i = 0; i <= REPS; i++) {
    const t0 = performance.now();
    const db = openDatabase(file);
    const t1 = performance.now();
    today ||= (
      db.prepare<[], { at: string | null }>('SELECT max(event_time) AS at FROM events').get()?.at ?? new Date().toISOString()
    ).slice(0, 10);
    const t2 = performance.now();
    dashboard(db, today);
    const t3 = performance.now();
    db.close();
    if (i === 0) continue; // warm-up
    open.push(t1 - t0);
    first.push(t3 - t2);
    total.push(t1 - t0 + (t3 - t2));
  }

  // A connection whose statements are timed one by one.
  const db = openDatabase(file);
  const profile = profileStatements(db);
  try {
    const one = <T>(sql: string) => db.prepare<[], T>(sql).get() as T;
    const lot = one<{ code: string; part: string }>(
      `SELECT u.code, i.part FROM units u JOIN items i ON i.id = u.item_id WHERE u.kind = 'lot' ORDER BY u.id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM units)`,
    );
    const wo = one<{ number: string }>('SELECT number FROM work_orders ORDER BY id DESC LIMIT 1');
    const shipment = one<{ number: string }>('SELECT number FROM shipments ORDER BY id DESC LIMIT 1');
    const supplierLot = one<{ supplier_lot: string }>(
      'SELECT supplier_lot FROM units WHERE supplier_lot IS NOT NULL ORDER BY id DESC LIMIT 1',
    );
    profile.reset();
    const board: number[] = [];
    for (let i = 0; i <= REPS; i++) {
      const t = performance.now();
      dashboard(db, today);
      if (i > 0) board.push(performance.now() - t);
    }
    const queries = [
      lot.code,
      `${lot.part}:${lot.code}`,
      lot.code.slice(0, 6),
      supplierLot.supplier_lot,
      wo.number,
      shipment.number,
      'SALT',
      'Customer 7',
    ];
    const searches = queries.map((query) => {
      const samples: number[] = [];
      let hits = 0;
      for (let i = 0; i <= REPS; i++) {
        const t = performance.now();
        hits = search(db, query).length;
        if (i > 0) samples.push(performance.now() - t);
      }
      return { query, hits, timing: summarise(samples) };
    });
    const result = {
      today,
      open: summarise(open),
      firstDashboard: summarise(first),
      total: summarise(total),
      dashboard: summarise(board),
      searches,
      statements: profile.report(),
    };
    log(`start: open ${result.open.median.toFixed(1)} ms, first dashboard ${result.firstDashboard.median.toFixed(1)} ms`);
    return result;
  } finally {
    db.close();
  }
}
