// A USB HID POS scanner: reads Scanned Data Reports from a device with node-hid's `HID` shape, assembles continued
// reports into frames, and when the device errors (unplugged) closes it and reopens it with backoff.
import { EventEmitter } from 'node:events';
import { LotlineError } from '../../../common/errors';
import { DEFAULT_MAX_FRAME_LENGTH } from './frame-assembler';
import type { Assembled } from './frame-assembler';
import { HidPosAssembler } from './hid-pos-report';
import type { HidPosReportOptions } from './hid-pos-report';
import { reconnectDelay, reconnectSettings } from './reconnect';
import type { ReconnectOptions } from './reconnect';
import type { DeviceState, DeviceStateEvent, ScannerEvents } from './types';

/** What the driver needs of node-hid's `HID` (an EventEmitter): input reports, errors, close. */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

export interface HidPosScannerOptions extends HidPosReportOptions {
  /** Names the scanner in frames and events: the HID path (`/dev/hidraw3`) or vendor:product. */
  readonly id: string;
  /** Opens (and reopens, after an unplug) the device; throws when it is not there. */
  readonly open: () => HidDeviceLike | Promise<HidDeviceLike>;
  readonly maxFrameLength?: number;
  readonly reconnect?: ReconnectOptions;
  readonly now?: () => Date;
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^Error: /, '');
}

export class HidPosScanner extends EventEmitter<ScannerEvents> {
  readonly device: string;
  private readonly assembler: HidPosAssembler;
  private readonly openDevice: () => HidDeviceLike | Promise<HidDeviceLike>;
  private readonly reconnect: Required<ReconnectOptions>;
  private readonly now: () => Date;
  private hid: HidDeviceLike | undefined;
  private current: DeviceState = 'closed';
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private stopped = false;

  constructor(options: HidPosScannerOptions) {
    super();
    if (typeof options.id !== 'string' || options.id.trim() === '') throw new LotlineError('VALIDATION', 'A HID scanner needs an id (its HID path)');
    if (typeof options.open !== 'function') throw new LotlineError('VALIDATION', 'A HID scanner needs a function that opens its device');
    const reportId = options.reportId;
    if (reportId !== undefined && reportId !== null && (!Number.isInteger(reportId) || reportId < 1 || reportId > 255)) {
      throw new LotlineError('VALIDATION', `A HID report ID is 1 to 255 (or none), not ${reportId}`);
    }
    const max = options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    if (!Number.isInteger(max) || max < 1 || max > 1_000_000) throw new LotlineError('VALIDATION', `The maximum frame length must be 1 to 1000000 bytes, not ${max}`);
    try {
      this.reconnect = reconnectSettings(options.reconnect);
    } catch (error) {
      throw new LotlineError('VALIDATION', reasonOf(error));
    }
    this.device = `hid:${options.id}`;
    this.assembler = new HidPosAssembler(max, reportId === undefined ? {} : { reportId });
    this.openDevice = options.open;
    this.now = options.now ?? (() => new Date());
  }

  get state(): DeviceState {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.current !== 'closed') throw new LotlineError('CONFLICT', `The scanner ${this.device} is already started`);
    this.stopped = false;
    this.setState('connecting');
    try {
      await this.connect();
    } catch (error) {
      const reason = `Cannot open HID scanner ${this.device.slice(4)}: ${reasonOf(error)}`;
      this.setState('error', { reason });
      this.current = 'closed';
      throw new LotlineError('DEVICE', reason);
    }
    this.setState('connected');
  }

  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const hid = this.hid;
    this.hid = undefined;
    this.closeQuietly(hid);
    this.emitAll(this.assembler.cut('scanner stopped'));
    this.setState('closed');
    return Promise.resolve();
  }

  private async connect(): Promise<void> {
    const hid = await this.openDevice();
    if (this.stopped) {
      this.closeQuietly(hid);
      throw new Error('stopped');
    }
    this.hid = hid;
    hid.on('data', (report: Buffer) => {
      if (hid === this.hid) this.emitAll(this.assembler.push(report));
    });
    hid.on('error', (error: Error) => {
      if (hid === this.hid) this.lost(hid, error);
    });
  }

  private lost(hid: HidDeviceLike, error: Error): void {
    this.hid = undefined;
    this.closeQuietly(hid);
    this.emitAll(this.assembler.cut('the device went away'));
    this.attempt = 0;
    this.scheduleRetry(`Lost ${this.device.slice(4)} (${reasonOf(error)})`);
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped) return;
    this.attempt += 1;
    const retryInMs = reconnectDelay(this.attempt, this.reconnect);
    this.setState('reconnecting', { reason, attempt: this.attempt, retryInMs });
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => {
          this.attempt = 0;
          this.setState('connected');
        },
        (error: unknown) => this.scheduleRetry(`Cannot reopen ${this.device.slice(4)}: ${reasonOf(error)}`),
      );
    }, retryInMs);
  }

  private closeQuietly(hid: HidDeviceLike | undefined): void {
    try {
      hid?.close();
    } catch {
      // Closing a device that is already gone throws; it is closed either way.
    }
  }

  private emitAll(outputs: readonly Assembled[]): void {
    const at = this.now().toISOString();
    for (const out of outputs) {
      if (out.type === 'frame') this.emit('frame', { device: this.device, at, text: out.text });
      else this.emit('problem', { device: this.device, at, problem: out.problem, raw: out.raw });
    }
  }

  private setState(state: DeviceState, detail: Omit<DeviceStateEvent, 'device' | 'at' | 'state'> = {}): void {
    this.current = state;
    this.emit('state', { device: this.device, at: this.now().toISOString(), state, ...detail });
  }
}
