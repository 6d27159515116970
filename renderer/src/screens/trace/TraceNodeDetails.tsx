// The side panel for the selected trace node: its details, and links to its own page.
import { Button, CloseButton, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { ArrowLeft, ArrowRight, ExternalLink, Expand } from 'lucide-react';
import type { TraceDirection } from '../../app/routes';
import { FactGrid } from '../../components/FactGrid';
import { RouteButton, RouteLink } from '../../components/RouteLink';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { UnitIdentity } from '../../components/UnitIdentity';
import { unitCodeLabel } from '../../format/unitLabels';
import type { GraphNode, GroupGraphNode, ShipmentGroupGraphNode } from './traceGraph';
import classes from './TraceNodeDetails.module.css';

export interface TraceNodeDetailsProps {
  node: GraphNode;
  direction: TraceDirection;
  onClose: () => void;
  onExpand: (node: GroupGraphNode | ShipmentGroupGraphNode) => void;
}

function Details({ node, direction, onExpand }: Omit<TraceNodeDetailsProps, 'onClose'>) {
  switch (node.kind) {
    case 'unit': {
      const u = node.unit;
      return (
        <Stack gap="sm">
          <UnitIdentity unit={u} variant="compact" />
          <StatusBadge status={u.status} />
          {u.statusReason ? <Text size="sm">{u.statusReason}</Text> : null}
          <FactGrid
            cols={2}
            facts={[
              { label: 'Level', value: node.focal ? 'Focal unit' : u.depth },
              { label: 'Quantity', value: `${u.quantity} ${u.unit}` },
              { label: 'On hand', value: `${u.onHand} ${u.unit}` },
              { label: 'Expires', value: <Time iso={u.expiresAt} /> },
              { label: 'Made / received', value: <Time iso={u.producedAt} /> },
            ]}
          />
          <RouteButton to={{ screen: 'unit', ref: u.ref }} leftSection={<ExternalLink size={16} />} data-testid="open-unit-page">
            Open unit page
          </RouteButton>
          {!node.focal ? (
            <RouteButton
              variant="default"
              to={{ screen: 'trace', ref: u.ref, direction }}
              leftSection={direction === 'backward' ? <ArrowLeft size={16} /> : <ArrowRight size={16} />}
            >
              Trace {direction} from here
            </RouteButton>
          ) : null}
        </Stack>
      );
    }
    case 'group':
      return (
        <Stack gap="sm">
          <Text fw={600}>
            {node.item} — {node.description}
          </Text>
          <Text fz={20} fw={700}>
            {node.units.length} {node.unitType === 'serial' ? 'serials' : 'lots'} at level {node.depth}
          </Text>
          <Button leftSection={<Expand size={16} />} onClick={() => onExpand(node)} data-testid="expand-group">
            Show them one by one
          </Button>
          <ScrollArea.Autosize mah={360}>
            <Stack gap={4}>
              {node.units.map((u) => (
                <Group key={u.id} justify="space-between" wrap="nowrap" gap="xs">
                  <RouteLink to={{ screen: 'unit', ref: u.ref }} size="sm" fw={600}>
                    {unitCodeLabel(u)}
                  </RouteLink>
                  <StatusBadge status={u.status} size="sm" />
                </Group>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Stack>
      );
    case 'shipment':
      return (
        <Stack gap="sm">
          <Text fz={20} fw={700}>
            Shipment {node.number}
          </Text>
          <FactGrid
            cols={1}
            facts={[
              { label: 'Customer', value: `${node.customerName} (${node.customer})` },
              { label: 'Ship to', value: node.shipToName },
              { label: 'Shipped', value: <Time iso={node.shipDate} /> },
              { label: 'Traced units on it', value: node.lines.map((l) => `${l.ref} × ${l.quantity}`).join(', ') },
            ]}
          />
          <RouteButton variant="default" to={{ screen: 'shipment', number: node.number }} leftSection={<ExternalLink size={16} />}>
            Open shipment
          </RouteButton>
        </Stack>
      );
    case 'shipmentGroup':
      return (
        <Stack gap="sm">
          <Text fz={20} fw={700}>
            {node.shipments.length} shipments to {node.customerName}
          </Text>
          <Button leftSection={<Expand size={16} />} onClick={() => onExpand(node)}>
            Show them one by one
          </Button>
          <Stack gap={4}>
            {node.shipments.map((s) => (
              <Group key={s.id} justify="space-between" wrap="nowrap">
                <RouteLink to={{ screen: 'shipment', number: s.number }} size="sm" fw={600}>
                  {s.number}
                </RouteLink>
                <Text size="sm">
                  <Time iso={s.shipDate} />
                </Text>
              </Group>
            ))}
          </Stack>
        </Stack>
      );
    case 'customer':
      return (
        <Stack gap="sm">
          <Text fz={20} fw={700}>
            {node.customer.name}
          </Text>
          <FactGrid
            cols={1}
            facts={[
              { label: 'Customer code', value: node.customer.code },
              { label: 'Shipments in this trace', value: node.customer.shipments },
              { label: 'Ship-to locations', value: node.customer.locations.join(', ') || '—' },
            ]}
          />
          <RouteButton variant="default" to={{ screen: 'shipping', customer: node.customer.code }} leftSection={<ExternalLink size={16} />}>
            All shipments to this customer
          </RouteButton>
        </Stack>
      );
  }
}

export function TraceNodeDetails({ node, direction, onClose, onExpand }: TraceNodeDetailsProps) {
  return (
    <aside className={classes.panel} aria-label="Selected node" data-testid="trace-node-details">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz={15} tt="uppercase" c="dimmed">
          Details
        </Title>
        <CloseButton aria-label="Close details" onClick={onClose} />
      </Group>
      <Details node={node} direction={direction} onExpand={onExpand} />
    </aside>
  );
}
