// A walk's answer as the index produces it: units in breadth-first order with level boundaries, and
// the depth map, the edge list and the membership test made only when someone reads them.
import type { Walk, WalkEdge } from './walk';

export interface EdgeSource {
  /** Every edge among the reached units. */
  among(inSet: (v: number) => boolean): WalkEdge[];
  /** How many edges there are among the reached units, without making them. */
  count(inSet: (v: number) => boolean): number;
  /** The edges among the reached units that lead to `targets` (away from the roots). */
  into(targets: Iterable<number>, inSet: (v: number) => boolean): WalkEdge[];
}

export function lazyWalk(ids: Int32Array, levels: readonly number[], truncated: boolean, source: EdgeSource): Walk {
  for (let d = 0; d + 1 < levels.length; d++) ids.subarray(levels[d], levels[d + 1]).sort();
  let depths: Map<number, number> | undefined;
  let edges: WalkEdge[] | undefined;
  let count: number | undefined;
  let member: ((v: number) => boolean) | undefined;
  const depthMap = (): Map<number, number> => {
    if (!depths) {
      depths = new Map();
      for (let d = 0; d + 1 < levels.length; d++) for (let i = levels[d] as number; i < (levels[d + 1] as number); i++) depths.set(ids[i] as number, d);
    }
    return depths;
  };
  // For a wide walk a byte per unit id, much cheaper than a Set of hundreds of thousands of units; a small
  // walk keeps a Set rather than allocate a byte for every unit id below its highest.
  const inSet = (v: number): boolean => {
    if (!member) member = membership(ids);
    return member(v);
  };
  return {
    ids,
    levels,
    truncated,
    get depths() {
      return depthMap();
    },
    get edges() {
      edges ??= source.among(inSet);
      return edges;
    },
    get edgeCount() {
      count ??= edges?.length ?? source.count(inSet);
      return count;
    },
    edgesTo(targets) {
      return source.into(targets, inSet);
    },
  };
}

const SMALL_WALK = 4096;

function membership(ids: Int32Array): (v: number) => boolean {
  if (ids.length < SMALL_WALK) {
    const set = new Set(ids);
    return (v) => set.has(v);
  }
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  const bytes = new Uint8Array(max + 1);
  for (const id of ids) bytes[id] = 1;
  return (v) => bytes[v] === 1;
}
