// A scanner on a serial port (RS-232, or USB in CDC/virtual-COM mode): opens the port, frames its bytes, and when
// the port goes away (unplugged, cable pulled) keeps reopening it with backoff until it is back, without a restart.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { LotlineError } from '../../../common/errors';
import { FrameAssembler } from './frame-assembler';
import type { Assembled, Suffix } from './frame-assembler';
import { reconnectDelay, reconnectSettings } from './reconnect';
import type { ReconnectOptions } from './reconnect';
import type { DeviceState, DeviceStateEvent, ScannerEvents } from './types';

export interface SerialScannerOptions {
  readonly path: string;
  /** Default 9600, the factory setting of most serial scanners. */
  readonly baudRate?: number;
  /** What ends a frame (default CR). `none`: frames end when the line is quiet for `timeoutMs`. */
  readonly suffix?: Suffix;
  /**
   * Inter-byte timeout in ms. Without a suffix, the pause that ends a frame (default 50). With a suffix, how long
   * an unterminated fragment may wait before it is discarded as noise (default 1000).
   */
  readonly timeoutMs?: number;
  readonly maxFrameLength?: number;
  readonly reconnect?: ReconnectOptions;
  /** Time source for frame and event times (tests). */
  readonly now?: () => Date;
}

const MAX_BAUD = 4_000_000;

/**
 * How often an open port's device file is looked for. Unplugging a USB scanner removes its device node; the serial
 * binding usually reports the hang-up, but not always (a pty whose other end went away was seen to stay silent), and a
 * scanner that looks connected while it is gone loses every scan.
 */
const DEVICE_WATCH_MS = 500;

/** The reason an open failed, in words for the operator. */
export function describeOpenError(path: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/no such file|ENOENT/i.test(message)) return `Serial port ${path} is not there (unplugged, or a wrong path)`;
  if (/permission denied|EACCES/i.test(message)) return `No permission to open ${path} (on Linux, add the user to the dialout group)`;
  if (/lock|busy|temporarily unavailable|EBUSY|EAGAIN/i.test(message)) return `Serial port ${path} is in use by another program`;
  return `Cannot open serial port ${path}: ${message.replace(/^Error: /, '')}`;
}

function validated(options: SerialScannerOptions) {
  if (typeof options.path !== 'string' || options.path.trim() === '') throw new LotlineError('VALIDATION', 'A serial scanner needs the path of its port, e.g. /dev/ttyACM0 or COM3');
  const baudRate = options.baudRate ?? 9600;
  if (!Number.isInteger(baudRate) || baudRate < 50 || baudRate > MAX_BAUD) throw new LotlineError('VALIDATION', `Baud rate must be a whole number from 50 to ${MAX_BAUD}, not ${baudRate}`);
  const suffix = options.suffix ?? 'cr';
  const timeoutMs = options.timeoutMs ?? (suffix === 'none' ? 50 : 1000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) throw new LotlineError('VALIDATION', `The inter-byte timeout must be 1 to 60000 ms, not ${timeoutMs}`);
  let assembler: FrameAssembler;
  try {
    assembler = new FrameAssembler({ suffix, ...(options.maxFrameLength !== undefined ? { maxLength: options.maxFrameLength } : {}) });
  } catch (error) {
    throw new LotlineError('VALIDATION', error instanceof Error ? error.message : String(error));
  }
  let reconnect: ReturnType<typeof reconnectSettings>;
  try {
    reconnect = reconnectSettings(options.reconnect);
  } catch (error) {
    throw new LotlineError('VALIDATION', error instanceof Error ? error.message : String(error));
  }
  return { path: options.path, baudRate, timeoutMs, assembler, reconnect, now: options.now ?? (() => new Date()) };
}

export class SerialScanner extends EventEmitter<ScannerEvents> {
  readonly device: string;
  readonly path: string;
  readonly baudRate: number;
  private readonly settings: ReturnType<typeof validated>;
  private port: SerialPort | undefined;
  private current: DeviceState = 'closed';
  private idleTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private lastError: string | undefined;
  private stopped = false;

  constructor(options: SerialScannerOptions) {
    super();
    this.settings = validated(options);
    this.path = this.settings.path;
    this.baudRate = this.settings.baudRate;
    this.device = `serial:${this.path}`;
  }

