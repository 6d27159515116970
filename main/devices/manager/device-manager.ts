// Runs the scanners configured on this machine: starts them with the app, keeps each one's state (connected,
// reconnecting with the next attempt, error with the reason, disabled), and turns every read into an entry of the
// scan feed — scans for the screens (held until one takes them, never dropped), duplicates and discarded frames said
// so. A scanner that cannot be opened at start is retried on a slow backoff, so plugging it in later is enough.
import type { DeviceConfig, DevicesChanged, DeviceStateName, DeviceStatus, DeviceTestResult, DevicesOverview, ScanFeedEntry, ScanSettings } from '../../../common/api/devices';
import { defaultScanSettings } from '../../../common/api/devices';
import type { deviceInput } from '../../../common/api/devices';
import type { z } from 'zod';
import { LotlineError } from '../../../common/errors';
import { reconnectDelay, reconnectSettings } from '../scanners/reconnect';
import type { ReconnectOptions } from '../scanners/reconnect';
import { ScanPipeline } from '../scanners/scan-pipeline';
import { scanSummary } from '../scanners/scan-summary';
import type { DeviceStateEvent, ScanEvent } from '../scanners/types';
import type { DeviceConfigStore, DeviceFile } from './config-file';
import { discoverDevices } from './discovery';
import type { DiscoverySources } from './discovery';
import { createDriver, deviceLabel } from './drivers';
import type { DriverOptions, ScannerDriver } from './drivers';
import { ScanFeed } from './scan-feed';

export type DeviceManagerEvent = { topic: 'scan'; payload: ScanFeedEntry } | { topic: 'devices'; payload: DevicesChanged };


export interface DeviceManagerOptions extends DriverOptions {
  store: DeviceConfigStore;
  publish: (event: DeviceManagerEvent) => void;
  /** Retry of a scanner that could not be opened at all (default 1 s doubling to 30 s). */
  restart?: ReconnectOptions;
  discovery?: DiscoverySources;
}

/** A configured scanner: what it reports (its DeviceStatus) and what runs it. */
type Runtime = DeviceStatus & {
  driver?: ScannerDriver;
  detach?: () => void;
  restartTimer?: NodeJS.Timeout;
  restartAttempt: number;
};

type SaveInput = z.output<typeof deviceInput>;

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/^Error: /, '');

export class DeviceManager {
  private file: DeviceFile;
  private configError: string | undefined;
  private readonly runtimes = new Map<string, Runtime>();
  private pipeline: ScanPipeline;
  private readonly feed: ScanFeed;
  private readonly now: () => Date;
  private readonly restart: Required<ReconnectOptions>;
  private expiryTimer: NodeJS.Timeout | undefined;
  private started = false;
  private closed = false;
  private readonly feedListeners = new Set<(entry: ScanFeedEntry) => void>();

  constructor(private readonly options: DeviceManagerOptions) {
    this.now = options.now ?? (() => new Date());
    this.restart = reconnectSettings(options.restart ?? { initialMs: 1000, maxMs: 30_000 });
    try {
      this.file = options.store.load();
    } catch (error) {
      this.configError = reasonOf(error);
      this.file = { devices: [], settings: defaultScanSettings };
    }
    this.feed = new ScanFeed({ holdMs: this.file.settings.holdMs });
    this.pipeline = this.newPipeline();
    for (const config of this.file.devices) this.runtimes.set(config.id, this.newRuntime(config));
  }

  /** Starts every enabled scanner; resolves once each has connected or failed (and been scheduled for a retry). */
  async start(): Promise<void> {
    if (this.started || this.closed) return;
    this.started = true;
    await Promise.all([...this.runtimes.values()].map((r) => this.run(r)));
  }

  /** Stops every scanner and timer. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiryTimer);
    await Promise.all([...this.runtimes.values()].map((r) => this.halt(r)));
  }

  overview(): DevicesOverview {
    this.feed.expire(this.now().getTime());
    return {
      running: this.started && !this.closed,
      devices: this.statuses(),
      settings: this.file.settings,
      recent: this.feed.recent(50),
      pending: this.feed.count('pending'),
      missed: this.feed.count('missed'),
      ...(this.configError ? { configError: this.configError } : {}),
    };
  }

  /** Scans waiting for a screen, handed to this caller only. */
  takeScans(): ScanFeedEntry[] {
    const now = this.now().getTime();
    const missedBefore = this.feed.count('missed');
    const taken = this.feed.take(now);
    if (taken.length > 0 || this.feed.count('missed') !== missedBefore) this.changed();
    this.scheduleExpiry();
    return taken;
  }

