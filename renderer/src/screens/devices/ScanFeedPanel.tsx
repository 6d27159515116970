// What the scanners read, newest first: scans with where they went (taken by a screen, waiting, missed — with their
// data), duplicates ignored and frames discarded with the reason; and the last scan made while this screen is open.
import { Badge, Stack, Text } from '@mantine/core';
import type { ScanFeedEntry } from '../../../../common/api/devices';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { showScan } from '../../format/scanText';

const outcome = (e: ScanFeedEntry): { word: string; color: string } => {
  if (e.type === 'duplicate') return { word: 'Duplicate ignored', color: 'yellow' };
  if (e.type === 'problem') return { word: 'Discarded', color: 'red' };
  if (e.delivery === 'missed') return { word: 'Missed', color: 'red' };
  if (e.delivery === 'pending') return { word: 'Waiting for a screen', color: 'yellow' };
  return { word: 'Taken by a screen', color: 'green' };
};

export interface LastHere {
  raw: string;
  from: string;
}

export function ScanFeedPanel({ recent, lastHere }: { recent: readonly ScanFeedEntry[]; lastHere: LastHere | null }) {
  return (
    <Panel title="Scans" testId="scan-feed">
      <Stack gap="sm">
        {lastHere ? (
          <ResultBanner tone="info" title={`Last scan on this screen (${lastHere.from})`} compact>
            <span data-testid="last-scan-here">{showScan(lastHere.raw)}</span>
          </ResultBanner>
        ) : (
          <Text c="dimmed">Scan with any scanner (serial, HID or keyboard wedge) while this screen is open to see what it sends.</Text>
        )}
        <DataTable
          testId="scan-feed-table"
          rows={recent}
          rowKey={(e) => e.seq}
          maxHeight="40vh"
          emptyText="No hardware scans since Lotline started."
          columns={[
            { key: 'at', header: 'Time', width: '11%', render: (e) => new Date(e.at).toLocaleTimeString() },
            { key: 'device', header: 'Scanner', width: '15%', render: (e) => e.deviceName },
            {
              key: 'outcome',
              header: 'Outcome',
              width: '17%',
              render: (e) => (
                <Badge color={outcome(e).color} variant="light" radius="sm">
                  {outcome(e).word}
                </Badge>
              ),
            },
            { key: 'raw', header: 'Data', width: '25%', render: (e) => <Text ff="monospace" size="sm" truncate="end">{showScan(e.raw)}</Text> },
            { key: 'meaning', header: 'Meaning', wrap: true, render: (e) => e.problem ?? e.summary },
          ]}
        />
      </Stack>
    </Panel>
  );
}
