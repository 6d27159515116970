// Lots and serials as a desk table: identity (linked to the unit page), status, on hand, expiry.
import { Group, Text } from '@mantine/core';
import type { UnitSummary } from '../../../common/domain';
import { navigate } from '../app/navigation';
import { unitCodeLabel } from '../format/unitLabels';
import { daysUntil } from '../format/time';
import type { Column } from './DataTable';
import { DataTable } from './DataTable';
import { RouteLink } from './RouteLink';
import { StatusBadge, isExpired } from './StatusBadge';
import { Time } from './Time';

export type UnitColumn =
  'identity' | 'part' | 'code' | 'description' | 'status' | 'reason' | 'onHand' | 'quantity' | 'expires' | 'produced';

const unitColumns: Record<UnitColumn, Column<UnitSummary>> = {
  /** Part and code in one cell, for narrow tables without a part column. */
  identity: {
    key: 'identity',
    header: 'Lot / serial',
    render: (u) => (
      <RouteLink to={{ screen: 'unit', ref: u.ref }} size="sm" title={`${u.item} — ${u.description}`} data-testid="unit-link">
        <Text span inherit fw={500}>
          {u.item}
        </Text>{' '}
        <Text span inherit fw={700}>
          {unitCodeLabel(u)}
        </Text>
      </RouteLink>
    ),
  },
  part: {
    key: 'part',
    header: 'Part',
    width: 130,
    render: (u) => (
      <Text size="sm" fw={600}>
        {u.item}
      </Text>
    ),
  },
  code: {
    key: 'code',
    header: 'Lot / serial',
    width: 170,
    render: (u) => (
      <RouteLink to={{ screen: 'unit', ref: u.ref }} fw={600} size="sm" data-testid="unit-link">
        {unitCodeLabel(u)}
      </RouteLink>
    ),
  },
  description: { key: 'description', header: 'Description', render: (u) => u.description },
  status: {
    key: 'status',
    header: 'Status',
    width: 130,
    render: (u) => (
      <Group gap={4} wrap="nowrap">
        <StatusBadge status={u.status} size="sm" />
        {isExpired(u) ? <StatusBadge status="expired" size="sm" /> : null}
      </Group>
    ),
  },
  reason: { key: 'reason', header: 'Reason', wrap: true, render: (u) => u.statusReason ?? '—' },
  onHand: { key: 'onHand', header: 'On hand', width: 100, align: 'right', render: (u) => `${u.onHand} ${u.unit}` },
  quantity: { key: 'quantity', header: 'Quantity', width: 110, align: 'right', render: (u) => `${u.quantity} ${u.unit}` },
  expires: {
    key: 'expires',
    header: 'Expires',
    width: 170,
    render: (u) => {
      if (!u.expiresAt) return '—';
      const days = daysUntil(u.expiresAt);
      return (
        <span>
          <Time iso={u.expiresAt} />{' '}
          <Text span size="xs" c={days < 0 ? 'red.9' : 'dimmed'}>
            {days < 0 ? `(${-days} d ago)` : `(in ${days} d)`}
          </Text>
        </span>
      );
    },
  },
  produced: { key: 'produced', header: 'Made / received', width: 180, render: (u) => <Time iso={u.producedAt} /> },
};

export interface UnitTableProps {
  units: readonly UnitSummary[];
  columns?: readonly UnitColumn[];
  emptyText?: string;
  maxHeight?: string;
  testId?: string;
}

const defaultColumns: readonly UnitColumn[] = ['part', 'code', 'description', 'status', 'onHand', 'expires'];

export function UnitTable({ units, columns = defaultColumns, emptyText, maxHeight, testId }: UnitTableProps) {
  return (
    <DataTable
      rows={units}
      columns={columns.map((name) => unitColumns[name])}
      rowKey={(u) => u.ref}
      onRowClick={(u) => navigate({ screen: 'unit', ref: u.ref })}
      emptyText={emptyText}
      maxHeight={maxHeight}
      testId={testId}
    />
  );
}
