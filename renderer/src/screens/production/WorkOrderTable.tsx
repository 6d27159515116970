import { Badge, Text } from '@mantine/core';
import type { WorkOrder } from '../../../../common/api/production';
import { navigate } from '../../app/navigation';
import { DataTable } from '../../components/DataTable';
import { RouteLink } from '../../components/RouteLink';
import { Time } from '../../components/Time';

export type WorkOrderSummary = Omit<WorkOrder, 'requirements' | 'consumed' | 'outputs'>;

export function WorkOrderStatus({ status }: { status: WorkOrder['status'] }) {
  return (
    <Badge variant={status === 'open' ? 'filled' : 'outline'} color={status === 'open' ? 'indigo.8' : 'dark'} radius="sm">
      {status === 'open' ? 'Open' : 'Closed'}
    </Badge>
  );
}

export function formatYield(percent: number | null): string {
  return percent === null ? '—' : `${percent.toFixed(1)} %`;
}

export function WorkOrderTable({ workOrders, maxHeight }: { workOrders: readonly WorkOrderSummary[]; maxHeight?: string }) {
  return (
    <DataTable
      rows={workOrders}
      rowKey={(wo) => wo.number}
      onRowClick={(wo) => navigate({ screen: 'workOrder', number: wo.number })}
      emptyText="No work orders."
      maxHeight={maxHeight}
      testId="work-order-table"
      columns={[
        {
          key: 'number',
          header: 'Work order',
          width: 130,
          render: (wo) => (
            <RouteLink to={{ screen: 'workOrder', number: wo.number }} fw={600} size="sm">
              {wo.number}
            </RouteLink>
          ),
        },
        {
          key: 'part',
          header: 'Makes',
          render: (wo) => (
            <Text size="sm">
              <Text span fw={600} inherit>
                {wo.part}
              </Text>{' '}
              — {wo.description}
            </Text>
          ),
        },
        { key: 'quantity', header: 'Ordered', align: 'right', width: 100, render: (wo) => `${wo.quantity} ${wo.unit}` },
        { key: 'produced', header: 'Produced', align: 'right', width: 100, render: (wo) => `${wo.produced} ${wo.unit}` },
        { key: 'yield', header: 'Yield', align: 'right', width: 80, render: (wo) => formatYield(wo.yieldPercent) },
        { key: 'status', header: 'Status', width: 90, render: (wo) => <WorkOrderStatus status={wo.status} /> },
        { key: 'created', header: 'Opened', width: 170, render: (wo) => <Time iso={wo.createdAt} /> },
      ]}
    />
  );
}
