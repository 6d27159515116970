// The status bar's scanners: one indicator per configured scanner (green connected, amber reconnecting, red error —
// the reason on hover or click), the keyboard wedge, and scans nobody took.
import { useState } from 'react';
import { Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { Keyboard, TriangleAlert } from 'lucide-react';
import type { DeviceStatus } from '../../../common/api/devices';
import { navigate } from '../app/navigation';
import { DeviceStateBadge, deviceStateDetail } from '../components/DeviceStateBadge';
import { useDeviceStore } from './deviceState';
import classes from './StatusBar.module.css';

function DeviceIndicator({ device }: { device: DeviceStatus }) {
  const [opened, setOpened] = useState(false);
  const detail = deviceStateDetail(device);
  return (
    <Popover opened={opened} onChange={setOpened} position="top" withArrow shadow="md" width={360}>
      <Popover.Target>
        <UnstyledButton
          className={classes.device}
          data-testid={`device-${device.config.id}`}
          data-device-state={device.state}
          aria-label={`${device.config.name}: ${device.state}${detail ? `: ${detail}` : ''}`}
          onMouseEnter={() => setOpened(true)}
          onMouseLeave={() => setOpened(false)}
          onClick={() => setOpened(true)}
        >
          <DeviceStateBadge state={device.state} label={device.config.name} />
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="device-detail">
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            {device.config.name} · {device.label}
          </Text>
          <DeviceStateBadge state={device.state} />
          {detail ? <Text size="sm">{detail}</Text> : null}
          {device.lastScan ? (
            <Text size="xs" c="dimmed">
              Last read {new Date(device.lastScan.at).toLocaleTimeString()}: {device.lastScan.summary}
              {device.lastScan.problem ? ` — ${device.lastScan.problem}` : ''}
            </Text>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function DeviceIndicators() {
  const overview = useDeviceStore((state) => state.overview);
  const lastEntry = useDeviceStore((state) => state.lastEntry);
  if (!overview) return null;
  const wedge = overview.settings.wedge;
  const notice = lastEntry && lastEntry.type !== 'scan' ? lastEntry : null;
  return (
    <Group gap={8} wrap="nowrap" className={classes.section} data-testid="device-indicators">
      {overview.devices.map((device) => (
        <DeviceIndicator key={device.config.id} device={device} />
      ))}
      <Group gap={4} wrap="nowrap" title={`Keyboard-wedge scans: bursts with keys under ${wedge.maxGapMs} ms apart ending in ${wedge.suffixKey}${wedge.gsSubstitute ? `, ${wedge.gsSubstitute} read as GS` : ''}`} data-testid="wedge-indicator">
        <Keyboard size={14} aria-hidden />
        <Text size="xs">Wedge · {wedge.maxGapMs} ms</Text>
      </Group>
      {overview.missed > 0 ? (
        <UnstyledButton className={classes.missed} onClick={() => navigate({ screen: 'devices' })} data-testid="scans-missed">
          <TriangleAlert size={14} aria-hidden />
          <Text size="xs" fw={700} span>
            {overview.missed} {overview.missed === 1 ? 'scan' : 'scans'} missed
          </Text>
        </UnstyledButton>
      ) : null}
      {notice ? (
        <Text size="xs" className={classes.notice} title={notice.problem} data-testid="scan-notice" truncate="end">
          {notice.deviceName}: {notice.problem}
        </Text>
      ) : null}
    </Group>
  );
}
