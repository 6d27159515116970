// The scanners' state for the whole window (status bar, Devices screen, wedge settings), kept current by the
// `devices` and `scan` events; and the delivery of hardware scans: each one this window takes from the api is routed
// exactly like a keyboard-wedge scan (the current screen's scan target, else the search box).
import { useEffect } from 'react';
import { create } from 'zustand';
import type { DevicesOverview, ScanFeedEntry } from '../../../common/api/devices';
import { call, onLiveState, onTopic } from '../api/client';
import { routeScan } from './scanTarget';

interface DeviceStoreState {
  overview: DevicesOverview | null;
  /** Why the devices could not be listed (e.g. this host runs no scanners). */
  error: string | null;
  /** The newest read of any scanner (a scan, a duplicate, a discarded frame). */
  lastEntry: ScanFeedEntry | null;
}

export const useDeviceStore = create<DeviceStoreState>()(() => ({ overview: null, error: null, lastEntry: null }));

const RECENT = 50;

export async function reloadDevices(): Promise<void> {
  try {
    const overview = await call('devices.list', {});
    useDeviceStore.setState({ overview, error: null });
  } catch (error) {
    useDeviceStore.setState({ error: error instanceof Error ? error.message : String(error) });
  }
}

function remember(entry: ScanFeedEntry): void {
  useDeviceStore.setState((state) => {
    const overview = state.overview;
    if (!overview) return { lastEntry: entry };
    const recent = [entry, ...overview.recent.filter((e) => e.seq !== entry.seq)].slice(0, RECENT);
    const devices = overview.devices.map((d) => (d.config.id === entry.deviceId ? { ...d, lastScan: entry } : d));
    return { lastEntry: entry, overview: { ...overview, recent, devices } };
  });
}

function markDelivered(taken: readonly ScanFeedEntry[]): void {
  const seqs = new Set(taken.map((e) => e.seq));
  useDeviceStore.setState((state) =>
    state.overview ? { overview: { ...state.overview, recent: state.overview.recent.map((e) => (seqs.has(e.seq) ? { ...e, delivery: 'delivered' as const } : e)) } } : {},
  );
}

/** Takes every hardware scan waiting for a screen (one request at a time; asked again if more arrived meanwhile). */
function scanTaker(): () => void {
  let busy = false;
  let again = false;
  const take = async (): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const taken = await call('devices.takeScans', {});
        markDelivered(taken);
        for (const entry of taken) routeScan(entry.raw);
      } while (again);
    } catch {
      // No scanners run here, or the connection dropped: the scans stay waiting and are taken when it is back.
    } finally {
      busy = false;
    }
  };
  return () => void take();
}

/** Mounted once in the frame: follows device states and routes hardware scans for as long as the window is open. */
export function useDeviceFeed(): void {
  useEffect(() => {
    const take = scanTaker();
    void reloadDevices();
    const stops = [
      onTopic('devices', (changed) => {
        useDeviceStore.setState((state) => ({ overview: state.overview ? { ...state.overview, ...changed } : state.overview }));
        if (!useDeviceStore.getState().overview) void reloadDevices();
      }),
      onTopic('scan', (entry) => {
        remember(entry);
        if (entry.type === 'scan') take();
      }),
      // Scans made while this window was away (starting, reconnecting) were kept: take them now.
      onLiveState((state) => {
        if (state !== 'live') return;
        void reloadDevices();
        take();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, []);
}
