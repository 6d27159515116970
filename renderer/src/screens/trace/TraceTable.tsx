// Every row of the trace: units, shipment lines and customers.
import { Text } from '@mantine/core';
import { DataTable } from '../../components/DataTable';
import { RouteLink } from '../../components/RouteLink';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import type { TraceRow } from './traceRows';

const typeWords: Record<TraceRow['type'], string> = { lot: 'Lot', serial: 'Serial', shipment: 'Shipment', customer: 'Customer' };

export function TraceTable({ rows }: { rows: readonly TraceRow[] }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(r) => r.key}
      testId="trace-table"
      maxHeight="100%"
      columns={[
        {
          key: 'type',
          header: 'Type',
          width: 96,
          render: (r) => typeWords[r.type],
        },
        { key: 'depth', header: 'Level', width: 60, align: 'right', render: (r) => r.depth ?? '—' },
        {
          key: 'part',
          header: 'Part',
          width: 120,
          render: (r) => (
            <Text size="sm" fw={600}>
              {r.part || '—'}
            </Text>
          ),
        },
        { key: 'description', header: 'Description', render: (r) => r.description || '—' },
        {
          key: 'code',
          header: 'Lot / serial',
          width: 140,
          render: (r) =>
            r.ref ? (
              <RouteLink to={{ screen: 'unit', ref: r.ref }} size="sm" fw={600}>
                {r.code}
              </RouteLink>
            ) : (
              r.code
            ),
        },
        { key: 'status', header: 'Status', width: 120, render: (r) => (r.status ? <StatusBadge status={r.status} size="sm" /> : '—') },
        { key: 'quantity', header: 'Qty', width: 80, align: 'right', render: (r) => (r.quantity ? `${r.quantity} ${r.unit}` : '—') },
        { key: 'document', header: 'Via', width: 110, render: (r) => r.document || '—' },
        { key: 'customer', header: 'Customer', render: (r) => r.customer || '—' },
        { key: 'date', header: 'Date', width: 170, render: (r) => (r.date ? <Time iso={r.date} /> : '—') },
      ]}
    />
  );
}
