// Trace latency: forward and backward from each class of start node, every engine on the same data in the same
// run, each checked to reach the same nodes at the same depths as Lotline; and recall impact from the widest.
import type { Database as Db } from 'better-sqlite3';
import type pg from 'pg';
import { DEFAULT_TRACE_DEPTH, DEFAULT_TRACE_WINDOW, EXPORT_TRACE_WINDOW } from '../common/api/trace';
import type { TraceResult } from '../common/domain';
import { forgetWholeTrace, recallImpact, trace } from '../main/core/trace/trace';
import { startLineageIndex, walk, walkCte } from '../main/core/trace/walk';
import type { Direction } from '../main/core/trace/walk';
import { erpWalk } from './erp-walk';
import { AdjacencyFloor } from './floor';
import { profileStatements } from './query-profile';
import type { StatementProfile } from './query-profile';
import { pgWalk } from './postgres';
import type { StartNode } from './start-nodes';
import { repeat, repeatAsync } from './timing';
import type { RepeatOptions, Timing } from './timing';

export type Engine = 'lotline' | 'lotlineRead' | 'trace' | 'traceAll' | 'traceCte' | 'cte' | 'postgres' | 'erp' | 'floor' | 'floorEdges';

export const ENGINE_LABELS: Record<Engine, string> = {
  lotline: 'Lotline (LineageIndex walk)',
  lotlineRead: 'Lotline walk, depths and edges read',
  trace: `Lotline trace(): summary + first ${DEFAULT_TRACE_WINDOW.toLocaleString('en-US')} units`,
  traceAll: `trace() every row, windows of ${EXPORT_TRACE_WINDOW.toLocaleString('en-US')}`,
  traceCte: 'trace() before the index is ready',
  cte: 'SQLite recursive CTE (walkCte)',
  postgres: 'PostgreSQL recursive CTE',
  erp: 'ERP-style per-hop walk (pg)',
  floor: 'In-memory BFS (floor)',
  floorEdges: 'In-memory BFS + edge list',
};

export interface EngineRow {
  engine: Engine;
  timing: Timing;
  nodes: number;
  note?: string;
}

export interface TraceCase {
  start: StartNode;
  direction: Direction;
  rows: EngineRow[];
}

export interface RecallRow {
  label: string;
  timing: Timing;
  affected: number;
  finished: number;
  shipments: number;
  customers: number;
}

export interface TraceContext {
  /** Connection whose LineageIndex is ready: walk() and trace() use it. */
  db: Db;
  /** A second connection with no index: trace() answers from the CTE, as at start-up. */
  coldDb: Db;
  floor: AdjacencyFloor;
  /** Absent when PostgreSQL is not part of this run. */
  pg?: pg.Client;
  log: (line: string) => void;
}

const ERP_REPS: RepeatOptions = { maxReps: 5, minReps: 2, budgetMs: 20_000 };
const SLOW_REPS: RepeatOptions = { maxReps: 15, minReps: 3, budgetMs: 15_000 };

function sameAnswer(expected: ReadonlyMap<number, number>, actual: ReadonlyMap<number, number>, what: string): void {
  const missing = [...expected].filter(([id, d]) => actual.get(id) !== d).slice(0, 5);
  const extra = [...actual.keys()].filter((id) => !expected.has(id)).slice(0, 5);
  if (missing.length > 0 || extra.length > 0 || expected.size !== actual.size) {
    throw new Error(
      `${what} disagrees with Lotline: ${actual.size} nodes vs ${expected.size}; ` +
        `differing (id→Lotline depth): ${missing.map(([id, d]) => `${id}→${d} (got ${actual.get(id) ?? 'none'})`).join(', ') || 'none'}; ` +
        `extra: ${extra.join(', ') || 'none'}`,
    );
  }
}