  async save(input: SaveInput): Promise<DeviceStatus> {
    this.writable();
    const id = input.id ?? this.newId(input.kind);
    const existing = input.id !== undefined ? this.runtimes.get(input.id) : undefined;
    if (input.id !== undefined && !existing) throw new LotlineError('NOT_FOUND', `There is no scanner with id "${input.id}" (it may have been removed); save it without an id to add it`);
    const config = { ...input, id };
    const label = deviceLabel(config);
    const clash = [...this.runtimes.values()].find((r) => r.config.id !== id && r.label === label);
    if (clash) throw new LotlineError('CONFLICT', `${label.replace(/^serial:/, 'Serial port ').replace(/^hid:/, 'HID scanner ')} is already configured as "${clash.config.name}"`);
    this.persist({ ...this.file, devices: [...this.file.devices.filter((d) => d.id !== id), config] });
    if (existing) await this.halt(existing);
    const runtime = this.newRuntime(config);
    this.runtimes.set(id, runtime);
    if (this.started && !this.closed) await this.run(runtime);
    else this.changed();
    return this.status(runtime);
  }

  async remove(id: string): Promise<{ removed: string }> {
    this.writable();
    const runtime = this.runtimes.get(id);
    if (!runtime) throw new LotlineError('NOT_FOUND', `There is no scanner with id "${id}"`);
    this.persist({ ...this.file, devices: this.file.devices.filter((d) => d.id !== id) });
    this.runtimes.delete(id);
    await this.halt(runtime);
    this.changed();
    return { removed: id };
  }

  saveSettings(settings: ScanSettings): ScanSettings {
    this.writable();
    const windowChanged = settings.duplicateWindowMs !== this.file.settings.duplicateWindowMs;
    this.persist({ ...this.file, settings });
    this.feed.holdMs = settings.holdMs;
    if (windowChanged) {
      // The pipeline's window is fixed when it is made: a new one, with every running driver moved onto it.
      this.pipeline = this.newPipeline();
      for (const runtime of this.runtimes.values()) {
        if (!runtime.driver) continue;
        runtime.detach?.();
        runtime.detach = this.pipeline.attach(runtime.driver);
      }
    }
    this.scheduleExpiry();
    this.changed();
    return settings;
  }

  discover() {
    return discoverDevices(this.file.devices, this.options.discovery);
  }

  /** A configured scanner's state and last scan; or a candidate opened briefly, listening `listenMs` for a barcode. */
  async test(input: { id: string } | { device: SaveInput; listenMs: number }): Promise<DeviceTestResult> {
    if ('id' in input) {
      const runtime = this.runtimes.get(input.id);
      if (!runtime) throw new LotlineError('NOT_FOUND', `There is no scanner with id "${input.id}"`);
      return this.report(runtime);
    }
    const config = { ...input.device, id: input.device.id ?? 'test' };
    const label = deviceLabel(config);
    const running = [...this.runtimes.values()].find((r) => r.label === label && r.driver);
    if (running) {
      // The port is held by the running scanner (a second open would fail as busy): listen through it instead.
      if (running.state !== 'connected' || input.listenMs === 0) return this.report(running);
      const scan = await this.nextFeedEntry(running.config.id, input.listenMs);
      return scan ? { ok: true, message: `${running.config.name} read ${scan.summary}`, scan } : { ok: true, message: `${running.config.name} is connected; nothing was scanned in ${input.listenMs / 1000} s` };
    }
    return this.tryOnce(config, input.listenMs);
  }

  private report(runtime: Runtime): DeviceTestResult {
    const status = this.status(runtime);
    const last = status.lastScan ? `; last read ${status.lastScan.at.slice(11, 19)} UTC: ${status.lastScan.summary}` : '; nothing scanned yet';
    if (status.state === 'connected') return { ok: true, message: `${runtime.config.name} is connected on ${runtime.label}${last}`, ...(status.lastScan ? { scan: status.lastScan } : {}) };
    return { ok: false, message: `${runtime.config.name} is ${status.state}${status.reason ? `: ${status.reason}` : ''}`, ...(status.lastScan ? { scan: status.lastScan } : {}) };
  }

