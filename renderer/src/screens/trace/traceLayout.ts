// Lays the trace graph out in layers, left → right, with elkjs.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphNode, TraceGraph } from './traceGraph';

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const nodeSizes: Record<GraphNode['kind'], { width: number; height: number }> = {
  unit: { width: 230, height: 84 },
  group: { width: 230, height: 112 },
  shipment: { width: 210, height: 76 },
  shipmentGroup: { width: 210, height: 76 },
  customer: { width: 210, height: 72 },
};

const elk = new ELK();

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  // Room between layers for the edge labels (work order and shipment numbers).
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.nodeNode': '22',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

export async function layoutTraceGraph(graph: TraceGraph): Promise<Map<string, Placed>> {
  const result = await elk.layout({
    id: 'trace',
    layoutOptions,
    children: graph.nodes.map((node) => ({ id: node.id, ...nodeSizes[node.kind] })),
    edges: graph.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const placed = new Map<string, Placed>();
  for (const child of result.children ?? []) {
    placed.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
  }
  return placed;
}
