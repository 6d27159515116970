// The label printer chosen at each place that prints (the Labels screen, each station) and its resolution, kept in
// localStorage so a reload or a restart keeps them.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { LabelDpi } from '../../../common/labels/template';
import type { StationName } from '../../../common/api/stations';

export type PrintPlace = 'labels' | StationName;

/** The party a shipping (sscc) label is addressed to when its case is on no shipment yet. */
export interface ShipToChoice {
  code: string;
  name: string;
  address?: string | undefined;
}

interface PrinterChoice {
  printers: Partial<Record<PrintPlace, string>>;
  shipTo: Partial<Record<PrintPlace, ShipToChoice>>;
  /** The chosen printer's resolution (a label is laid out in dots for it); 203 dpi when not chosen. */
  dpi: Partial<Record<PrintPlace, LabelDpi>>;
}

export const usePrinterChoice = create<PrinterChoice>()(
  persist((): PrinterChoice => ({ printers: {}, shipTo: {}, dpi: {} }), {
    name: 'lotline.printers',
    version: 1,
    merge: (persisted, current) => ({ ...current, ...(persisted as Partial<PrinterChoice>) }),
    storage: createJSONStorage(() => localStorage),
  }),
);

export function choosePrinter(place: PrintPlace, address: string | null): void {
  usePrinterChoice.setState((s) => ({ printers: { ...s.printers, [place]: address ?? undefined } }));
}

export function chosenPrinter(place: PrintPlace): string | null {
  return usePrinterChoice.getState().printers[place] ?? null;
}

export function chooseShipTo(place: PrintPlace, shipTo: ShipToChoice | null): void {
  usePrinterChoice.setState((s) => ({ shipTo: { ...s.shipTo, [place]: shipTo ?? undefined } }));
}

export function chooseDpi(place: PrintPlace, dpi: LabelDpi): void {
  usePrinterChoice.setState((s) => ({ dpi: { ...s.dpi, [place]: dpi } }));
}

export function chosenDpi(place: PrintPlace): LabelDpi {
  return usePrinterChoice.getState().dpi[place] ?? 203;
}