  private async tryOnce(config: DeviceConfig, listenMs: number): Promise<DeviceTestResult> {
    const driver = createDriver(config, { ...this.options, reconnect: { initialMs: 600_000 } });
    const pipeline = new ScanPipeline({ duplicateWindowMs: 0 });
    let first: Exclude<ScanEvent, { type: 'state' }> | undefined;
    let heard: () => void = () => undefined;
    const got = new Promise<void>((resolve) => (heard = resolve));
    pipeline.subscribe((event) => {
      if (event.type !== 'state' && !first) {
        first = event;
        heard();
      }
    });
    const detach = pipeline.attach(driver);
    try {
      await driver.start();
    } catch (error) {
      detach();
      return { ok: false, message: reasonOf(error) };
    }
    let timer: NodeJS.Timeout | undefined;
    if (listenMs > 0) await Promise.race([got, new Promise<void>((resolve) => (timer = setTimeout(resolve, listenMs)))]);
    clearTimeout(timer);
    await driver.stop();
    detach();
    const opened = config.kind === 'serial' ? `Opened ${config.path} at ${config.baud} baud` : `Opened HID scanner ${deviceLabel(config).slice(4)}`;
    if (listenMs === 0) return { ok: true, message: `${opened} and closed it again` };
    if (!first) return { ok: true, message: `${opened}; nothing was scanned in ${listenMs / 1000} s (check the scanner's interface setting and suffix)` };
    const read: Exclude<ScanEvent, { type: 'state' }> = first;
    const entry: ScanFeedEntry = { ...this.entryFor(read, config), seq: 0, delivery: 'not-routed' };
    return { ok: entry.type === 'scan' && entry.problem === undefined, message: `${opened} and read ${entry.summary}`, scan: entry };
  }

