// The trace drawn as a graph: laid out by elkjs, shown with React Flow, a click selects a node.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Background, Controls, MarkerType, ReactFlow, useNodesInitialized } from '@xyflow/react';
import type { Edge, NodeTypes, OnSelectionChangeFunc } from '@xyflow/react';
import { Center, Loader } from '@mantine/core';
import type { TraceGraph } from './traceGraph';
import type { Placed } from './traceLayout';
import { layoutTraceGraph } from './traceLayout';
import type { TraceFlowNode } from './TraceGraphNode';
import { TraceGraphNode } from './TraceGraphNode';
import classes from './TraceGraphView.module.css';

const nodeTypes: NodeTypes = { trace: TraceGraphNode };
const MAX_LABELLED_EDGES = 60;

export interface TraceGraphViewProps {
  graph: TraceGraph;
  /** Centre on these nodes instead of fitting the whole graph. */
  focusIds?: readonly string[];
  onSelect: (id: string | null) => void;
  /** Called once the graph has been laid out and drawn. */
  onReady: (ready: boolean) => void;
}

function toFlow(graph: TraceGraph, placed: ReadonlyMap<string, Placed>): { nodes: TraceFlowNode[]; edges: Edge[] } {
  const nodes: TraceFlowNode[] = graph.nodes.map((graphNode) => {
    const at = placed.get(graphNode.id);
    return {
      id: graphNode.id,
      type: 'trace',
      position: { x: at?.x ?? 0, y: at?.y ?? 0 },
      data: { graphNode },
      draggable: false,
      connectable: false,
      ariaLabel: graphNode.id,
    };
  });
  // A wall of labels reads as noise: past this many edges only the focal unit's edges keep theirs.
  const focal = graph.nodes.find((n) => n.kind === 'unit' && n.focal)?.id;
  const labelAll = graph.edges.length <= MAX_LABELLED_EDGES;
  const edges: Edge[] = graph.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: (labelAll || edge.source === focal || edge.target === focal) && edge.label ? edge.label : undefined,
    labelStyle: { fontSize: 12, fontWeight: 600, fill: '#1f262e' },
    labelBgStyle: { fill: '#ffffff' },
    labelBgPadding: [4, 2],
    markerEnd: { type: MarkerType.ArrowClosed, color: '#6c757d' },
    style: { stroke: '#6c757d', strokeWidth: Math.min(1.5 + 0.75 * Math.log2(edge.count), 4) },
    focusable: false,
  }));
  return { nodes, edges };
}

/** Lives inside React Flow: says "ready" once every node has been measured and the view fitted. */
function ReadyWhenDrawn({ onReady }: { onReady: (ready: boolean) => void }) {
  const drawn = useNodesInitialized();
  useEffect(() => {
    if (drawn) onReady(true);
  }, [drawn, onReady]);
  return null;
}

export function TraceGraphView({ graph, focusIds = [], onSelect, onReady }: TraceGraphViewProps) {
  const [layout, setLayout] = useState<{ graph: TraceGraph; placed: Map<string, Placed>; version: number } | null>(null);

  useEffect(() => {
    let current = true;
    onReady(false);
    void layoutTraceGraph(graph).then((placed) => {
      if (current) setLayout((previous) => ({ graph, placed, version: (previous?.version ?? 0) + 1 }));
    });
    return () => {
      current = false;
    };
  }, [graph, onReady]);

  const onSelectionChange = useCallback<OnSelectionChangeFunc>(({ nodes }) => onSelect(nodes[0]?.id ?? null), [onSelect]);
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);
  const flow = useMemo(() => (layout && layout.graph === graph ? toFlow(layout.graph, layout.placed) : null), [layout, graph]);

  if (!flow) {
    return (
      <Center className={classes.canvas}>
        <Loader />
      </Center>
    );
  }
  return (
    <div className={classes.canvas} data-testid="trace-graph" data-nodes={flow.nodes.length}>
      <ReactFlow
        key={layout?.version}
        defaultNodes={flow.nodes}
        defaultEdges={flow.edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={
          focusIds.length > 0
            ? { padding: 0.2, maxZoom: 1, minZoom: 0.75, nodes: focusIds.map((id) => ({ id })) }
            : { padding: 0.12, maxZoom: 1.1 }
        }
        minZoom={0.05}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onSelectionChange={onSelectionChange}
        onPaneClick={onPaneClick}
      >
        <Background gap={24} color="#dde1e6" />
        <Controls showInteractive={false} position="bottom-left" />
        <ReadyWhenDrawn onReady={onReady} />
      </ReactFlow>
    </div>
  );
}
