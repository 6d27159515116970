// The station's label printer and the labels its scans printed: each print's state in words as it moves, with Retry
// and Reprint (with a reason). Without a printer the station still scans, and says (amber) that nothing prints.
import { Button, Select, Stack, Text } from '@mantine/core';
import { Printer } from 'lucide-react';
import type { StationName } from '../../../../common/api/stations';
import { useCommand } from '../../api/useCommand';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { chooseShipTo, choosePrinter, usePrinterChoice } from '../../printing/printerChoice';
import { DpiControl } from '../../printing/DpiControl';
import { PrinterSelect } from '../../printing/PrinterSelect';
import { PrintProgressView } from '../../printing/PrintProgressView';
import type { StationPrint } from './stationPrinting';
import { printAgain, reprintStationPrint, retryStationPrint, useStationPrints } from './stationPrinting';

/** Stations that print a label when a scan assigns a serial or closes a case. */
export const printingStations: ReadonlySet<StationName> = new Set(['serialise', 'pack']);

function ShipToSelect({ station }: { station: StationName }) {
  const locations = useCommand('locations.list', {});
  const chosen = usePrinterChoice((s) => s.shipTo[station]);
  const shipTos = (locations.data ?? []).filter((l) => l.kind === 'ship_to');
  return (
    <Select
      size="lg"
      label="Ship to on case labels"
      placeholder="Choose where the cases go"
      data={shipTos.map((l) => ({ value: l.code, label: `${l.code} — ${l.name}` }))}
      value={chosen?.code ?? null}
      clearable
      onChange={(code) => {
        const l = shipTos.find((x) => x.code === code);
        chooseShipTo(station, l ? { code: l.code, name: l.name, address: l.address ?? undefined } : null);
      }}
      data-testid="station-print-ship-to"
    />
  );
}

function PrintEntry({
  station,
  print,
  hasPrinter,
  latest,
}: {
  station: StationName;
  print: StationPrint;
  hasPrinter: boolean;
  latest: boolean;
}) {
  const subject = `${print.label.template} label for ${print.label.what}`;
  if (print.progress.phase === 'no-printer') {
    return (
      <Stack gap="xs" data-testid="station-print" data-state="no-printer">
        <ResultBanner tone="attention" title={`The ${subject} was not printed`}>
          No label printer is chosen for this station. The {print.label.template === 'udi' ? 'serial' : 'case'} is recorded; choose a
          printer, then print it.
        </ResultBanner>
        <Button
          size="lg"
          leftSection={<Printer size={20} />}
          disabled={!hasPrinter}
          onClick={() => printAgain(station, print)}
          data-testid="station-print-now"
        >
          Print it now
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <Text fw={700}>
        {print.label.template} label · {print.label.what}
      </Text>
      <PrintProgressView
        size="lg"
        testId="station-print"
        actions={latest}
        subject={subject}
        progress={print.progress}
        onRetry={(job) => retryStationPrint(station, print, job)}
        onReprint={(job, reason) => reprintStationPrint(station, print, job, reason)}
        onPrintWithReason={(reason) => printAgain(station, print, reason)}
        onTryAgain={() => printAgain(station, print)}
      />
    </Stack>
  );
}

export function StationPrintPanel({ station }: { station: StationName }) {
  const printer = usePrinterChoice((s) => s.printers[station] ?? null);
  const prints = useStationPrints((s) => s.prints[station]);
  return (
    <Panel title="Labels" testId="station-print-panel">
      <Stack gap="sm">
        <PrinterSelect size="lg" value={printer} onChange={(address) => choosePrinter(station, address)} testId="station-printer" />
        {printer ? <DpiControl place={station} size="lg" testId="station-dpi" /> : null}
        {station === 'pack' ? <ShipToSelect station={station} /> : null}
        {!printer ? (
          <ResultBanner tone="attention" compact title="No label printer chosen: labels are not printed. Scanning goes on." />
        ) : null}
        {(prints ?? []).map((p, i) => (
          <PrintEntry key={p.id} station={station} print={p} hasPrinter={printer !== null} latest={i === 0} />
        ))}
      </Stack>
    </Panel>
  );
}
