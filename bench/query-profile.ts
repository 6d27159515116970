// Times every statement a connection runs, by its SQL, so a slow screen can be traced to the query behind it
// and explained with EXPLAIN QUERY PLAN on the arguments it was actually run with.
import type { Database as Db, Statement } from 'better-sqlite3';
import { summarise } from './timing';
import type { Timing } from './timing';

interface Calls {
  samples: number[];
  slowestArgs: unknown[];
  slowest: number;
}

export interface StatementProfile {
  sql: string;
  calls: number;
  timing: Timing;
  /** EXPLAIN QUERY PLAN with the arguments of the slowest call. */
  plan: string;
}

/** Wraps `db.prepare` so that every statement prepared from now on records its run time. */
export function profileStatements(db: Db): { reset(): void; report(): StatementProfile[] } {
  const calls = new Map<string, Calls>();
  const prepare = db.prepare.bind(db) as (sql: string) => Statement<unknown[], unknown>;
  const methods = ['all', 'get', 'run', 'iterate'] as const;
  (db as unknown as { prepare: (sql: string) => Statement<unknown[], unknown> }).prepare = (sql: string) => {
    const statement = prepare(sql);
    for (const m of methods) {
      const original = (statement[m] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        const t = performance.now();
        try {
          return original(...args);
        } finally {
          const ms = performance.now() - t;
          const c = calls.get(sql) ?? { samples: [], slowestArgs: args, slowest: -1 };
          c.samples.push(ms);
          if (ms > c.slowest) {
            c.slowest = ms;
            c.slowestArgs = args;
          }
          calls.set(sql, c);
        }
      };
    }
    return statement;
  };
  return {
    reset: () => calls.clear(),
    report: () =>
      [...calls].map(([sql, c]) => {
        let plan: string;
        try {
          plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .all(...c.slowestArgs)
            .map((r) => (r as { detail: string }).detail)
            .join('\n');
        } catch (error) {
          plan = `(no plan: ${error instanceof Error ? error.message : String(error)})`;
        }
        return { sql: sql.replace(/\s+/g, ' ').trim(), calls: c.samples.length, timing: summarise(c.samples), plan };
      }),
  };
}
