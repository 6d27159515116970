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
  let member: Uint8Array | undefined;
  const depthMap = (): Map<number, number> => {
    if (!depths) {
      depths = new Map();
      for (let d = 0; d + 1 < levels.length; d++) for (let i = levels[d] as number; i < (levels[d + 1] as number); i++) depths.set(ids[i] as number, d);
    }
    return depths;
  };
  // A byte per unit id: much cheaper than a Map for hundreds of thousands of units.
  const inSet = (v: number): boolean => {
    if (!member) {
      let max = 0;
      for (const id of ids) if (id > max) max = id;
      member = new Uint8Array(max + 1);
      for (const id of ids) member[id] = 1;
    }
    return member[v] === 1;
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
