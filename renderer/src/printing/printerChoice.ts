// The label printer chosen at each place that prints (the Labels screen, each station), kept in localStorage so a
// reload or a restart keeps it.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
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
}

export const usePrinterChoice = create<PrinterChoice>()(
  persist((): PrinterChoice => ({ printers: {}, shipTo: {} }), {
    name: 'lotline.printers',
    version: 1,
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
