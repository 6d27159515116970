import type { DevicesChanged, ScanFeedEntry } from '../../common/api/devices';
import type { EpcisImportProgress } from '../../common/api/epcis';
import type { PackageProgress } from '../../common/api/packages';
import type { Envelope } from '../../common/errors';

/**
 * The one door into the core: every IPC call, web request and CLI command goes through it. `session` is the token
 * from auth.login that a door carries (null: the door has none, so only signing in is possible); an in-process caller
 * that passes nothing acts as the local system identity (the process holding the database file).
 */
export type Invoke = (command: string, input: unknown, session?: string | null) => Promise<Envelope<unknown>>;

export type Unsubscribe = () => void;

/** Topics pushed to windows and web clients. `changed` follows every successful write. */
export interface ApiEvents {
  changed: { command: string };
  /** How far long work has got (an EPCIS import: events and bytes of its document read; an audit package: files and bytes written). */
  progress: EpcisImportProgress | PackageProgress;
  /** Every read of a hardware scanner: a scan for the screens (take it with devices.takeScans), a duplicate, a discarded frame. */
  scan: ScanFeedEntry;
  /** A scanner's state, or the count of scans waiting or missed, changed. */
  devices: DevicesChanged;
}

export interface LotlineApi {
  readonly dbPath: string;
  invoke: Invoke;
  subscribe<T extends keyof ApiEvents>(topic: T, listener: (payload: ApiEvents[T]) => void): Unsubscribe;
  /** Loads the demo plant when the database holds no items yet; says whether it did. */
  seedDemoIfEmpty(): Promise<boolean>;
  close(): void;
}

export interface ApiOptions {
  dbPath: string;
  /** Who the audit trail names for changes made by the local system identity (default: the OS user). */
  actor?: string;
  /** The clock (tests move it to reach idle logout and lockout expiry). */
  now?: () => Date;
  /** File URL of the lineage index builder worker; without it the index is built on the core's thread. */
  lineageBuilder?: string;
  /** File URL of the EPCIS check worker; without it an import checks its events on the core's thread. */
  epcisChecker?: string;
}