/** The CSV's way to every row (renderer/src/screens/trace/wholeTrace.ts): window after window. */
function everyRow(db: Db, ref: string, direction: Direction, depth: number): { depths: Map<number, number>; lines: number } {
  const depths = new Map<number, number>();
  let lines = 0;
  let part: TraceResult;
  let offset = 0;
  do {
    part = trace(db, ref, direction, depth, { offset, limit: EXPORT_TRACE_WINDOW });
    for (const n of part.nodes) depths.set(n.id, n.depth);
    lines += part.shipments.length;
    offset += EXPORT_TRACE_WINDOW;
  } while (offset < part.total.nodes);
  return { depths, lines };
}

/** A window's units must be the walk's, at the walk's depths, and the summary must count them all. */
function sameWindow(expected: ReadonlyMap<number, number>, r: TraceResult, what: string): void {
  const wrong = r.nodes.filter((n) => expected.get(n.id) !== n.depth);
  if (wrong.length > 0 || r.total.nodes !== expected.size || r.nodes.length !== Math.min(expected.size, r.window.limit))
    throw new Error(`${what}: ${r.nodes.length} units shown of ${r.total.nodes} (walk: ${expected.size}); ${wrong.length} at another depth`);
}

async function traceCase(ctx: TraceContext, start: StartNode, direction: Direction): Promise<TraceCase> {
  const { db, coldDb, floor } = ctx;
  const roots = [start.id];
  const depth = DEFAULT_TRACE_DEPTH;
  const what = (engine: Engine) => `${ENGINE_LABELS[engine]}, ${direction} from ${start.class} ${start.ref}`;
  const rows: EngineRow[] = [];

  const lotline = repeat(() => walk(db, roots, direction, depth));
  const expected = lotline.value.depths;
  rows.push({
    engine: 'lotline',
    timing: lotline.timing,
    nodes: expected.size,
    note: `${lotline.value.edges.length.toLocaleString('en-US')} edges`,
  });

  // walk() leaves the depth map and the edge list to whoever reads them; the SQL engines hand both over.
  const read = repeat(() => {
    const w = walk(db, roots, direction, depth);
    return { depths: w.depths, edges: w.edges.length };
  });
  rows.push({ engine: 'lotlineRead', timing: read.timing, nodes: read.value.depths.size, note: 'what walkCte returns' });

  // A first look at the trace: nothing kept from an earlier call.
  const first = repeat(() => {
    forgetWholeTrace(db);
    return trace(db, start.ref, direction, depth);
  }, SLOW_REPS);
  sameWindow(expected, first.value, what('trace'));
  rows.push({
    engine: 'trace',
    timing: first.timing,
    nodes: first.value.total.nodes,
    note:
      `${first.value.nodes.length.toLocaleString('en-US')} as rows` +
      (direction === 'forward' ? `; ${first.value.total.shipmentLines.toLocaleString('en-US')} shipment lines to ${first.value.customers.length} customers counted` : ''),
  });

  const all = repeat(() => {
    forgetWholeTrace(db);
    return everyRow(db, start.ref, direction, depth);
  }, SLOW_REPS);
  sameAnswer(expected, all.value.depths, what('traceAll'));
  rows.push({
    engine: 'traceAll',
    timing: all.timing,
    nodes: all.value.depths.size,
    note: direction === 'forward' ? `${all.value.lines.toLocaleString('en-US')} shipment lines` : undefined,
  });

  const cold = repeat(() => {
    forgetWholeTrace(coldDb);
    return trace(coldDb, start.ref, direction, depth);
  }, SLOW_REPS);
  sameWindow(expected, cold.value, what('traceCte'));
  rows.push({ engine: 'traceCte', timing: cold.timing, nodes: cold.value.total.nodes });

  const cte = repeat(() => walkCte(db, roots, direction, depth), SLOW_REPS);
  sameAnswer(expected, cte.value.depths, what('cte'));
  if (cte.value.edges.length !== lotline.value.edges.length)
    throw new Error(`${what('cte')}: ${cte.value.edges.length} edges vs ${lotline.value.edges.length}`);
  rows.push({ engine: 'cte', timing: cte.timing, nodes: cte.value.depths.size });

  if (ctx.pg) {
    const client = ctx.pg;
    const pgRun = await repeatAsync(() => pgWalk(client, roots, direction, depth), SLOW_REPS);
    sameAnswer(expected, pgRun.value.depths, what('postgres'));
    rows.push({ engine: 'postgres', timing: pgRun.timing, nodes: pgRun.value.depths.size });

    const erp = await repeatAsync(() => erpWalk(client, roots, direction, depth), ERP_REPS);
    sameAnswer(expected, erp.value.depths, what('erp'));
    rows.push({
      engine: 'erp',
      timing: erp.timing,
      nodes: erp.value.depths.size,
      note: `${erp.value.queries.toLocaleString('en-US')} queries`,
    });
  }

  const bfs = repeat(() => floor.walk(roots, direction, depth));
  sameAnswer(expected, AdjacencyFloor.depths(bfs.value), what('floor'));
  rows.push({ engine: 'floor', timing: bfs.timing, nodes: bfs.value.ids.length });

  const withEdges = repeat(() => floor.walkWithEdges(roots, direction, depth));
  sameAnswer(expected, AdjacencyFloor.depths(withEdges.value), what('floorEdges'));
  rows.push({
    engine: 'floorEdges',
    timing: withEdges.timing,
    nodes: withEdges.value.ids.length,
    note: `${withEdges.value.edges.length.toLocaleString('en-US')} edges crossed`,
  });

  ctx.log(`trace ${start.class} ${direction}: ${rows.map((r) => `${r.engine} ${r.timing.median.toFixed(2)} ms`).join(', ')}`);
  return { start, direction, rows };
}