  get state(): DeviceState {
    return this.current;
  }

  /** Bytes received that wait for their suffix or for the line to go quiet. */
  get pendingBytes(): number {
    return this.settings.assembler.pending;
  }

  /** Opens the port. Rejects with a DEVICE error when it cannot be opened now; reconnects only once it has been open. */
  async start(): Promise<void> {
    if (this.current !== 'closed') throw new LotlineError('CONFLICT', `The scanner on ${this.path} is already started`);
    this.stopped = false;
    this.setState('connecting');
    try {
      await this.open();
    } catch (error) {
      const reason = describeOpenError(this.path, error);
      this.setState('error', { reason });
      this.current = 'closed';
      throw new LotlineError('DEVICE', reason);
    }
    this.setState('connected');
  }

  /** Closes the port and stops reconnecting. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
    clearInterval(this.watchTimer);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) {
      port.removeAllListeners('data');
      await new Promise<void>((resolve) => port.close(() => resolve()));
    }
    port?.removeAllListeners();
    this.emitAll(this.settings.assembler.cut('scanner stopped'));
    this.setState('closed');
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
      port.open((error) => {
        if (error) {
          port.removeAllListeners();
          reject(error);
          return;
        }
        if (this.stopped) {
          port.close();
          reject(new Error('stopped'));
          return;
        }
        this.port = port;
        this.lastError = undefined;
        port.on('data', (chunk: Buffer) => this.onData(chunk));
        port.on('error', (err: Error) => {
          this.lastError = err.message;
        });
        port.on('close', (err: Error | null) => this.onClose(port, err));
        this.watchDevice(port);
        resolve();
      });
    });
  }

  private onData(chunk: Buffer): void {
    this.emitAll(this.settings.assembler.push(chunk));
    clearTimeout(this.idleTimer);
    if (this.settings.assembler.pending > 0) {
      this.idleTimer = setTimeout(() => this.emitAll(this.settings.assembler.idle()), this.settings.timeoutMs);
    }
  }

  /** A device path (POSIX) that existed when the port opened and is gone now: the port is lost, whatever it reports. */
  private watchDevice(port: SerialPort): void {
    clearInterval(this.watchTimer);
    if (!this.path.startsWith('/') || !existsSync(this.path)) return;
    this.watchTimer = setInterval(() => {
      if (port !== this.port || existsSync(this.path)) return;
      this.onClose(port, new Error(`${this.path} is gone`));
      port.close(() => undefined);
    }, DEVICE_WATCH_MS);
    this.watchTimer.unref();
  }

  private onClose(port: SerialPort, error: Error | null): void {
    if (port !== this.port || this.stopped) return;
    port.removeAllListeners();
    this.port = undefined;
    clearInterval(this.watchTimer);
    clearTimeout(this.idleTimer);
    const reason = error?.message ?? this.lastError ?? 'the port closed';
    const why = `Lost ${this.path} (${reason.replace(/^Error: /, '')})`;
    this.emitAll(this.settings.assembler.cut('the port went away'));
    this.attempt = 0;
    this.scheduleRetry(why);
  }

  private scheduleRetry(reason: string): void {
    this.attempt += 1;
    const retryInMs = reconnectDelay(this.attempt, this.settings.reconnect);
    this.setState('reconnecting', { reason, attempt: this.attempt, retryInMs });
    this.retryTimer = setTimeout(() => {
      this.open().then(
        () => {
          this.attempt = 0;
          this.setState('connected');
        },
        (error: unknown) => {
          if (!this.stopped) this.scheduleRetry(describeOpenError(this.path, error));
        },
      );
    }, retryInMs);
  }

  private emitAll(outputs: readonly Assembled[]): void {
    const at = this.settings.now().toISOString();
    for (const out of outputs) {
      if (out.type === 'frame') this.emit('frame', { device: this.device, at, text: out.text });
      else this.emit('problem', { device: this.device, at, problem: out.problem, raw: out.raw });
    }
  }

  private setState(state: DeviceState, detail: Omit<DeviceStateEvent, 'device' | 'at' | 'state'> = {}): void {
    this.current = state;
    this.emit('state', { device: this.device, at: this.settings.now().toISOString(), state, ...detail });
  }
}
