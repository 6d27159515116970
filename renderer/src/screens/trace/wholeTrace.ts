// A wide trace arrives summary first, with one window of units. The CSV keeps every row: it reads the
// remaining windows one after the other and merges them.
import type { TraceResult } from '../../../../common/domain';
import { EXPORT_TRACE_WINDOW } from '../../../../common/api/trace';
import { call } from '../../api/client';

export async function wholeTrace(first: TraceResult, onProgress: (units: number, total: number) => void): Promise<TraceResult> {
  const total = first.total.nodes;
  if (first.window.offset === 0 && first.nodes.length >= total) return first;
  const nodes = [];
  const edges = [];
  const shipments = [];
  for (let offset = 0; offset < total; offset += EXPORT_TRACE_WINDOW) {
    const part = await call(first.direction === 'forward' ? 'trace.forward' : 'trace.backward', {
      ref: first.root.ref,
      depth: first.depthLimit,
      offset,
      limit: EXPORT_TRACE_WINDOW,
    });
    nodes.push(...part.nodes);
    edges.push(...part.edges);
    shipments.push(...part.shipments);
    onProgress(Math.min(total, offset + part.nodes.length), total);
  }
  return { ...first, nodes, edges, shipments, window: { offset: 0, limit: total } };
}
