// Labels a station prints after its scans: each print's progress, kept in localStorage with the station's state so a
// label that did not print is still there to retry (or reprint, with a reason) after a reload. Printing starts after
// the scan's transaction has committed, so a printer that is off, out of paper or missing never loses the serial or
// the case: the label waits here.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { PrintJob } from '../../../../common/api/printing';
import type { StationContext, StationName, StationScanResult } from '../../../../common/api/stations';
import type { LabelPrintRequest, PrintProgress } from '../../printing/labelPrinting';
import { printLabel, reprintJob, retryPrintJob } from '../../printing/labelPrinting';
import { chosenDpi, chosenPrinter, usePrinterChoice } from '../../printing/printerChoice';
import type { StationLabel } from './stationLabels';
import { labelForScan } from './stationLabels';

export type StationPrintProgress = PrintProgress | { phase: 'no-printer' };

export interface StationPrint {
  id: number;
  label: StationLabel;
  /** What was (or will be) asked of the printer; null until a printer is chosen. */
  request: LabelPrintRequest | null;
  progress: StationPrintProgress;
}

interface StationPrints {
  prints: Partial<Record<StationName, StationPrint[]>>;
  nextId: number;
}

const KEPT = 5;

export const useStationPrints = create<StationPrints>()(
  persist((): StationPrints => ({ prints: {}, nextId: 1 }), {
    name: 'lotline.stationPrints',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    // A print under way when the window closed has no answer to wait for: say so, and offer to look again.
    merge: (persisted, current) => {
      const saved = (persisted ?? {}) as Partial<StationPrints>;
      const prints: StationPrints['prints'] = {};
      for (const [station, list] of Object.entries(saved.prints ?? {}) as [StationName, StationPrint[]][]) {
        prints[station] = list.map((p) =>
          p.progress.phase === 'rendering' || (p.progress.phase === 'printing' && !p.progress.job)
            ? {
                ...p,
                progress: {
                  phase: 'error',
                  message: 'The app closed while this label was being printed: check the printer and the print jobs, then try again',
                },
              }
            : p.progress.phase === 'printing' && p.progress.job
              ? { ...p, progress: { phase: 'done', job: p.progress.job } }
              : p,
        );
      }
      return { ...current, ...saved, prints };
    },
  }),
);

function patch(station: StationName, id: number, progress: StationPrintProgress, request?: LabelPrintRequest): void {
  useStationPrints.setState((s) => ({
    prints: {
      ...s.prints,
      [station]: (s.prints[station] ?? []).map((p) => (p.id === id ? { ...p, progress, ...(request ? { request } : {}) } : p)),
    },
  }));
}

function requestFor(station: StationName, label: StationLabel, reprintReason?: string): LabelPrintRequest | null {
  const printer = chosenPrinter(station);
  if (!printer) return null;
  const shipTo = usePrinterChoice.getState().shipTo[station];
  return {
    printer,
    template: label.template,
    ref: label.ref,
    ...(label.template === 'sscc' && shipTo ? { shipTo: { name: shipTo.name, address: shipTo.address } } : {}),
    dpi: chosenDpi(station),
    copies: 1,
    ...(reprintReason ? { reprintReason } : {}),
  };
}

function run(station: StationName, id: number, request: LabelPrintRequest): void {
  void printLabel(request, (progress) => patch(station, id, progress, request));
}

/** Prints the label a scan calls for, if any; called once the scan's answer (and its transaction) is in. */
export function printAfterScan(station: StationName, before: StationContext, result: StationScanResult): void {
  if (result.outcome !== 'applied') return;
  const label = labelForScan(station, before, result);
  if (!label) return;
  const id = useStationPrints.getState().nextId;
  const request = requestFor(station, label);
  const entry: StationPrint = { id, label, request, progress: request ? { phase: 'rendering' } : { phase: 'no-printer' } };
  useStationPrints.setState((s) => ({
    nextId: id + 1,
    prints: { ...s.prints, [station]: [entry, ...(s.prints[station] ?? [])].slice(0, KEPT) },
  }));
  if (request) run(station, id, request);
}

/** Prints a label again as it was asked for (or, when no printer was chosen then, on the printer chosen now). */
export function printAgain(station: StationName, print: StationPrint, reprintReason?: string): void {
  const request = requestFor(station, print.label, reprintReason);
  if (!request) {
    patch(station, print.id, { phase: 'no-printer' });
    return;
  }
  run(station, print.id, request);
}

export function retryStationPrint(station: StationName, print: StationPrint, job: PrintJob): void {
  void retryPrintJob(job, (progress) => patch(station, print.id, progress));
}

export function reprintStationPrint(station: StationName, print: StationPrint, job: PrintJob, reason: string): void {
  void reprintJob(job, reason, (progress) => patch(station, print.id, progress));
}
