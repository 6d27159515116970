// Every scan at the station with its answer, newest first; a scan that was not recorded can be sent again.
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { StationName } from '../../../../common/api/stations';
import { Panel } from '../../components/Panel';
import { Time } from '../../components/Time';
import { showScan } from '../../format/scanText';
import type { LoggedScan } from './stationStore';
import { sendScan } from './stationStore';

const looks: Record<LoggedScan['outcome'], { color: string; label: string }> = {
  applied: { color: 'green', label: 'Accepted' },
  refused: { color: 'red', label: 'Refused' },
  failed: { color: 'red', label: 'Not recorded' },
  pending: { color: 'gray', label: 'Sending' },
  duplicate: { color: 'orange', label: 'Duplicate' },
};

export function ScanLog({ station, log }: { station: StationName; log: readonly LoggedScan[] }) {
  return (
    <Panel title={`Scans (${log.length})`} testId="scan-log">
      {log.length === 0 ? (
        <Text c="dimmed">Nothing scanned yet.</Text>
      ) : (
        <Stack gap={8} mah="60vh" style={{ overflowY: 'auto' }}>
          {log.map((entry) => (
            <div key={entry.id} data-testid="scan-log-entry" data-outcome={entry.outcome}>
              <Group gap={8} justify="space-between" wrap="nowrap">
                <Badge color={looks[entry.outcome].color} variant={entry.outcome === 'applied' ? 'light' : 'filled'} size="lg">
                  {looks[entry.outcome].label}
                </Badge>
                <Text size="sm" c="dimmed">
                  <Time iso={entry.at} />
                </Text>
              </Group>
              <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
                {showScan(entry.code)}
              </Text>
              <Text size="sm">{entry.message}</Text>
              {entry.outcome === 'failed' ? (
                <Button size="md" mt={4} variant="light" onClick={() => void sendScan(station, entry.code, entry.extras)}>
                  Send again
                </Button>
              ) : null}
            </div>
          ))}
        </Stack>
      )}
    </Panel>
  );
}
