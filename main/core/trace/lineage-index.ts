// A compact in-memory copy of the lineage for trace at plant scale: adjacency in both directions as
// typed arrays (CSR: offsets into targets and their event ids), built in chunks that yield to the event
// loop, then kept current by catching up on events appended since (by this or any other connection).
// Until it is ready, trace answers from the recursive CTE.
import type { Database as Db } from 'better-sqlite3';
import { perConnection } from '../db/statements';
import type { Direction, Walk } from './walk';

const CHUNK = 250_000;

interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
  events: Int32Array;
}

const statements = perConnection((db: Db) => ({
  bounds: db.prepare<[], { maxUnit: number | null; maxEvent: number | null; edges: number }>(
    'SELECT (SELECT max(id) FROM units) AS maxUnit, (SELECT max(id) FROM events) AS maxEvent, (SELECT count(*) FROM lineage) AS edges',
  ),
  chunk: db
    .prepare<[{ after: number; max: number; limit: number }], [number, number, number]>(
      `SELECT input_id, output_id, event_id FROM lineage
        WHERE input_id > @after AND input_id <= (SELECT max(input_id) FROM (SELECT input_id FROM lineage WHERE input_id > @after ORDER BY input_id LIMIT @limit))
          AND event_id <= @max
        ORDER BY input_id`,
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

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class LineageIndex {
  private readonly forward: Csr;
  private readonly backward: Csr;
  /** Edges appended after the build, per node: [target, event, target, event, …]. */
  private readonly deltaForward = new Map<number, number[]>();
  private readonly deltaBackward = new Map<number, number[]>();
  private deltaEdges = 0;
  /** `input:output:event` of edges a reversal took out of trace. */
  private readonly voided = new Set<string>();
  private lastEvent: number;

  private constructor(forward: Csr, backward: Csr, lastEvent: number) {
    this.forward = forward;
    this.backward = backward;
    this.lastEvent = lastEvent;
  }

  /** Builds from the lineage as of now, yielding between chunks so the thread keeps serving. */
  static async build(db: Db, yieldBetween: () => Promise<void> = yieldToEventLoop): Promise<LineageIndex> {
    const s = statements(db);
    const { maxUnit, maxEvent, edges } = s.bounds.get() ?? { maxUnit: 0, maxEvent: 0, edges: 0 };
    const nodes = (maxUnit ?? 0) + 1;
    const lastEvent = maxEvent ?? 0;
    // Edges newer than lastEvent are left to catch-up, so chunks read while others write stay consistent.
    const inputs = new Int32Array(edges);
    const outputs = new Int32Array(edges);
    const events = new Int32Array(edges);
    let n = 0;
    let after = 0;
    for (;;) {
      const rows = s.chunk.all({ after, max: lastEvent, limit: CHUNK });
      if (rows.length === 0) break;
      for (const [input, output, event] of rows) {
        if (n === inputs.length || input >= nodes || output >= nodes) continue; // written after the bounds were read
        inputs[n] = input;
        outputs[n] = output;
        events[n] = event;
        n++;
      }
      after = rows.at(-1)?.[0] ?? after;
      await yieldBetween();
    }
    const forward = toCsr(nodes, n, inputs, outputs, events);
    const backward = toCsr(nodes, n, outputs, inputs, events);
    const index = new LineageIndex(forward, backward, lastEvent);
    for (const [input, output, event] of s.voidsUpTo.all(lastEvent)) index.voided.add(`${input}:${output}:${event}`);
    index.catchUp(db);
    return index;
  }

  /** Adds the edges (and voids) of events appended since the last look. Cheap when nothing changed. */
  catchUp(db: Db): void {
    const s = statements(db);
    if ((s.maxEvent.get()?.id ?? 0) <= this.lastEvent) return;
    for (const { id } of s.eventsAfter.all(this.lastEvent)) {
      for (const [input, output] of s.edgesOf.all({ event: id })) {
        push(this.deltaForward, input, output, id);
        push(this.deltaBackward, output, input, id);
        this.deltaEdges++;
      }
      for (const [input, output, event] of s.voidsOf.all(id)) this.voided.add(`${input}:${output}:${event}`);
      this.lastEvent = id;
    }
  }

  /** Breadth-first walk with the same answer as the recursive CTE: shortest depths, edges among the reached, truncation. */
  walk(roots: readonly number[], direction: Direction, depthLimit: number): Walk {
    const csr = direction === 'forward' ? this.forward : this.backward;
    const delta = direction === 'forward' ? this.deltaForward : this.deltaBackward;
    const depths = new Map<number, number>();
    let frontier: number[] = [];
    for (const r of roots) {
      if (!depths.has(r)) {
        depths.set(r, 0);
        frontier.push(r);
      }
    }
    const pending: { from: number; to: number; eventId: number }[] = [];
    const checkVoids = this.voided.size > 0;
    const visit = (from: number, to: number, event: number, depth: number, next: number[]) => {
      if (checkVoids && this.voided.has(direction === 'forward' ? `${from}:${to}:${event}` : `${to}:${from}:${event}`)) return;
      pending.push({ from, to, eventId: event });
      if (depth < depthLimit && !depths.has(to)) {
        depths.set(to, depth + 1);
        next.push(to);
      }
    };
    for (let depth = 0; frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const node of frontier) {
        if (node + 1 < csr.offsets.length) {
          const end = csr.offsets[node + 1] ?? 0;
          for (let i = csr.offsets[node] ?? 0; i < end; i++) visit(node, csr.targets[i] ?? 0, csr.events[i] ?? 0, depth, next);
        }
        const extra = delta.get(node);
        if (extra) for (let i = 0; i < extra.length; i += 2) visit(node, extra[i] ?? 0, extra[i + 1] ?? 0, depth, next);
      }
      // Nodes at the limit are still expanded, adding nobody: their edges tell whether the trace was cut.
      frontier = next;
    }
    // Edges whose far end lies beyond the depth limit mean the trace was cut.
    let truncated = false;
    const edges: Walk['edges'] = [];
    for (const e of pending) {
      if (!depths.has(e.to)) {
        truncated = true;
        continue;
      }
      edges.push(direction === 'forward' ? e : { from: e.to, to: e.from, eventId: e.eventId });
    }
    return { depths, edges, truncated };
  }

  /** Memory held by the index, and the edges it holds. */
  size(): { bytes: number; edges: number } {
    const csrBytes = (c: Csr) => c.offsets.byteLength + c.targets.byteLength + c.events.byteLength;
    return { bytes: csrBytes(this.forward) + csrBytes(this.backward) + this.deltaEdges * 2 * 16, edges: this.forward.targets.length + this.deltaEdges };
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
