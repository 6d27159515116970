// A station: one task, scan first (UX.md). The big prompt says what to scan next; a scan works wherever focus is
// (the scan field, or anywhere on the page through the keyboard wedge or a hardware scanner); every scan is
// answered at once by a full-width banner and a tone; the log keeps every scan with its answer, and a scan that
// could not be recorded can be sent again.
import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Button, Grid, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { RotateCcw, ScanLine } from 'lucide-react';
import type { StationName } from '../../../../common/api/stations';
import { navigate } from '../../app/navigation';
import { ResultBanner } from '../../components/ResultBanner';
import { ScanInput } from '../../components/ScanInput';
import { Screen } from '../../components/Screen';
import { defaultScanSettings } from '../../../../common/api/devices';
import { useDeviceStore } from '../../frame/deviceState';
import { useScanTarget } from '../../frame/scanTarget';
import { ScanLog } from './ScanLog';
import { stationPrompt, stationTitles } from './stationPrompt';
import { resetStation, sendScanOnce, useStations } from './stationStore';
import type { ScanExtras } from './stationStore';
import { StationView } from './StationView';
import { printingStations, StationPrintPanel } from './StationPrintPanel';
import classes from './StationScreen.module.css';

const stationOrder: readonly StationName[] = ['receiving', 'workOrder', 'serialise', 'pack', 'ship'];

export function StationScreen({ station }: { station: StationName }) {
  const state = useStations((s) => s.stations[station]);
  const [code, setCode] = useState('');
  const [extras, setExtras] = useState<ScanExtras>({});
  const scan = (scanned: string) => {
    const text = scanned.trim();
    if (!text) return;
    sendScanOnce(station, text, extras, useDeviceStore.getState().overview?.settings.duplicateWindowMs ?? defaultScanSettings.duplicateWindowMs);
    // A quantity or reason goes with one scan only.
    setExtras({});
  };
  // Wedge scans made outside any field, and hardware scanners' scans, come here too.
  useScanTarget(scan);

  const last = state?.log.find((s) => s.outcome !== 'pending' && s.outcome !== 'duplicate') ?? null;
  const duplicate = state?.log[0]?.outcome === 'duplicate' ? state.log[0] : null;
  const pending = state?.log.some((s) => s.outcome === 'pending') ?? false;
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    scan(code);
    setCode('');
  };

  return (
    <Screen
      name="station"
      ready
      heading={
        <Stack gap={6}>
          <Text component="h1" m={0} fz={30} fw={700}>
            {stationTitles[station]} station
          </Text>
          <SegmentedControl
            size="lg"
            value={station}
            onChange={(value) => navigate({ screen: 'station', station: value })}
            data={stationOrder.map((s) => ({ value: s, label: stationTitles[s] }))}
            aria-label="Station"
          />
        </Stack>
      }
      actions={
        <Button size="lg" variant="default" leftSection={<RotateCcw size={20} />} onClick={() => resetStation(station)}>
          Start over
        </Button>
      }
    >
      <Stack gap="md" className={classes.station}>
        <Group gap="md" align="center" wrap="nowrap" className={classes.prompt} data-testid="station-prompt">
          <ScanLine size={40} aria-hidden />
          <Text fz={26} fw={700} lh={1.25}>
            {stationPrompt(station, state?.context, state?.view ?? null)}
          </Text>
        </Group>
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <ScanInput
            className={classes.scanField}
            size="xl"
            label="Scan"
            description="or type a code, then Enter"
            placeholder="(01)09506000134352(10)A1B2 · PART:LOT · WO:WO-00042"
            value={code}
            onChange={setCode}
            onKeyDown={onEnter}
            autoFocus
            data-testid="station-scan"
          />
          <TextInput
            size="xl"
            w={170}
            label="Quantity"
            description="if the label has none"
            inputMode="decimal"
            value={extras.quantity ?? ''}
            onChange={(e) => setExtras({ ...extras, quantity: e.currentTarget.value.trim() || undefined })}
            data-testid="station-quantity"
          />
          <TextInput
            size="xl"
            w={300}
            label="Reason"
            description="substitution, override, failed test"
            value={extras.reason ?? ''}
            onChange={(e) => setExtras({ ...extras, reason: e.currentTarget.value || undefined })}
            data-testid="station-reason"
          />
        </Group>
        {pending ? <ResultBanner tone="info" title="Recording the scan…" compact /> : null}
        {duplicate ? (
          <div data-testid="station-duplicate">
            <ResultBanner tone="attention" title="Ignored: duplicate" compact>
              {duplicate.message}
            </ResultBanner>
          </div>
        ) : null}
        {last ? (
          <div data-testid="station-result" data-outcome={last.outcome}>
            <ResultBanner
              tone={last.outcome === 'applied' ? 'accepted' : 'refused'}
              title={last.outcome === 'applied' ? 'Accepted' : last.outcome === 'refused' ? 'Refused' : 'Not recorded'}
            >
              <Text fz={22} fw={600} lh={1.3}>
                {last.message}
              </Text>
            </ResultBanner>
          </div>
        ) : null}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <StationView station={station} state={state} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="md">
              {printingStations.has(station) ? <StationPrintPanel station={station} /> : null}
              <ScanLog station={station} log={state?.log ?? []} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Screen>
  );
}
