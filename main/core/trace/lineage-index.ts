// A compact in-memory copy of the lineage for trace at plant scale: adjacency in both directions as
// typed arrays (CSR: offsets into targets and their event ids), read from one consistent moment of the
// lineage table (in a worker thread at plant scale, see lineage-builder.ts), then kept current by catching
// up on events appended since (by this or any other connection). Until it is ready, trace answers from the
// recursive CTE. Beside it, the units' facts a trace's summary counts (unit-facts.ts).
//
// Catch-up runs inside the caller's transaction, so it can read rows that are later rolled back. Each
// catch-up notes the audit trail's head it saw; when that row is no longer in the trail (a write it saw was
// rolled back), what was caught up since the build is read again.
import type { Database as Db } from 'better-sqlite3';
import { isInTrail, trailHead } from '../audit/trail';
import type { TrailHead } from '../audit/trail';
import { readIntegerColumns } from '../db/bulk-read';
import { perConnection } from '../db/statements';
import { readUnitFacts, UnitFacts, unitFactsBuffers } from './unit-facts';
import type { UnitFactsSnapshot } from './unit-facts';
import type { Direction, Walk, WalkEdge } from './walk';
import { lazyWalk } from './walk-result';

export interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
  events: Int32Array;
}

/** The lineage as of one event, in the form an index is made from; its arrays can be handed between threads. */
export interface LineageSnapshot {
  lastEvent: number;
  forward: Csr;
  backward: Csr;
  /** Edges voided by events up to lastEvent: input, output, event. */
  voids: [number, number, number][];
  facts: UnitFactsSnapshot;
}

const statements = perConnection((db: Db) => ({
  bounds: db.prepare<[], { maxUnit: number | null; maxEvent: number | null; edges: number }>(
    'SELECT (SELECT max(id) FROM units) AS maxUnit, (SELECT max(id) FROM events) AS maxEvent, (SELECT count(*) FROM lineage) AS edges',
  ),
  edgesUpTo: db
    .prepare<[{ from: number; to: number; last: number }], (string | null)[]>(
      'SELECT json_group_array(input_id), json_group_array(output_id), json_group_array(event_id) FROM lineage WHERE input_id > @from AND input_id <= @to AND event_id <= @last',
    )
    .raw(),
  voidsUpTo: db.prepare<[number], [number, number, number]>('SELECT input_id, output_id, event_id FROM lineage_void WHERE void_event_id <= ?').raw(),
  eventsAfter: db.prepare<[number], { id: number }>('SELECT id FROM events WHERE id > ? ORDER BY id'),
  edgesOf: db
    .prepare<[{ event: number }], [number, number]>(
      `SELECT l.input_id, l.output_id FROM event_units u JOIN lineage l ON l.input_id = u.unit_id AND l.event_id = u.event_id WHERE u.event_id = @event AND u.role = 'input'
       UNION
       SELECT l.input_id, l.output_id FROM event_units u JOIN lineage l ON l.output_id = u.unit_id AND l.event_id = u.event_id WHERE u.event_id = @event AND u.role IN ('output', 'child')`,
    )
    .raw(),
  voidsOf: db.prepare<[number], [number, number, number]>('SELECT input_id, output_id, event_id FROM lineage_void WHERE void_event_id = ?').raw(),
  maxEvent: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events'),
}));

/** Inputs per chunk of the lineage read: a chunk's edges are one JSON array per column. */
const READ_CHUNK_UNITS = 50_000;

/**
 * Reads the lineage in one read transaction: the edges of events up to the newest one at that moment (later
 * ones are left to catch-up) as CSR arrays both ways. Edges are read a chunk of inputs at a time, so memory
 * is the arrays themselves and one chunk.
 */