export async function traceBenchmark(
  ctx: TraceContext,
  starts: readonly StartNode[],
): Promise<{ cases: TraceCase[]; recall: RecallRow[] }> {
  const cases: TraceCase[] = [];
  for (const start of starts) for (const direction of ['forward', 'backward'] as const) cases.push(await traceCase(ctx, start, direction));

  const widest = starts.find((s) => s.class === 'widest');
  const recall: RecallRow[] = [];
  if (widest) {
    for (const [label, db] of [
      ['recallImpact (LineageIndex)', ctx.db],
      ['recallImpact before the index is ready (CTE)', ctx.coldDb],
    ] as const) {
      const r = repeat(() => recallImpact(db, [widest.ref], DEFAULT_TRACE_DEPTH), SLOW_REPS);
      recall.push({
        label,
        timing: r.timing,
        affected: r.value.affected.length,
        finished: r.value.finished.length,
        shipments: r.value.shipments.length,
        customers: r.value.customers.length,
      });
    }
    const [a, b] = recall;
    if (a && b && (a.affected !== b.affected || a.shipments !== b.shipments))
      throw new Error('recallImpact differs between the index and the CTE');
  }
  return { cases, recall };
}

/**
 * Where the time of a full trace() goes, statement by statement, on a fresh connection with its own index
 * (the walk itself runs no statement once the index is ready, save catch-up's look at the last event).
 */
export async function traceProfile(
  open: () => Db,
  start: StartNode,
  direction: Direction,
): Promise<{ total: Timing; walk: Timing; statements: StatementProfile[] }> {
  const db = open();
  try {
    const profile = profileStatements(db);
    await startLineageIndex(db);
    const walked = repeat(() => walk(db, [start.id], direction, DEFAULT_TRACE_DEPTH), SLOW_REPS);
    const firstLook = () => {
      forgetWholeTrace(db);
      return trace(db, start.ref, direction, DEFAULT_TRACE_DEPTH);
    };
    repeat(firstLook, { ...SLOW_REPS, maxReps: 1, minReps: 1 });
    profile.reset();
    // No further warm-up: the profile then holds exactly the timed runs plus one.
    const total = repeat(firstLook, { ...SLOW_REPS, warmupMs: 0 });
    return { total: total.timing, walk: walked.timing, statements: profile.report() };
  } finally {
    db.close();
  }
}