  private nextFeedEntry(deviceId: string, timeoutMs: number): Promise<ScanFeedEntry | undefined> {
    return new Promise((resolve) => {
      const listener = (entry: ScanFeedEntry) => {
        if (entry.deviceId !== deviceId) return;
        done(entry);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const done = (entry: ScanFeedEntry | undefined) => {
        clearTimeout(timer);
        this.feedListeners.delete(listener);
        resolve(entry);
      };
      this.feedListeners.add(listener);
    });
  }

  private writable(): void {
    if (this.configError) throw new LotlineError('DEVICE', `${this.configError}. Until then scanners cannot be changed here`);
  }

  private persist(file: DeviceFile): void {
    try {
      this.options.store.save(file);
    } catch (error) {
      throw new LotlineError('DEVICE', `The device settings could not be saved to ${this.options.store.location}: ${reasonOf(error)}`);
    }
    this.file = file;
  }

  private newId(kind: DeviceConfig['kind']): string {
    let n = 1;
    while (this.runtimes.has(`${kind}-${n}`)) n += 1;
    return `${kind}-${n}`;
  }

  private newRuntime(config: DeviceConfig): Runtime {
    return { config, label: deviceLabel(config), state: config.enabled ? 'stopped' : 'disabled', since: this.now().toISOString(), restartAttempt: 0 };
  }

  private newPipeline(): ScanPipeline {
    const pipeline = new ScanPipeline({ duplicateWindowMs: this.file.settings.duplicateWindowMs });
    pipeline.subscribe((event) => this.onPipeline(event));
    return pipeline;
  }

  private async run(runtime: Runtime): Promise<void> {
    if (!runtime.config.enabled) {
      this.setState(runtime, 'disabled');
      return;
    }
    let driver: ScannerDriver;
    try {
      driver = createDriver(runtime.config, this.options);
    } catch (error) {
      this.setState(runtime, 'error', { reason: reasonOf(error) });
      return;
    }
    runtime.driver = driver;
    runtime.detach = this.pipeline.attach(driver);
    try {
      await driver.start();
      runtime.restartAttempt = 0;
    } catch (error) {
      if (runtime.driver !== driver || this.closed) return;
      this.scheduleRestart(runtime, reasonOf(error));
    }
  }

  /** The first open failed (the driver only reconnects once it has been open): try again later, slower and slower. */
  private scheduleRestart(runtime: Runtime, reason: string): void {
    runtime.restartAttempt += 1;
    const wait = reconnectDelay(runtime.restartAttempt, this.restart);
    this.setState(runtime, 'error', { reason, attempt: runtime.restartAttempt, nextAttemptAt: new Date(this.now().getTime() + wait).toISOString() });
    const driver = runtime.driver;
    runtime.restartTimer = setTimeout(() => {
      if (runtime.driver !== driver || !driver || this.closed) return;
      driver.start().then(
        () => {
          runtime.restartAttempt = 0;
        },
        (error: unknown) => {
          if (runtime.driver === driver && !this.closed) this.scheduleRestart(runtime, reasonOf(error));
        },
      );
    }, wait);
  }

  private async halt(runtime: Runtime): Promise<void> {
    clearTimeout(runtime.restartTimer);
    const driver = runtime.driver;
    runtime.driver = undefined;
    if (!driver) return;
    // Detached after stopping, so a fragment cut off by the stop is still reported.
    await driver.stop();
    runtime.detach?.();
    runtime.detach = undefined;
  }

  private byLabel(label: string): Runtime | undefined {
    for (const runtime of this.runtimes.values()) if (runtime.label === label) return runtime;
    return undefined;
  }

  private onPipeline(event: ScanEvent): void {
    const runtime = this.byLabel(event.type === 'scan' || event.type === 'duplicate' ? event.scan.device : event.device);
    if (!runtime) return;
    if (event.type === 'state') {
      this.onDriverState(runtime, event);
      return;
    }
    const entry = this.feed.add(this.entryFor(event, runtime.config), this.now().getTime());
    runtime.lastScan = entry;
    this.options.publish({ topic: 'scan', payload: entry });
    for (const listener of this.feedListeners) listener(entry);
    this.scheduleExpiry();
    this.changed();
  }

  private entryFor(event: Exclude<ScanEvent, { type: 'state' }>, config: DeviceConfig): Omit<ScanFeedEntry, 'seq' | 'delivery'> {
    const base = { deviceId: config.id, deviceName: config.name };
    if (event.type === 'problem') return { ...base, at: event.at, type: 'problem', raw: event.raw ?? '', summary: 'discarded', problem: event.problem };
    const scan = event.scan;
    if (event.type === 'duplicate') {
      return { ...base, at: scan.at, type: 'duplicate', raw: scan.raw, summary: scan.problem ? 'unreadable' : scanSummary(scan), problem: `Ignored: duplicate within ${event.windowMs} ms (the same barcode was read at ${event.firstAt.slice(11, 23)} UTC)` };
    }
    return { ...base, at: scan.at, type: 'scan', raw: scan.raw, summary: scan.problem ? 'unreadable' : scanSummary(scan), ...(scan.problem ? { problem: scan.problem } : {}) };
  }

  private onDriverState(runtime: Runtime, event: DeviceStateEvent): void {
    switch (event.state) {
      case 'connecting':
        // A retry of the first open stays "error" with its reason until it succeeds.
        if (runtime.state !== 'error') this.setState(runtime, 'connecting');
        return;
      case 'connected':
        this.setState(runtime, 'connected');
        return;
      case 'reconnecting':
        this.setState(runtime, 'reconnecting', {
          ...(event.reason !== undefined ? { reason: event.reason } : {}),
          ...(event.attempt !== undefined ? { attempt: event.attempt } : {}),
          ...(event.retryInMs !== undefined ? { nextAttemptAt: new Date(Date.parse(event.at) + event.retryInMs).toISOString() } : {}),
        });
        return;
      case 'error':
        // Start failures are reported by scheduleRestart with the next attempt.
        return;
      case 'closed':
        if (runtime.driver === undefined && runtime.state !== 'error') this.setState(runtime, runtime.config.enabled ? 'stopped' : 'disabled');
        return;
    }
  }

  private setState(runtime: Runtime, state: DeviceStateName, detail: { reason?: string; attempt?: number; nextAttemptAt?: string } = {}): void {
    if (runtime.state !== state) runtime.since = this.now().toISOString();
    runtime.state = state;
    runtime.reason = detail.reason;
    runtime.attempt = detail.attempt;
    runtime.nextAttemptAt = detail.nextAttemptAt;
    this.changed();
  }

  private status(runtime: Runtime): DeviceStatus {
    return {
      config: runtime.config,
      label: runtime.label,
      state: runtime.state,
      since: runtime.since,
      ...(runtime.reason !== undefined ? { reason: runtime.reason } : {}),
      ...(runtime.attempt !== undefined ? { attempt: runtime.attempt } : {}),
      ...(runtime.nextAttemptAt !== undefined ? { nextAttemptAt: runtime.nextAttemptAt } : {}),
      ...(runtime.lastScan ? { lastScan: runtime.lastScan } : {}),
    };
  }

  private statuses(): DeviceStatus[] {
    return [...this.runtimes.values()].map((r) => this.status(r));
  }

  private changed(): void {
    if (this.closed) return;
    this.options.publish({ topic: 'devices', payload: { devices: this.statuses(), pending: this.feed.count('pending'), missed: this.feed.count('missed') } });
  }

  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    const due = this.feed.nextExpiry();
    if (due === undefined || this.closed) return;
    this.expiryTimer = setTimeout(() => {
      if (this.feed.expire(this.now().getTime())) this.changed();
      this.scheduleExpiry();
    }, Math.max(0, due - this.now().getTime()));
    this.expiryTimer.unref();
  }
}
