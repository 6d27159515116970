// A unit's events, newest first: what happened, the document behind it, what else took part, who and why.
import { Group, Text } from '@mantine/core';
import type { LedgerEvent } from '../../../../common/domain';
import { DataTable } from '../../components/DataTable';
import { DocumentLink } from '../../components/DocumentLink';
import { RouteLink } from '../../components/RouteLink';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { bizStepLabel } from '../../format/documents';

const roleWords: Record<LedgerEvent['units'][number]['role'], string> = {
  input: 'consumed',
  output: 'produced',
  object: '',
  parent: 'packed into',
  child: 'contains',
};

function OtherUnits({ event, self }: { event: LedgerEvent; self: string }) {
  const others = event.units.filter((u) => u.ref !== self);
  if (others.length === 0) return <span>—</span>;
  const shown = others.slice(0, 1);
  return (
    <Group gap={6} wrap="nowrap">
      {shown.map((u) => (
        <RouteLink key={`${u.ref}-${u.role}`} to={{ screen: 'unit', ref: u.ref }} size="sm" title={u.ref}>
          {u.ref}
        </RouteLink>
      ))}
      {others.length > shown.length ? (
        <Text span size="sm" c="dimmed">
          +{others.length - shown.length} more
        </Text>
      ) : null}
    </Group>
  );
}

export function UnitEventsTable({ events, unitRef }: { events: readonly LedgerEvent[]; unitRef: string }) {
  const newestFirst = [...events].sort((a, b) => b.eventTime.localeCompare(a.eventTime) || b.id - a.id);
  return (
    <DataTable
      rows={newestFirst}
      rowKey={(e) => e.id}
      testId="unit-events"
      maxHeight="420px"
      emptyText="No events recorded."
      columns={[
        { key: 'when', header: 'When', width: 175, render: (e) => <Time iso={e.eventTime} /> },
        {
          key: 'step',
          header: 'What',
          width: 230,
          render: (e) => {
            const mine = e.units.find((u) => u.ref === unitRef);
            const role = mine ? roleWords[mine.role] : '';
            return (
              <Group gap={6} wrap="nowrap">
                <Text span size="sm" fw={600}>
                  {bizStepLabel(e.bizStep)}
                  {role ? ` (${role})` : ''}
                </Text>
                {e.statusTo ? <StatusBadge status={e.statusTo} size="sm" /> : null}
              </Group>
            );
          },
        },
        { key: 'document', header: 'Document', width: 185, render: (e) => <DocumentLink document={e.document} /> },
        {
          key: 'quantity',
          header: 'Qty',
          width: 80,
          align: 'right',
          render: (e) => e.units.find((u) => u.ref === unitRef)?.quantity ?? '—',
        },
        { key: 'others', header: 'With', render: (e) => <OtherUnits event={e} self={unitRef} /> },
        { key: 'who', header: 'Who', width: 90, render: (e) => e.actor },
        {
          key: 'reason',
          header: 'Reason',
          width: 240,
          wrap: true,
          render: (e) => (e.corrects !== null ? `Corrects event ${e.corrects}${e.reason ? `: ${e.reason}` : ''}` : (e.reason ?? '—')),
        },
      ]}
    />
  );
}
