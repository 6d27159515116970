// Forward and backward trace over the lineage: the in-memory lineage index once it is built, and until
// then a recursive CTE on unit ids. The CTE's rows are (unit, depth), so a rework cycle is walked round
// until the depth limit stops it: correct but slower with deep limits; the index visits each unit once.
import type { Database as Db } from 'better-sqlite3';
import { perConnection } from '../db/statements';
import { Worker } from 'node:worker_threads';
import { LineageIndex, readLineage } from './lineage-index';
import type { LineageSnapshot } from './lineage-index';
import type { BuilderData, BuilderReply } from './lineage-builder';
import type { UnitFacts } from './unit-facts';

export type Direction = 'forward' | 'backward';

export interface WalkEdge {
  from: number;
  to: number;
  eventId: number;
}

export interface Walk {
  /** The reached units level by level (`levels[d]` to `levels[d + 1]` are at depth d), by id within a level. */
  readonly ids: Int32Array;
  readonly levels: readonly number[];
  /** Each reached unit with its shortest depth (0 for the roots). */
  readonly depths: ReadonlyMap<number, number>;
  /** The edges among the reached units, always input → output. */
  readonly edges: readonly WalkEdge[];
  /** How many edges `edges` holds, counted without making them. */
  readonly edgeCount: number;
  /** The edges among the reached units that lead to `targets`, away from the roots (a window's worth). */
  edgesTo(targets: Iterable<number>): WalkEdge[];
  readonly truncated: boolean;
}

// Edges that a reversal took out of trace no longer count.
const live = 'NOT EXISTS (SELECT 1 FROM lineage_void v WHERE v.input_id = l.input_id AND v.output_id = l.output_id AND v.event_id = l.event_id)';

const walkSql = (from: string, to: string) => `
  WITH RECURSIVE walk(id, depth) AS (
    SELECT value, 0 FROM json_each(@roots)
    UNION
    SELECT l.${to}, w.depth + 1 FROM walk w JOIN lineage l ON l.${from} = w.id
     WHERE w.depth < @limit AND ${live}
  )
  SELECT id, min(depth) AS depth FROM walk GROUP BY id`;

const edgesSql = (from: string, to: string) => `
  SELECT l.${from} AS src, l.${to} AS dst, l.event_id FROM lineage l
   WHERE l.${from} IN (SELECT value FROM json_each(?)) AND ${live}`;

const statements = perConnection((db: Db) => ({
  forward: db.prepare<[{ roots: string; limit: number }], { id: number; depth: number }>(walkSql('input_id', 'output_id')),
  backward: db.prepare<[{ roots: string; limit: number }], { id: number; depth: number }>(walkSql('output_id', 'input_id')),
  forwardEdges: db.prepare<[string], { src: number; dst: number; event_id: number }>(edgesSql('input_id', 'output_id')),
  backwardEdges: db.prepare<[string], { src: number; dst: number; event_id: number }>(edgesSql('output_id', 'input_id')),
  maxEvent: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events'),
}));

const indexes = new WeakMap<Db, { ready?: LineageIndex; building?: Promise<LineageIndex | undefined> }>();

/** Below this many events the index is read on the calling thread (well under a second); above, in a worker. */
export const IN_THREAD_EVENTS = 50_000;

export interface IndexOptions {
  /** The built `lineage-builder.js` or its from-source loader (a file URL); without it the index is read on this thread. */
  builder?: string | undefined;
  /** Databases with fewer events are read on this thread (default IN_THREAD_EVENTS). */
  inThreadBelow?: number;
}

/**
 * Starts building the in-memory lineage index for this connection (once). Trace uses it as soon as it
 * is ready and the recursive CTE until then. Resolves to the index, or undefined if the connection closed.
 */
export function startLineageIndex(db: Db, options: IndexOptions = {}): Promise<LineageIndex | undefined> {
  const state = indexes.get(db) ?? {};
  indexes.set(db, state);
  state.building ??= buildIndex(db, options).then(
    (index) => (state.ready = index),
    (error: unknown) => {
      if (db.open) throw error;
      return undefined; // closed while building
    },
  );
  return state.building;
}