export function readLineage(db: Db, chunk = READ_CHUNK_UNITS): LineageSnapshot {
  return db.transaction(() => {
    const s = statements(db);
    const { maxUnit, maxEvent, edges } = s.bounds.get() ?? { maxUnit: 0, maxEvent: 0, edges: 0 };
    const nodes = (maxUnit ?? 0) + 1;
    const lastEvent = maxEvent ?? 0;
    const inputs = new Int32Array(edges);
    const outputs = new Int32Array(edges);
    const events = new Int32Array(edges);
    let n = 0;
    readIntegerColumns(s.edgesUpTo, { last: lastEvent }, { after: 0, last: nodes, step: chunk }, ([ins = [], outs = [], evs = []]) => {
      for (let i = 0; i < ins.length; i++, n++) {
        inputs[n] = ins[i] as number;
        outputs[n] = outs[i] as number;
        events[n] = evs[i] as number;
      }
    });
    return {
      lastEvent,
      forward: toCsr(nodes, n, inputs, outputs, events),
      backward: toCsr(nodes, n, outputs, inputs, events),
      voids: s.voidsUpTo.all(lastEvent),
      facts: readUnitFacts(db, chunk),
    };
  }).deferred();
}

/** The buffers of a snapshot, for a transfer list. */
export function snapshotBuffers(s: LineageSnapshot): ArrayBuffer[] {
  return [...([s.forward, s.backward].flatMap((c) => [c.offsets.buffer, c.targets.buffer, c.events.buffer]) as ArrayBuffer[]), ...unitFactsBuffers(s.facts)];
}

export class LineageIndex {
  private readonly forward: Csr;
  private readonly backward: Csr;
  /** Each unit's item and shipment lines, for trace summaries; current after catchUp. */
  readonly facts: UnitFacts;
  private readonly built: LineageSnapshot;
  /** The trail's head at the last catch-up. */
  private trailSeen: TrailHead | null = null;
  /** Edges appended after the build, per node: [target, event, target, event, …]. */
  private readonly deltaForward = new Map<number, number[]>();
  private readonly deltaBackward = new Map<number, number[]>();
  private deltaEdges = 0;
  /** `input:output:event` of edges a reversal took out of trace. */
  private readonly voided = new Set<string>();
  private lastEvent = 0;
  /** Visited marks, reused across walks: a unit is visited in the current walk when its mark equals `stamp`. */
  private seen = new Uint32Array(0);
  /** The breadth-first queue, reused across walks (a unit enters it once per walk). */
  private queue = new Int32Array(0);
  private stamp = 0;
  /** One more than the highest unit id in the index (built or caught up). */
  private nodeCount = 0;

  private constructor(snapshot: LineageSnapshot) {
    this.built = snapshot;
    this.forward = snapshot.forward;
    this.backward = snapshot.backward;
    this.facts = new UnitFacts(snapshot.facts);
    this.reset();
  }

  /** The index of a snapshot, caught up with what was appended since on `db`. */
  static fromSnapshot(snapshot: LineageSnapshot, db: Db): LineageIndex {
    const index = new LineageIndex(snapshot);
    index.catchUp(db);
    return index;
  }

  /** Back to the snapshot as built (committed rows only): drops everything caught up since. */
  private reset(): void {
    this.deltaForward.clear();
    this.deltaBackward.clear();
    this.deltaEdges = 0;
    this.voided.clear();
    for (const [input, output, event] of this.built.voids) this.voided.add(`${input}:${output}:${event}`);
    this.lastEvent = this.built.lastEvent;
    this.nodeCount = this.forward.offsets.length - 1;
    this.facts.reset();
  }

  /**
   * Adds the edges (and voids) of events appended since the last look, and the units' new facts. Every change
   * appends to the audit trail, so the same trail head as at the last look means there is nothing to read: one
   * statement, which is what a small trace costs besides its walk.
   */
  catchUp(db: Db): void {
    // Read first: what is committed meanwhile by another connection is then read again next time, never skipped.
    const head = trailHead(db);
    if (head?.seq === this.trailSeen?.seq && head?.hash === this.trailSeen?.hash) return;
    if (!isInTrail(db, this.trailSeen)) this.reset();
    this.catchUpEvents(db);
    this.facts.catchUp(db);
    this.trailSeen = head;
  }

