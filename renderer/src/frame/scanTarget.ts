// Where a scan made outside any field goes: the current screen's scan target when it has one, else the search box.
import { useEffect, useEffectEvent } from 'react';
import { create } from 'zustand';

interface ScanTargetState {
  target: ((scanned: string) => void) | null;
}

export const useScanTargetStore = create<ScanTargetState>()(() => ({ target: null }));

/** While the calling screen is open, scans typed outside any field are handed to `onScan`. */
export function useScanTarget(onScan: (scanned: string) => void): void {
  const handle = useEffectEvent(onScan);
  useEffect(() => {
    const target = (scanned: string) => handle(scanned);
    useScanTargetStore.setState({ target });
    return () => {
      if (useScanTargetStore.getState().target === target) useScanTargetStore.setState({ target: null });
    };
  }, []);
}