async function buildIndex(db: Db, options: IndexOptions): Promise<LineageIndex> {
  // Let the caller finish opening first: the app answers from the CTE meanwhile.
  await new Promise((resolve) => setImmediate(resolve));
  const events = statements(db).maxEvent.get()?.id ?? 0;
  const inWorker = options.builder !== undefined && !db.memory && events >= (options.inThreadBelow ?? IN_THREAD_EVENTS);
  const snapshot = inWorker ? await readInWorker(options.builder as string, db.name) : readLineage(db);
  if (!db.open) throw new Error('the database was closed while the lineage index was built');
  return LineageIndex.fromSnapshot(snapshot, db);
}

function readInWorker(builder: string, file: string): Promise<LineageSnapshot> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(builder), { workerData: { file } satisfies BuilderData });
    worker.once('message', (reply: BuilderReply) => {
      if (reply.ok) resolve(reply.snapshot);
      else reject(new Error(`The lineage index could not be built: ${reply.message}`));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The in-memory index caught up with what this connection sees now, or undefined until it is ready. */
export function readyIndex(db: Db): LineageIndex | undefined {
  const index = indexes.get(db)?.ready;
  index?.catchUp(db);
  return index;
}

/** Every unit reachable from the roots within `depthLimit` hops, with its shortest depth, and the edges among them. */
export function walk(db: Db, roots: readonly number[], direction: Direction, depthLimit: number): Walk {
  return walkWithFacts(db, roots, direction, depthLimit).walk;
}

/** The walk, and the units' facts of the same moment when the index is ready (its summaries are then counted in memory). */
export function walkWithFacts(db: Db, roots: readonly number[], direction: Direction, depthLimit: number): { walk: Walk; facts: UnitFacts | undefined } {
  const index = readyIndex(db);
  if (index) return { walk: index.walk(roots, direction, depthLimit), facts: index.facts };
  return { walk: walkCte(db, roots, direction, depthLimit), facts: undefined };
}

/** The same walk as a recursive CTE over the lineage table. */
export function walkCte(db: Db, roots: readonly number[], direction: Direction, depthLimit: number): Walk {
  const s = statements(db);
  const rows = (direction === 'forward' ? s.forward : s.backward).all({ roots: JSON.stringify(roots), limit: depthLimit });
  const depths = new Map(rows.map((r) => [r.id, r.depth]));
  const edges: WalkEdge[] = [];
  let truncated = false;
  for (const e of (direction === 'forward' ? s.forwardEdges : s.backwardEdges).all(JSON.stringify([...depths.keys()]))) {
    if (depths.has(e.dst)) {
      // Edges always point input → output, whichever way the walk went.
      edges.push(direction === 'forward' ? { from: e.src, to: e.dst, eventId: e.event_id } : { from: e.dst, to: e.src, eventId: e.event_id });
    } else {
      truncated = true;
    }
  }
  return walkOf(depths, edges, truncated, direction);
}

/** A walk from its depth map; the units in order of depth, then id, are sorted when first read. */
export function walkOf(depths: ReadonlyMap<number, number>, edges: readonly WalkEdge[], truncated: boolean, direction: Direction): Walk {
  let order: { ids: Int32Array; levels: number[] } | undefined;
  const ordered = () => {
    if (order) return order;
    const sorted = [...depths].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const levels: number[] = [];
    sorted.forEach(([, depth], i) => {
      while (levels.length <= depth) levels.push(i);
    });
    levels.push(sorted.length);
    return (order = { ids: Int32Array.from(sorted, ([id]) => id), levels });
  };
  const far = (e: WalkEdge) => (direction === 'forward' ? e.to : e.from);
  return {
    depths,
    edges,
    truncated,
    edgeCount: edges.length,
    edgesTo(targets) {
      const wanted = new Set(targets);
      return edges.filter((e) => wanted.has(far(e)));
    },
    get ids() {
      return ordered().ids;
    },
    get levels() {
      return ordered().levels;
    },
  };
}
