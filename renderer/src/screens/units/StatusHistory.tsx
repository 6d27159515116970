import { Text, Timeline } from '@mantine/core';
import type { UnitDetail } from '../../../../common/domain';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';

/** Every status the unit has had, newest first, with who set it and why. */
export function StatusHistory({ history }: { history: UnitDetail['statusHistory'] }) {
  if (history.length === 0)
    return (
      <Text c="dimmed" size="sm">
        No status changes recorded.
      </Text>
    );
  const newestFirst = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline bulletSize={14} lineWidth={2} active={0} data-testid="status-history">
      {newestFirst.map((entry, index) => (
        <Timeline.Item key={`${entry.at}-${index}`} title={<StatusBadge status={entry.status} size="sm" />}>
          <Text size="sm">{entry.reason ?? 'No reason given'}</Text>
          <Text size="xs" c="dimmed">
            <Time iso={entry.at} /> · {entry.actor}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
