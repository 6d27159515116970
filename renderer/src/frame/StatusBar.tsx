// Bottom bar: whether this window hears about changes, the scanners' states, where the data lives.
import { useEffect, useState } from 'react';
import { Group, Text, Tooltip } from '@mantine/core';
import { Database, Radio, UserRound } from 'lucide-react';
import type { LiveState } from '../api/client';
import { onLiveState, transportKind } from '../api/client';
import { useCommand } from '../api/useCommand';
import { formatBytes } from '../format/bytes';
import { DeviceIndicators } from './DeviceIndicators';
import { PrinterIndicators } from './PrinterIndicators';
import classes from './StatusBar.module.css';

const liveWords: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live updates',
  reconnecting: 'Reconnecting…',
  'no-session': 'Not connected: no session',
};

/** `/srv/lotline/site-a.db`, 3.6 MB → `site-a.db · 3.6 MB · /srv/lotline`: the file name first, where it lives after. */
function describeDatabase(path: string, bytes: number): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(cut + 1);
  const folder = cut > 0 ? path.slice(0, cut) : '';
  return [name, formatBytes(bytes), folder].filter(Boolean).join(' · ');
}

function useLiveState(): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => onLiveState(setState), []);
  return state;
}

export function StatusBar() {
  const info = useCommand('system.info', {});
  const live = useLiveState();
  const data = info.data;
  return (
    <footer className={classes.bar} data-testid="status-bar">
      <Group gap={6} wrap="nowrap" className={classes.section} data-state={live}>
        <Radio size={14} aria-hidden />
        <Text size="xs" fw={600}>
          {liveWords[live]}
        </Text>
        <Text size="xs">· {transportKind === 'electron' ? 'Desktop' : 'Web host'}</Text>
      </Group>
      <DeviceIndicators />
      <PrinterIndicators />
      <Tooltip label={data?.database ?? ''} disabled={!data} openDelay={300}>
        <Group gap={6} wrap="nowrap" className={classes.database}>
          <Database size={14} aria-hidden />
          <Text size="xs" truncate="end" data-testid="database">
            {info.status === 'error'
              ? `Database unavailable: ${info.error.message}`
              : data
                ? describeDatabase(data.database, data.databaseBytes)
                : '…'}
          </Text>
        </Group>
      </Tooltip>
      <Group gap={14} wrap="nowrap" className={classes.section}>
        {data ? (
          <>
            <Group gap={4} wrap="nowrap">
              <UserRound size={14} aria-hidden />
              <Text size="xs">Recording as {data.actor}</Text>
            </Group>
            <Text size="xs">Site {data.site}</Text>
            <Text size="xs">
              Lotline {data.version} · schema {data.schemaVersion}
            </Text>
          </>
        ) : null}
      </Group>
    </footer>
  );
}