  private catchUpEvents(db: Db): void {
    const s = statements(db);
    if ((s.maxEvent.get()?.id ?? 0) <= this.lastEvent) return;
    for (const { id } of s.eventsAfter.all(this.lastEvent)) {
      for (const [input, output] of s.edgesOf.all({ event: id })) {
        push(this.deltaForward, input, output, id);
        push(this.deltaBackward, output, input, id);
        this.deltaEdges++;
        this.nodeCount = Math.max(this.nodeCount, input + 1, output + 1);
      }
      for (const [input, output, event] of s.voidsOf.all(id)) this.voided.add(`${input}:${output}:${event}`);
      this.lastEvent = id;
    }
  }

  /**
   * Breadth-first walk with the same answer as the recursive CTE: shortest depths, truncation, and the
   * edges among the reached units. The walk itself fills typed arrays only; the depth map and the edge
   * list are built when first asked for (a table of units needs no edges).
   */
  walk(roots: readonly number[], direction: Direction, depthLimit: number): Walk {
    const { offsets, targets, events } = direction === 'forward' ? this.forward : this.backward;
    const delta = direction === 'forward' ? this.deltaForward : this.deltaBackward;
    const hasDelta = delta.size > 0;
    const live = this.liveFilter(direction);
    const built = offsets.length - 1;
    const seen = this.marks(Math.max(0, ...roots) + 1);
    const { stamp, queue } = this;

    let tail = 0;
    for (const r of roots) {
      if (seen[r] !== stamp) {
        seen[r] = stamp;
        queue[tail++] = r;
      }
    }
    const levels = [0];
    let truncated = false;
    let head = 0;
    for (let depth = 0; head < tail; depth++) {
      const end = tail;
      levels.push(end);
      const atLimit = depth >= depthLimit;
      for (; head < end; head++) {
        const v = queue[head] as number;
        if (v < built) {
          for (let i = offsets[v] as number, stop = offsets[v + 1] as number; i < stop; i++) {
            const w = targets[i] as number;
            if (seen[w] === stamp || (live !== undefined && !live(v, w, events[i] as number))) continue;
            if (atLimit) truncated = true;
            else {
              seen[w] = stamp;
              queue[tail++] = w;
            }
          }
        }
        const extra = hasDelta ? delta.get(v) : undefined;
        if (extra === undefined) continue;
        for (let i = 0; i < extra.length; i += 2) {
          const w = extra[i] as number;
          if (seen[w] === stamp || (live !== undefined && !live(v, w, extra[i + 1] as number))) continue;
          if (atLimit) truncated = true;
          else {
            seen[w] = stamp;
            queue[tail++] = w;
          }
        }
      }
      if (atLimit) break;
    }
    if (levels.at(-1) !== tail) levels.push(tail);
    const ids = queue.slice(0, tail);
    return lazyWalk(ids, levels, truncated, {
      among: (inSet) => this.edgesAmong(ids, inSet, direction),
      count: (inSet) => this.countAmong(ids, inSet, direction),
      into: (targets, inSet) => this.edgesInto(targets, inSet, direction),
    });
  }

  /** Visited marks reused across walks (a unit is visited when its mark equals the current stamp), covering every unit id known. */
  private marks(atLeast: number): Uint32Array {
    const needed = Math.max(this.nodeCount, atLeast);
    if (this.seen.length < needed) {
      const size = Math.ceil(needed * 1.25) + 1024;
      this.seen = new Uint32Array(size);
      this.queue = new Int32Array(size);
    }
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    return this.seen;
  }

  // Whether an edge seen from `from` in each direction was not voided; made once, not per unit visited.
  private readonly liveForward = (from: number, to: number, event: number): boolean => !this.voided.has(`${from}:${to}:${event}`);
  private readonly liveBackward = (from: number, to: number, event: number): boolean => !this.voided.has(`${to}:${from}:${event}`);

  /** When reversals voided edges: a filter that drops them (edge seen from `from`, in the walk's direction). */
  private liveFilter(direction: Direction): ((from: number, to: number, event: number) => boolean) | undefined {
    if (this.voided.size === 0) return undefined;
    return direction === 'forward' ? this.liveForward : this.liveBackward;
  }

