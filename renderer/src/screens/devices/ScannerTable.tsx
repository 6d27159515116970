// The scanners configured on this workstation: connection, state with its reason, last read, and what can be done.
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { DeviceStatus, DeviceTestResult } from '../../../../common/api/devices';
import { ApiError, call } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { DeviceStateBadge, deviceStateDetail } from '../../components/DeviceStateBadge';
import { ResultBanner } from '../../components/ResultBanner';
import { showScan } from '../../format/scanText';
import { connectionWords } from './deviceForm';

type Answer = { tone: 'accepted' | 'refused'; title: string; text: string };

export function ScannerTable({ devices, onEdit }: { devices: readonly DeviceStatus[]; onEdit: (device: DeviceStatus) => void }) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const run = async (title: string, action: () => Promise<string | DeviceTestResult>) => {
    try {
      const result = await action();
      if (typeof result === 'string') setAnswer({ tone: 'accepted', title, text: result });
      else setAnswer({ tone: result.ok ? 'accepted' : 'refused', title, text: result.message });
    } catch (error) {
      setAnswer({ tone: 'refused', title, text: error instanceof ApiError ? error.message : String(error) });
    }
  };
  return (
    <Stack gap="sm">
      {answer ? (
        <ResultBanner tone={answer.tone} title={answer.title} onClose={() => setAnswer(null)}>
          {answer.text}
        </ResultBanner>
      ) : null}
      <DataTable
        testId="scanner-table"
        rows={devices}
        rowKey={(d) => d.config.id}
        emptyText="No scanners configured on this workstation yet: find one below, or enter its port."
        columns={[
          { key: 'name', header: 'Scanner', width: '15%', wrap: true, render: (d) => <Text fw={600}>{d.config.name}</Text> },
          { key: 'connection', header: 'Connection', width: '22%', wrap: true, render: (d) => connectionWords(d.config, d.label) },
          {
            key: 'state',
            header: 'State',
            width: '26%',
            wrap: true,
            render: (d) => (
              <Stack gap={2} align="flex-start" data-testid={`scanner-state-${d.config.id}`}>
                <DeviceStateBadge state={d.state} />
                {deviceStateDetail(d) ? <Text size="sm">{deviceStateDetail(d)}</Text> : null}
              </Stack>
            ),
          },
          {
            key: 'last',
            header: 'Last read',
            width: '15%',
            wrap: true,
            render: (d) =>
              d.lastScan ? (
                <Text size="sm" title={showScan(d.lastScan.raw)}>
                  {new Date(d.lastScan.at).toLocaleTimeString()} · {d.lastScan.problem ?? d.lastScan.summary}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  Nothing yet
                </Text>
              ),
          },
          {
            key: 'actions',
            header: '',
            width: '22%',
            render: (d) => (
              <Group gap={6} wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => void run(`Test of ${d.config.name}`, () => call('devices.test', { id: d.config.id }))}>
                  Test
                </Button>
                <Button size="xs" variant="default" onClick={() => onEdit(d)}>
                  Edit
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => void run(`${d.config.name} removed`, async () => (await call('devices.remove', { id: d.config.id }), `${d.config.name} is stopped and no longer configured.`))}
                >
                  Remove
                </Button>
              </Group>
            ),
          },
        ]}
      />
    </Stack>
  );
}
