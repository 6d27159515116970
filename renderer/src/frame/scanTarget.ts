// Where a scan made outside any field goes — a keyboard wedge's burst or a hardware scanner's read alike: the current
// screen's scan target when it has one, else the search box.
import { useEffect, useEffectEvent } from 'react';
import { create } from 'zustand';

type ScanHandler = (scanned: string) => void;

interface ScanTargetState {
  target: ScanHandler | null;
  /** Where scans go when the screen takes none (the search box). */
  fallback: ScanHandler | null;
}

export const useScanTargetStore = create<ScanTargetState>()(() => ({ target: null, fallback: null }));

/** Hands a scan to the current screen, or to the search box; false when neither is there. */
export function routeScan(scanned: string): boolean {
  const { target, fallback } = useScanTargetStore.getState();
  const to = target ?? fallback;
  if (!to) return false;
  to(scanned);
  return true;
}

function useScanHandler(slot: keyof ScanTargetState, onScan: ScanHandler): void {
  const handle = useEffectEvent(onScan);
  useEffect(() => {
    const handler: ScanHandler = (scanned) => handle(scanned);
    useScanTargetStore.setState({ [slot]: handler });
    return () => {
      if (useScanTargetStore.getState()[slot] === handler) useScanTargetStore.setState({ [slot]: null });
    };
  }, [slot]);
}

/** While the calling screen is open, scans made outside any field are handed to `onScan`. */
export function useScanTarget(onScan: ScanHandler): void {
  useScanHandler('target', onScan);
}

/** Where scans go when no screen takes them (the search box registers itself). */
export function useScanFallback(onScan: ScanHandler): void {
  useScanHandler('fallback', onScan);
}