  /** Calls `visit` with each unit one live edge away from `v` in `direction`, and the edge's event (once per edge). */
  eachNeighbour(v: number, direction: Direction, visit: (w: number, event: number) => void): void {
    const csr = direction === 'forward' ? this.forward : this.backward;
    const live = this.liveFilter(direction);
    if (v + 1 < csr.offsets.length)
      for (let i = csr.offsets[v] as number, stop = csr.offsets[v + 1] as number; i < stop; i++) {
        const w = csr.targets[i] as number;
        const event = csr.events[i] as number;
        if (!live || live(v, w, event)) visit(w, event);
      }
    const extra = (direction === 'forward' ? this.deltaForward : this.deltaBackward).get(v);
    if (extra)
      for (let i = 0; i < extra.length; i += 2) {
        const w = extra[i] as number;
        const event = extra[i + 1] as number;
        if (!live || live(v, w, event)) visit(w, event);
      }
  }

  /** Edges (input → output) whose two ends were both reached. */
  private edgesAmong(ids: Int32Array, inSet: (v: number) => boolean, direction: Direction): WalkEdge[] {
    const edges: WalkEdge[] = [];
    for (const v of ids)
      this.eachNeighbour(v, direction, (w, event) => {
        if (inSet(w)) edges.push(direction === 'forward' ? { from: v, to: w, eventId: event } : { from: w, to: v, eventId: event });
      });
    return edges;
  }

  /** How many edges edgesAmong would return. */
  private countAmong(ids: Int32Array, inSet: (v: number) => boolean, direction: Direction): number {
    let n = 0;
    for (const v of ids) this.eachNeighbour(v, direction, (w) => void (inSet(w) && n++));
    return n;
  }

  /**
   * The edges among the reached units that arrive at `targets` in the walk's direction: read from the
   * other direction's adjacency of each target, so the cost follows the targets, not the whole walk.
   */
  private edgesInto(targets: Iterable<number>, inSet: (v: number) => boolean, direction: Direction): WalkEdge[] {
    const edges: WalkEdge[] = [];
    for (const x of targets)
      this.eachNeighbour(x, direction === 'forward' ? 'backward' : 'forward', (source, event) => {
        if (inSet(source)) edges.push(direction === 'forward' ? { from: source, to: x, eventId: event } : { from: x, to: source, eventId: event });
      });
    return edges;
  }

  /** Memory held by the index (the lineage; the units' facts apart), and the edges it holds. */
  size(): { bytes: number; edges: number; factsBytes: number } {
    const csrBytes = (c: Csr) => c.offsets.byteLength + c.targets.byteLength + c.events.byteLength;
    return {
      bytes: csrBytes(this.forward) + csrBytes(this.backward) + this.deltaEdges * 2 * 16,
      edges: this.forward.targets.length + this.deltaEdges,
      factsBytes: this.facts.size(),
    };
  }
}

function push(map: Map<number, number[]>, from: number, to: number, event: number): void {
  const list = map.get(from);
  if (list) list.push(to, event);
  else map.set(from, [to, event]);
}

function toCsr(nodes: number, n: number, from: Int32Array, to: Int32Array, events: Int32Array): Csr {
  const offsets = new Int32Array(nodes + 1);
  for (let i = 0; i < n; i++) offsets[(from[i] ?? 0) + 1] = (offsets[(from[i] ?? 0) + 1] ?? 0) + 1;
  for (let v = 0; v < nodes; v++) offsets[v + 1] = (offsets[v + 1] ?? 0) + (offsets[v] ?? 0);
  const fill = offsets.slice(0, nodes);
  const targets = new Int32Array(n);
  const eventIds = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const f = from[i] ?? 0;
    const at = fill[f] ?? 0;
    targets[at] = to[i] ?? 0;
    eventIds[at] = events[i] ?? 0;
    fill[f] = at + 1;
  }
  return { offsets, targets, events: eventIds };
}
