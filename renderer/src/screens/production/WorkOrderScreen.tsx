// One work order: what it should consume (per BOM line), what it did consume, what it made, and the yield.
import { Badge, Group, Stack, Text } from '@mantine/core';
import type { WorkOrder } from '../../../../common/api/production';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { FactGrid } from '../../components/FactGrid';
import { Panel } from '../../components/Panel';
import { RouteLink } from '../../components/RouteLink';
import { Screen } from '../../components/Screen';
import { Time } from '../../components/Time';
import { UnitTable } from '../../components/UnitTable';
import { refCodeLabel } from '../../format/unitLabels';
import { WorkOrderStatus, formatYield } from './WorkOrderTable';

type Requirement = WorkOrder['requirements'][number];
type Consumption = WorkOrder['consumed'][number];

export function RequirementTable({ lines }: { lines: readonly Requirement[] }) {
  return (
    <DataTable
      rows={lines}
      rowKey={(l) => l.line}
      testId="requirements-table"
      emptyText="This BOM has no lines."
      columns={[
        { key: 'line', header: 'Line', width: 60, render: (l) => l.line },
        {
          key: 'part',
          header: 'Part',
          width: 150,
          render: (l) => (
            <Text fw={600} size="sm">
              {l.part}
            </Text>
          ),
        },
        { key: 'description', header: 'Description', render: (l) => l.description },
        { key: 'per', header: 'Per unit', align: 'right', width: 100, render: (l) => `${l.quantityPer} ${l.unit}` },
        { key: 'required', header: 'Required', align: 'right', width: 100, render: (l) => `${l.required} ${l.unit}` },
        { key: 'consumed', header: 'Consumed', align: 'right', width: 100, render: (l) => `${l.consumed} ${l.unit}` },
        {
          key: 'remaining',
          header: 'Remaining',
          align: 'right',
          width: 110,
          render: (l) => (
            <Text span size="sm" fw={Number(l.remaining) > 0 ? 700 : 400} c={Number(l.remaining) > 0 ? '#8f3a00' : undefined}>
              {l.remaining} {l.unit}
            </Text>
          ),
        },
      ]}
    />
  );
}

function ConsumptionTable({ rows, units }: { rows: readonly Consumption[]; units: ReadonlyMap<string, string> }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(c) => c.eventId}
      testId="consumption-table"
      emptyText="Nothing consumed yet."
      maxHeight="360px"
      columns={[
        {
          key: 'part',
          header: 'Part',
          width: 150,
          render: (c) => (
            <Text size="sm" fw={600}>
              {c.part}
            </Text>
          ),
        },
        {
          key: 'ref',
          header: 'Lot / serial',
          render: (c) => (
            <Group gap={6} wrap="nowrap">
              <RouteLink to={{ screen: 'unit', ref: c.ref }} size="sm" fw={600} td={c.reversed ? 'line-through' : undefined}>
                {refCodeLabel(c.ref)}
              </RouteLink>
              {c.reversed ? (
                <Badge color="dark" variant="outline" size="sm">
                  Reversed
                </Badge>
              ) : null}
            </Group>
          ),
        },
        {
          key: 'quantity',
          header: 'Quantity',
          align: 'right',
          width: 120,
          render: (c) => `${c.quantity} ${units.get(c.part) ?? ''}`.trim(),
        },
        { key: 'at', header: 'When', width: 170, render: (c) => <Time iso={c.at} /> },
        { key: 'substitution', header: 'Substitution', wrap: true, render: (c) => c.substitutionReason ?? '—' },
      ]}
    />
  );
}

export function WorkOrderScreen({ number }: { number: string }) {
  const wo = useCommand('workOrders.get', { workOrder: number });
  const data = wo.data;
  return (
    <Screen
      name="workOrder"
      title={`Work order ${number}`}
      subtitle={data ? `${data.part} — ${data.description}` : undefined}
      actions={data ? <WorkOrderStatus status={data.status} /> : null}
      ready={wo.status === 'ready'}
      error={wo.error}
    >
      {data ? (
        <Stack gap="md">
          <Panel title="Summary">
            <FactGrid
              cols={5}
              facts={[
                { label: 'Ordered', value: `${data.quantity} ${data.unit}` },
                { label: 'Produced', value: `${data.produced} ${data.unit}` },
                { label: 'Yield', value: formatYield(data.yieldPercent) },
                { label: 'BOM version', value: data.bomVersion },
                { label: 'Line', value: data.line ?? '—' },
                { label: 'Opened', value: <Time iso={data.createdAt} /> },
                { label: 'Closed', value: <Time iso={data.closedAt} /> },
              ]}
            />
          </Panel>
          <Panel title="Requirements (per BOM line)">
            <RequirementTable lines={data.requirements} />
          </Panel>
          <Panel title={`Consumed (${data.consumed.length})`}>
            <ConsumptionTable rows={data.consumed} units={new Map(data.requirements.map((l) => [l.part, l.unit]))} />
          </Panel>
          <Panel title={`Outputs (${data.outputs.length})`}>
            <UnitTable
              units={data.outputs}
              columns={['identity', 'status', 'quantity', 'produced']}
              emptyText="Nothing produced yet."
              maxHeight="360px"
            />
          </Panel>
        </Stack>
      ) : null}
    </Screen>
  );
}
