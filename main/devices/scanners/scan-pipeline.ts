// One pipeline for every scanner: frames from any driver are decoded, repeated reads of the same barcode within
// the duplicate window are set aside (and said so), and every outcome goes to every listener in arrival order.
import { decodeFrame } from './scan-decoder';
import type { ScanDecoderOptions } from './scan-decoder';
import type { DeviceStateEvent, Frame, FrameProblem, ScanEvent, ScanSource } from './types';

export interface ScanPipelineOptions extends ScanDecoderOptions {
  /** Same barcode on the same scanner within this many ms of the one let through is a duplicate (default 1500; 0 = off). */
  readonly duplicateWindowMs?: number;
  /** A listener that throws must not stop the others or the driver; it is told here (default: console.error). */
  readonly onListenerError?: (error: unknown) => void;
}

export type ScanListener = (event: ScanEvent) => void;

export const DEFAULT_DUPLICATE_WINDOW_MS = 1500;
const MAX_DUPLICATE_WINDOW_MS = 10 * 60_000;

export class ScanPipeline {
  readonly duplicateWindowMs: number;
  private readonly decodeOptions: ScanDecoderOptions;
  private readonly listeners = new Set<ScanListener>();
  /** Per device: raw text → when it was last let through (ms). */
  private readonly recent = new Map<string, Map<string, number>>();
  private readonly onListenerError: (error: unknown) => void;

  constructor(options: ScanPipelineOptions = {}) {
    const window = options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
    if (!Number.isInteger(window) || window < 0 || window > MAX_DUPLICATE_WINDOW_MS) {
      throw new RangeError(`The duplicate window must be a whole number of milliseconds from 0 to ${MAX_DUPLICATE_WINDOW_MS}, not ${window}`);
    }
    this.duplicateWindowMs = window;
    this.decodeOptions = options.documents ? { documents: options.documents } : {};
    this.onListenerError = options.onListenerError ?? ((error) => console.error('Scan listener failed:', error));
  }

  subscribe(listener: ScanListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes frames, problems and state changes from a driver until the returned function detaches it. */
  attach(source: ScanSource): () => void {
    const onFrame = (frame: Frame) => void this.push(frame);
    const onProblem = (problem: FrameProblem) => this.emit({ type: 'problem', ...problem });
    const onState = (state: DeviceStateEvent) => this.emit({ type: 'state', ...state });
    source.on('frame', onFrame);
    source.on('problem', onProblem);
    source.on('state', onState);
    return () => {
      source.off('frame', onFrame);
      source.off('problem', onProblem);
      source.off('state', onState);
    };
  }

  /** Decodes one frame, decides whether it is a duplicate, tells the listeners, and returns what it told them. */
  push(frame: Frame): ScanEvent {
    const scan = decodeFrame(frame, this.decodeOptions);
    const repeat = this.repeatOf(frame);
    const event: ScanEvent = repeat
      ? {
          type: 'duplicate',
          scan,
          firstAt: new Date(repeat).toISOString(),
          windowMs: this.duplicateWindowMs,
          message: `Same barcode as ${((Date.parse(frame.at) - repeat) / 1000).toFixed(1)} s ago on this scanner: ignored as a duplicate (window ${(this.duplicateWindowMs / 1000).toFixed(1)} s)`,
        }
      : { type: 'scan', scan };
    this.emit(event);
    return event;
  }

  /** When the same text was let through on the same device within the window (ms since epoch); else records it. */
  private repeatOf(frame: Frame): number | undefined {
    if (this.duplicateWindowMs === 0) return undefined;
    const now = Date.parse(frame.at);
    if (Number.isNaN(now)) throw new RangeError(`Frame time "${frame.at}" is not an ISO 8601 time`);
    let seen = this.recent.get(frame.device);
    if (!seen) this.recent.set(frame.device, (seen = new Map<string, number>()));
    this.forgetExpired(seen, now);
    const first = seen.get(frame.text);
    if (first !== undefined && this.within(first, now)) return first;
    // Re-inserted, so that the map stays in the order texts were let through.
    seen.delete(frame.text);
    seen.set(frame.text, now);
    return undefined;
  }

  /** Let through at `at`, and `now` is still inside its window (a clock set back ends every window). */
  private within(at: number, now: number): boolean {
    return now >= at && now - at < this.duplicateWindowMs;
  }

  /**
   * Drops the texts whose window has closed, oldest first, up to the first still open: at a busy station thousands of
   * different labels pass within a window, and looking at each of them on every scan would cost more than the scan.
   */
  private forgetExpired(seen: Map<string, number>, now: number): void {
    for (const [text, at] of seen) {
      if (this.within(at, now)) return;
      seen.delete(text);
    }
  }

  private emit(event: ScanEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
