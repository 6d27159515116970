// The floor: breadth-first search over plain adjacency arrays read straight from the lineage table. Written here
// independently of LineageIndex, it is both the fastest walk we know how to write and a second opinion on its answer.
import type { Database as Db } from 'better-sqlite3';
import type { Direction } from '../main/core/trace/walk';

const live =
  'NOT EXISTS (SELECT 1 FROM lineage_void v WHERE v.input_id = l.input_id AND v.output_id = l.output_id AND v.event_id = l.event_id)';

interface Adjacency {
  /** Neighbours of node v are next[start[v] .. start[v + 1]). */
  start: Int32Array;
  next: Int32Array;
}

export interface FloorResult {
  /** Reached nodes in breadth-first order; nodes of depth d sit in ids[levels[d] .. levels[d + 1]). */
  ids: Int32Array;
  levels: number[];
}

export class AdjacencyFloor {
  private readonly seen: Uint32Array;
  private readonly queue: Int32Array;
  private stamp = 0;

  private constructor(
    private readonly forward: Adjacency,
    private readonly backward: Adjacency,
    readonly nodes: number,
  ) {
    this.seen = new Uint32Array(nodes);
    this.queue = new Int32Array(nodes);
  }

  static fromDb(db: Db): AdjacencyFloor {
    const nodes = (db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM units').get()?.n ?? 0) + 1;
    const edges = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM lineage l WHERE ${live}`).get()?.n ?? 0;
    // Each scan comes sorted by its first column (the primary key one way, lineage_backward the other).
    const read = (from: string, to: string): Adjacency => {
      const start = new Int32Array(nodes + 1);
      const next = new Int32Array(edges);
      let n = 0;
      let last = 0;
      const rows = db.prepare<[], [number, number]>(`SELECT l.${from}, l.${to} FROM lineage l WHERE ${live} ORDER BY l.${from}`).raw();
      for (const [a, b] of rows.iterate()) {
        while (last < a) start[++last] = n;
        next[n++] = b;
      }
      while (last < nodes) start[++last] = n;
      return { start, next };
    };
    return new AdjacencyFloor(read('input_id', 'output_id'), read('output_id', 'input_id'), nodes);
  }

  /** Every node within `depthLimit` hops of the roots. */
  walk(roots: readonly number[], direction: Direction, depthLimit: number): FloorResult {
    const { start, next } = direction === 'forward' ? this.forward : this.backward;
    const { seen, queue } = this;
    const stamp = ++this.stamp;
    let tail = 0;
    for (const r of roots) {
      if (seen[r] !== stamp) {
        seen[r] = stamp;
        queue[tail++] = r;
      }
    }
    const levels = [0];
    let head = 0;
    for (let depth = 0; depth < depthLimit && head < tail; depth++) {
      const end = tail;
      levels.push(end);
      for (; head < end; head++) {
        const v = queue[head] as number;
        for (let i = start[v] as number, stop = start[v + 1] as number; i < stop; i++) {
          const w = next[i] as number;
          if (seen[w] !== stamp) {
            seen[w] = stamp;
            queue[tail++] = w;
          }
        }
      }
    }
    if (levels.at(-1) !== tail) levels.push(tail);
    return { ids: queue.slice(0, tail), levels };
  }

  /**
   * The same walk that also lists the edges it crossed (as positions in the adjacency array, from which the
   * endpoints follow): the floor for a trace, which must return its edges too.
   */
  walkWithEdges(roots: readonly number[], direction: Direction, depthLimit: number): FloorResult & { edges: Int32Array } {
    const { start, next } = direction === 'forward' ? this.forward : this.backward;
    const { seen, queue } = this;
    const stamp = ++this.stamp;
    let edges = new Int32Array(1024);
    let edgeCount = 0;
    let tail = 0;
    for (const r of roots) {
      if (seen[r] !== stamp) {
        seen[r] = stamp;
        queue[tail++] = r;
      }
    }
    const levels = [0];
    let head = 0;
    for (let depth = 0; depth < depthLimit && head < tail; depth++) {
      const end = tail;
      levels.push(end);
      for (; head < end; head++) {
        const v = queue[head] as number;
        const stop = start[v + 1] as number;
        const first = start[v] as number;
        if (edgeCount + (stop - first) > edges.length) {
          const grown = new Int32Array(Math.max(edges.length * 2, edgeCount + (stop - first)));
          grown.set(edges);
          edges = grown;
        }
        for (let i = first; i < stop; i++) {
          const w = next[i] as number;
          edges[edgeCount++] = i;
          if (seen[w] !== stamp) {
            seen[w] = stamp;
            queue[tail++] = w;
          }
        }
      }
    }
    if (levels.at(-1) !== tail) levels.push(tail);
    return { ids: queue.slice(0, tail), levels, edges: edges.slice(0, edgeCount) };
  }

  /** How many nodes a walk reaches (no copy). */
  count(roots: readonly number[], direction: Direction, depthLimit: number): number {
    return this.walk(roots, direction, depthLimit).ids.length;
  }

  static depths(result: FloorResult): Map<number, number> {
    const depths = new Map<number, number>();
    for (let d = 0; d + 1 < result.levels.length; d++) {
      for (let i = result.levels[d] as number; i < (result.levels[d + 1] as number); i++) depths.set(result.ids[i] as number, d);
    }
    return depths;
  }

  bytes(): number {
    const b = (a: Adjacency) => a.start.byteLength + a.next.byteLength;
    return b(this.forward) + b(this.backward);
  }
}
