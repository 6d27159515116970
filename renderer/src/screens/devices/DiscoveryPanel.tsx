// Find devices: the serial ports and USB HID POS scanners this machine sees, each usable in the form with one click.
// When a list cannot be made (udev or a USB library missing), the reason is shown and a port can still be typed.
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { Search } from 'lucide-react';
import type { DeviceDiscovery, HidScannerCandidate, SerialPortCandidate } from '../../../../common/api/devices';
import { ApiError, call } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';

export interface DiscoveryPanelProps {
  onUseSerial: (port: SerialPortCandidate) => void;
  onUseHid: (scanner: HidScannerCandidate) => void;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function DiscoveryPanel({ onUseSerial, onUseHid }: DiscoveryPanelProps) {
  const [found, setFound] = useState<DeviceDiscovery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async () => {
    setBusy(true);
    setError(null);
    try {
      setFound(await call('devices.discover', {}));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel
      title="Find devices"
      testId="discovery"
      actions={
        <Button leftSection={<Search size={16} aria-hidden />} onClick={() => void search()} loading={busy} variant="light">
          Search this machine
        </Button>
      }
    >
      <Stack gap="sm">
        {error ? <ResultBanner tone="refused" title="Search failed">{error}</ResultBanner> : null}
        {!found && !error ? <Text c="dimmed">Plug the scanner in, then search. Ports made by other programs (virtual ports) may not be listed: type their path in the form.</Text> : null}
        {found ? (
          <>
            <Text fw={600}>Serial ports</Text>
            {found.serial.error ? (
              <ResultBanner tone="attention" title="Serial ports not listed" compact>
                {found.serial.error}
              </ResultBanner>
            ) : null}
            <DataTable
              testId="discovered-serial"
              rows={found.serial.ports}
              rowKey={(p) => p.path}
              emptyText="No serial ports found."
              columns={[
                { key: 'path', header: 'Port', render: (p) => p.path },
                { key: 'maker', header: 'Maker', render: (p) => [p.manufacturer, p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : null].filter(Boolean).join(' · ') || '—' },
                {
                  key: 'use',
                  header: '',
                  render: (p) =>
                    p.configuredAs ? (
                      <Text size="sm">Configured as {p.configuredAs}</Text>
                    ) : (
                      <Button size="xs" variant="default" onClick={() => onUseSerial(p)}>
                        Use
                      </Button>
                    ),
                },
              ]}
            />
            <Text fw={600}>USB HID POS scanners</Text>
            {found.hid.error ? (
              <ResultBanner tone="attention" title="HID scanners not listed" compact>
                {found.hid.error}
              </ResultBanner>
            ) : null}
            <DataTable
              testId="discovered-hid"
              rows={found.hid.scanners}
              rowKey={(s) => s.path}
              emptyText="No USB HID POS scanners found (a scanner in keyboard mode is a wedge: it needs no setup here)."
              columns={[
                { key: 'product', header: 'Scanner', render: (s) => [s.manufacturer, s.product].filter(Boolean).join(' ') || 'HID POS scanner' },
                { key: 'ids', header: 'Vendor:product', render: (s) => `${hex4(s.vendorId)}:${hex4(s.productId)}` },
                { key: 'path', header: 'Path', render: (s) => s.path },
                {
                  key: 'use',
                  header: '',
                  render: (s) =>
                    s.configuredAs ? (
                      <Text size="sm">Configured as {s.configuredAs}</Text>
                    ) : (
                      <Group>
                        <Button size="xs" variant="default" onClick={() => onUseHid(s)}>
                          Use
                        </Button>
                      </Group>
                    ),
                },
              ]}
            />
          </>
        ) : null}
      </Stack>
    </Panel>
  );
}
