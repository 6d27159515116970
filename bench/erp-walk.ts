// The ERP-style trace: one query per node through a PostgreSQL client round trip, breadth-first in application
// code — how an ERP's ORM walks stock-move genealogy. Same answer as the recursive CTE, one hop at a time.
import type pg from 'pg';
import type { Direction } from '../main/core/trace/walk';

// The live filter keeps the answer equal to the other engines' when a reversal voided an edge.
const live =
  'NOT EXISTS (SELECT 1 FROM lineage_void v WHERE v.input_id = l.input_id AND v.output_id = l.output_id AND v.event_id = l.event_id)';
const hopSql = {
  forward: `SELECT l.output_id AS id FROM lineage l WHERE l.input_id = $1 AND ${live}`,
  backward: `SELECT l.input_id AS id FROM lineage l WHERE l.output_id = $1 AND ${live}`,
};

/** Nodes reached within `depthLimit` hops with their shortest depth; one prepared SELECT per expanded node. */
export async function erpWalk(
  client: pg.Client,
  roots: readonly number[],
  direction: Direction,
  depthLimit: number,
): Promise<{ depths: Map<number, number>; queries: number }> {
  const depths = new Map<number, number>();
  let frontier = [...new Set(roots)];
  for (const r of frontier) depths.set(r, 0);
  let queries = 0;
  for (let depth = 0; depth < depthLimit && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const node of frontier) {
      const res = await client.query<{ id: number }>({ name: `hop-${direction}`, text: hopSql[direction], values: [node] });
      queries++;
      for (const { id } of res.rows) {
        if (!depths.has(id)) {
          depths.set(id, depth + 1);
          next.push(id);
        }
      }
    }
    frontier = next;
  }
  return { depths, queries };
}
