// The status bar's label printers: one indicator per named printer, "ready" or its problem in words ("paper out", "no
// answer"), from its newest print job (read again after every write) and from asking it (~HS) every 30 s and when a
// job of it changes. Asking runs in the background and never holds the window; a printer busy with a job is not asked.
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Badge, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import type { LucideIcon } from 'lucide-react';
import { CircleCheck, CircleHelp, LoaderCircle, TriangleAlert } from 'lucide-react';
import type { Printer, PrinterStatusReport, PrintJob } from '../../../common/api/printing';
import { call } from '../api/client';
import { useCommand } from '../api/useCommand';
import { navigate } from '../app/navigation';
import { printerLook } from './printerLook';
import type { PrinterTone } from './printerLook';
import classes from './StatusBar.module.css';

const POLL_MS = 30_000;

const toneLooks: Record<PrinterTone, { color: string; icon: LucideIcon }> = {
  ready: { color: 'green', icon: CircleCheck },
  busy: { color: 'blue', icon: LoaderCircle },
  problem: { color: 'red', icon: TriangleAlert },
  unknown: { color: 'gray', icon: CircleHelp },
};

function usePrinterReports(printers: readonly Printer[], jobs: readonly PrintJob[]): Record<string, PrinterStatusReport | undefined> {
  const [reports, setReports] = useState<Record<string, PrinterStatusReport | undefined>>({});
  const [tick, setTick] = useState(0);
  const asking = useRef(new Set<string>());
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const ask = useEffectEvent(() => {
    for (const printer of printers) {
      const newest = jobs.find((j) => j.printer === printer.address);
      if (asking.current.has(printer.address) || newest?.state === 'sending' || newest?.state === 'awaiting') continue;
      asking.current.add(printer.address);
      call('printing.status', { printer: printer.address, timeoutMs: 2000 })
        .then((report) => setReports((r) => ({ ...r, [printer.address]: report })))
        .catch(() => undefined)
        .finally(() => asking.current.delete(printer.address));
    }
  });
  // Ask again when a printer's newest job moves (it may have just reported a problem, or been cleared).
  const jobKey = printers.map((p) => `${p.address}:${jobs.find((j) => j.printer === p.address)?.state ?? ''}`).join('|');
  useEffect(() => ask(), [tick, jobKey]);
  return reports;
}

function PrinterIndicator({
  printer,
  report,
  job,
}: {
  printer: Printer;
  report: PrinterStatusReport | undefined;
  job: PrintJob | undefined;
}) {
  const [opened, setOpened] = useState(false);
  const look = printerLook(report, job);
  const Icon = toneLooks[look.tone].icon;
  return (
    <Popover opened={opened} onChange={setOpened} position="top" withArrow shadow="md" width={380}>
      <Popover.Target>
        <UnstyledButton
          className={classes.device}
          data-testid={`printer-${printer.name}`}
          data-printer-state={look.tone}
          aria-label={`Printer ${printer.name}: ${look.word}`}
          onMouseEnter={() => setOpened(true)}
          onMouseLeave={() => setOpened(false)}
          onClick={() => navigate({ screen: 'labels' })}
        >
          <Badge
            variant="light"
            color={toneLooks[look.tone].color}
            leftSection={<Icon size={13} strokeWidth={2.25} aria-hidden />}
            tt="none"
            size="md"
            radius="xl"
          >
            {printer.name}: {look.word}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="printer-detail">
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            {printer.name} · {printer.address}
          </Text>
          {look.detail ? <Text size="sm">{look.detail}</Text> : null}
          {job ? (
            <Text size="xs" c="dimmed">
              Last job {job.id} ({job.template ?? 'label'} {job.ref ?? ''}): {job.state}
            </Text>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function PrinterIndicators() {
  const printers = useCommand('printing.printers', {});
  const jobs = useCommand('printing.jobs', { limit: 50 });
  const list = printers.data ?? [];
  const reports = usePrinterReports(list, jobs.data ?? []);
  if (list.length === 0) return null;
  return (
    <Group gap={8} wrap="nowrap" className={classes.section} data-testid="printer-indicators">
      {list.map((p) => (
        <PrinterIndicator key={p.address} printer={p} report={reports[p.address]} job={jobs.data?.find((j) => j.printer === p.address)} />
      ))}
    </Group>
  );
}
