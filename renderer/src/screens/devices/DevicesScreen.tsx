// Devices: the scanners this workstation runs (add, change, test, remove), finding new ones, the scan settings
// (duplicate window, keyboard wedge) and what the scanners read. Scans made here are shown, not acted on.
import { useState } from 'react';
import { SimpleGrid, Stack } from '@mantine/core';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { Screen } from '../../components/Screen';
import { useDeviceStore } from '../../frame/deviceState';
import { useScanTarget } from '../../frame/scanTarget';
import type { DeviceFormValues } from './deviceForm';
import { emptyDeviceForm, fromDevice, fromHidCandidate, fromSerialCandidate } from './deviceForm';
import { DiscoveryPanel } from './DiscoveryPanel';
import { ScanFeedPanel } from './ScanFeedPanel';
import type { LastHere } from './ScanFeedPanel';
import { ScannerForm } from './ScannerForm';
import { ScannerTable } from './ScannerTable';
import { ScanSettingsPanel } from './ScanSettingsPanel';

export function DevicesScreen() {
  const overview = useDeviceStore((state) => state.overview);
  const error = useDeviceStore((state) => state.error);
  const [form, setForm] = useState<DeviceFormValues>(emptyDeviceForm);
  const [lastHere, setLastHere] = useState<LastHere | null>(null);
  // A test scan shows here instead of opening whatever it names.
  useScanTarget((raw) => {
    const entry = useDeviceStore.getState().lastEntry;
    setLastHere({ raw, from: entry && entry.raw === raw ? entry.deviceName : 'keyboard wedge' });
  });
  return (
    <Screen
      name="devices"
      title="Devices"
      subtitle="Barcode scanners on this workstation: their state, settings and what they read"
      ready={overview !== null || error !== null}
      error={overview === null && error ? new Error(error) : undefined}
    >
      {overview ? (
        <Stack gap="md">
          {overview.configError ? (
            <ResultBanner tone="refused" title="Device settings unreadable">
              {overview.configError}
            </ResultBanner>
          ) : null}
          <Panel title="Scanners" testId="scanners">
            <ScannerTable devices={overview.devices} onEdit={(d) => setForm(fromDevice(d.config))} />
          </Panel>
          <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md" style={{ alignItems: 'start' }}>
            <Panel title={form.id ? `Change ${form.name}` : 'Add a scanner'} testId="scanner-editor">
              <ScannerForm values={form} onChange={setForm} />
            </Panel>
            <DiscoveryPanel onUseSerial={(port) => setForm((f) => fromSerialCandidate(port, f))} onUseHid={(scanner) => setForm((f) => fromHidCandidate(scanner, f))} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md" style={{ alignItems: 'start' }}>
            <ScanFeedPanel recent={overview.recent} lastHere={lastHere} />
            <ScanSettingsPanel key={JSON.stringify(overview.settings)} settings={overview.settings} />
          </SimpleGrid>
        </Stack>
      ) : null}
    </Screen>
  );
}
