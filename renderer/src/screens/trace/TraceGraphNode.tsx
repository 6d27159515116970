// How one node of the trace graph looks: a unit, a folded group, a shipment (or a customer's shipments), a customer.
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import { Building, Layers, Truck } from 'lucide-react';
import type { UnitStatus } from '../../../../common/domain';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../format/time';
import { unitCodeLabel } from '../../format/unitLabels';
import type { GraphNode, GroupGraphNode } from './traceGraph';
import { nodeSizes } from './traceLayout';
import classes from './TraceGraphNode.module.css';

export type TraceFlowNode = Node<{ graphNode: GraphNode }, 'trace'>;

function groupTitle(node: GroupGraphNode): string {
  const noun = node.unitType === 'serial' ? 'serial' : 'lot';
  return `${node.units.length} ${noun}s of ${node.item}`;
}

function StatusCounts({ counts }: { counts: Partial<Record<UnitStatus, number>> }) {
  const entries = Object.entries(counts) as [UnitStatus, number][];
  entries.sort((a, b) => b[1] - a[1]);
  return (
    <div className={classes.badges}>
      {entries.slice(0, 2).map(([status, count]) => (
        <StatusBadge key={status} status={status} size="sm" suffix={String(count)} />
      ))}
      {entries.length > 2 ? <span className={classes.more}>+{entries.length - 2} more</span> : null}
    </div>
  );
}

function NodeBody({ node }: { node: GraphNode }) {
  switch (node.kind) {
    case 'unit':
      return (
        <>
          <div className={classes.part}>
            {node.unit.item} <span className={classes.description}>{node.unit.description}</span>
          </div>
          <div className={classes.code}>{unitCodeLabel(node.unit)}</div>
          <StatusBadge status={node.unit.status} size="sm" />
        </>
      );
    case 'group':
      return (
        <>
          <div className={classes.part}>
            <Layers size={14} aria-hidden /> Level {node.depth} · {node.description}
          </div>
          <div className={classes.code}>{groupTitle(node)}</div>
          <StatusCounts counts={node.statusCounts} />
        </>
      );
    case 'shipment':
      return (
        <>
          <div className={classes.part}>
            <Truck size={14} aria-hidden /> Shipment · {formatDate(node.shipDate)}
          </div>
          <div className={classes.code}>{node.number}</div>
          <div className={classes.description}>To {node.shipToName}</div>
        </>
      );
    case 'shipmentGroup':
      return (
        <>
          <div className={classes.part}>
            <Truck size={14} aria-hidden /> Shipments · {node.customer}
          </div>
          <div className={classes.code}>{node.shipments.length} shipments</div>
          <div className={classes.description}>To {node.customerName}</div>
        </>
      );
    case 'customer':
      return (
        <>
          <div className={classes.part}>
            <Building size={14} aria-hidden /> Customer · {node.customer.code}
          </div>
          <div className={classes.code}>{node.customer.name}</div>
        </>
      );
  }
}

export function TraceGraphNode({ data, selected }: NodeProps<TraceFlowNode>) {
  const node = data.graphNode;
  return (
    <div
      className={classes.node}
      data-kind={node.kind}
      data-focal={node.kind === 'unit' && node.focal ? true : undefined}
      data-selected={selected || undefined}
      data-testid={`trace-node-${node.kind}`}
      data-node-id={node.id}
      data-members={node.kind === 'group' ? node.units.length : undefined}
      style={nodeSizes[node.kind]}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={classes.handle} />
      {node.kind === 'unit' && node.focal ? <span className={classes.focalTag}>Focal</span> : null}
      <NodeBody node={node} />
      <Handle type="source" position={Position.Right} isConnectable={false} className={classes.handle} />
    </div>
  );
}
