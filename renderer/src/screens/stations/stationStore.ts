// What each station remembers between scans: the context the api hands back (work order, case, shipment,
// receipt draft), the view of it, and the log of scans with their answers. Scans are sent one at a time, in the
// order they arrived, each with the context the previous answer left — so a fast operator never loses a scan
// or sends one against a stale context. The state is kept in localStorage: a reload or a restart keeps the
// receipt being drafted and the work order selected.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { StationContext, StationName, StationScanResult, StationView } from '../../../../common/api/stations';
import { ApiError, call } from '../../api/client';
import { printAfterScan } from './stationPrinting';
import { playTone } from './tones';

/** What the operator typed beside the scan: a quantity for a label that carries none, a reason. */
export interface ScanExtras {
  quantity?: string;
  reason?: string;
}

export interface LoggedScan {
  id: number;
  at: string;
  code: string;
  /** `failed`: the api could not be asked (offline, error); the scan can be sent again. `duplicate`: not sent. */
  outcome: 'applied' | 'refused' | 'failed' | 'pending' | 'duplicate';
  message: string;
  extras?: ScanExtras;
}

export interface StationState {
  context: StationContext;
  view: StationView | null;
  log: LoggedScan[];
}

interface StationsStore {
  stations: Partial<Record<StationName, StationState>>;
  nextId: number;
}

const LOG_LENGTH = 50;

const empty = (station: StationName): StationState => ({ context: station === 'receiving' ? { lines: [] } : {}, view: null, log: [] });

export const useStations = create<StationsStore>()(
  persist(() => ({ stations: {}, nextId: 1 }), {
    name: 'lotline.stations',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    // A scan still pending when the window closed was never answered: show it as not recorded.
    merge: (persisted, current) => {
      const saved = (persisted ?? {}) as Partial<StationsStore>;
      const stations: StationsStore['stations'] = {};
      for (const [name, state] of Object.entries(saved.stations ?? {}) as [StationName, StationState][]) {
        stations[name] = {
          ...state,
          log: state.log.map((s) => (s.outcome === 'pending' ? { ...s, outcome: 'failed', message: 'The app closed before this scan was answered: scan it again' } : s)),
        };
      }
      return { ...current, ...saved, stations };
    },
  }),
);

export function stationState(station: StationName): StationState {
  return useStations.getState().stations[station] ?? empty(station);
}

function update(station: StationName, change: (state: StationState) => StationState): void {
  useStations.setState((store) => ({ stations: { ...store.stations, [station]: change(store.stations[station] ?? empty(station)) } }));
}

function patchLog(station: StationName, id: number, patch: Partial<LoggedScan>): void {
  update(station, (s) => ({ ...s, log: s.log.map((entry) => (entry.id === id ? { ...entry, ...patch } : entry)) }));
}

/** Scans wait here for the one before them to be answered. */
let queue: Promise<unknown> = Promise.resolve();

/** Sends a scan (or a control code) from `station`, after every scan sent before it has been answered. */
export function sendScan(station: StationName, code: string, extras: ScanExtras = {}): Promise<StationScanResult | ApiError> {
  const id = useStations.getState().nextId;
  useStations.setState({ nextId: id + 1 });
  update(station, (s) => ({
    ...s,
    log: [{ id, at: new Date().toISOString(), code, outcome: 'pending' as const, message: 'Sending…', extras }, ...s.log].slice(0, LOG_LENGTH),
  }));
  const answered = queue.then(() => ask(station, id, code, extras));
  queue = answered;
  return answered;
}

async function ask(station: StationName, id: number, code: string, extras: ScanExtras): Promise<StationScanResult | ApiError> {
  const { context } = stationState(station);
  const input = {
    station,
    context,
    code,
    ...(extras.quantity ? { quantity: extras.quantity } : {}),
    ...(extras.reason ? { reason: extras.reason } : {}),
  };
  try {
    // The union of station inputs is checked by the api; the context is the one it handed back last.
    const result = await call('stations.scan', input as Parameters<typeof call<'stations.scan'>>[1]);
    if (result.outcome === 'applied') {
      update(station, (s) => ({ ...s, context: result.context, view: result.view }));
      patchLog(station, id, { outcome: 'applied', message: result.message });
      playTone('accepted');
      // After the scan's transaction: a label that does not print never undoes the serial or the case.
      printAfterScan(station, context, result);
    } else {
      patchLog(station, id, { outcome: 'refused', message: result.reason });
      playTone('refused');
    }
    return result;
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));
    patchLog(station, id, { outcome: 'failed', message: `Not recorded: ${failure.message}` });
    playTone('refused');
    return failure;
  }
}

/**
 * A scan from the field or a keyboard wedge: the same code (with the same quantity and reason) at the same station
 * within `windowMs` of one that was accepted or is still being recorded is a double read, not a second scan — it
 * is logged as ignored and not sent. Scanning again after a refusal is deliberate and goes through. (Hardware
 * scanners are filtered the same way before they get here; control buttons go through `sendScan` directly.)
 */
export function sendScanOnce(station: StationName, code: string, extras: ScanExtras, windowMs: number): void {
  const now = Date.now();
  const same = stationState(station).log.find(
    (entry) => entry.outcome !== 'duplicate' && entry.code === code && entry.extras?.quantity === extras.quantity && entry.extras?.reason === extras.reason,
  );
  const age = same ? now - Date.parse(same.at) : Number.POSITIVE_INFINITY;
  if (same && age < windowMs && (same.outcome === 'applied' || same.outcome === 'pending')) {
    const id = useStations.getState().nextId;
    useStations.setState({ nextId: id + 1 });
    const message = `Same barcode as ${(age / 1000).toFixed(1)} s ago: ignored as a duplicate (window ${(windowMs / 1000).toFixed(1)} s)`;
    update(station, (s) => ({ ...s, log: [{ id, at: new Date(now).toISOString(), code, outcome: 'duplicate' as const, message }, ...s.log].slice(0, LOG_LENGTH) }));
    return;
  }
  void sendScan(station, code, extras);
}

/** Forgets the station's work order, case, shipment or receipt draft (the log stays). */
export function resetStation(station: StationName): void {
  update(station, (s) => ({ ...empty(station), log: s.log }));
}

/** Sets fields of the context the next scan is sent with (supplier, customer, ship-to). */
export function setContext(station: StationName, patch: Record<string, string | undefined>): void {
  update(station, (s) => ({ ...s, context: { ...s.context, ...patch } }));
}
