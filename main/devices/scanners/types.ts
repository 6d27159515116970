// What scanner drivers hand to the scan pipeline, and what the pipeline hands to stations: frames in, scans out.
import type { Gs1Element, TraceIdentity } from '../../../common/gs1';
import type { UnitIdentity } from '../../../common/refs';

/** One barcode read as the scanner sent it, before any meaning is given to it. */
export interface Frame {
  /** Which scanner: `serial:/dev/ttyUSB0`, `hid:/dev/hidraw3`, … */
  readonly device: string;
  /** When the frame was complete (ISO 8601, UTC). */
  readonly at: string;
  /** The bytes as latin1 text, so GS (0x1D) and every other byte survive one to one. May start with an AIM id. */
  readonly text: string;
}

/** Bytes that were received but are not a scan, and why ("frame too long, discarded"). */
export interface FrameProblem {
  readonly device: string;
  readonly at: string;
  readonly problem: string;
  /** What was thrown away, as latin1 text (cut to a readable length). */
  readonly raw?: string;
}

export type DeviceState = 'connecting' | 'connected' | 'reconnecting' | 'error' | 'closed';

export interface DeviceStateEvent {
  readonly device: string;
  readonly at: string;
  readonly state: DeviceState;
  /** Why: the port vanished, the open failed, … (on `reconnecting` and `error`). */
  readonly reason?: string;
  /** Reopen attempt number and the wait before it (on `reconnecting`). */
  readonly attempt?: number;
  readonly retryInMs?: number;
}

/** Events every scanner driver emits (typed for node's EventEmitter). */
export interface ScannerEvents {
  frame: [Frame];
  problem: [FrameProblem];
  state: [DeviceStateEvent];
}

/** The source side of a driver, as the pipeline sees it. */
export interface ScanSource {
  on<K extends keyof ScannerEvents>(event: K, listener: (...args: ScannerEvents[K]) => void): unknown;
  off<K extends keyof ScannerEvents>(event: K, listener: (...args: ScannerEvents[K]) => void): unknown;
}

export type ScanKind = 'unit' | 'gs1' | 'workOrder' | 'shipment' | 'unknown';

/**
 * A decoded frame. `problem` is set exactly when the scan is refused; `kind` still says what it looked like
 * ('gs1' for GS1 data that did not validate, 'unknown' when it resembles nothing Lotline reads).
 */
export interface Scan {
  readonly at: string;
  readonly device: string;
  /** The frame's text with the AIM identifier, untouched (GS stays 0x1D). */
  readonly raw: string;
  /** The AIM symbology identifier the frame started with (`]d2`), when it had one. */
  readonly aim?: string;
  /** The symbology the AIM identifier names (`Data Matrix`, `Code 128`, …). */
  readonly symbology?: string;
  readonly kind: ScanKind;
  /** The lot or serial named (kind 'unit'): by part number or by GTIN. */
  readonly identity?: UnitIdentity;
  /** GS1 data: what it identifies (GTIN, lot, serial, SSCC) and every element string. */
  readonly trace?: TraceIdentity;
  readonly elements?: readonly Gs1Element[];
  /** Work order or shipment number (kinds 'workOrder' and 'shipment'). */
  readonly number?: string;
  readonly problem?: string;
}

/** What the pipeline tells its listeners, in arrival order. */
export type ScanEvent =
  | { readonly type: 'scan'; readonly scan: Scan }
  | {
      readonly type: 'duplicate';
      readonly scan: Scan;
      /** When the same barcode was last let through on this scanner. */
      readonly firstAt: string;
      readonly windowMs: number;
      readonly message: string;
    }
  | ({ readonly type: 'problem' } & FrameProblem)
  | ({ readonly type: 'state' } & DeviceStateEvent);
