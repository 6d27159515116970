// A walk's answer as the index produces it: units in breadth-first order with level boundaries, and
// the depth map and edge list made only when someone reads them.
import type { Walk, WalkEdge } from './walk';

export function lazyWalk(ids: Int32Array, levels: readonly number[], truncated: boolean, edgesAmong: (inSet: (v: number) => boolean) => WalkEdge[]): Walk {
  for (let d = 0; d + 1 < levels.length; d++) ids.subarray(levels[d], levels[d + 1]).sort();
  let depths: Map<number, number> | undefined;
  let edges: WalkEdge[] | undefined;
  const depthMap = (): Map<number, number> => {
    if (!depths) {
      depths = new Map();
      for (let d = 0; d + 1 < levels.length; d++) for (let i = levels[d] as number; i < (levels[d + 1] as number); i++) depths.set(ids[i] as number, d);
    }
    return depths;
  };
  return {
    ids,
    levels,
    truncated,
    get depths() {
      return depthMap();
    },
    get edges() {
      if (!edges) {
        const map = depthMap();
        edges = edgesAmong((v) => map.has(v));
      }
      return edges;
    },
  };
}
