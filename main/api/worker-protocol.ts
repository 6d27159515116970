// Messages between the thread that serves windows and HTTP and the worker thread that runs the core.
import type { Envelope } from '../../common/errors';
import type { MessagePort } from 'node:worker_threads';
import type { ApiEvents, ApiOptions } from './types';

export type ToWorker =
  | { type: 'invoke'; id: number; command: string; input: unknown; session?: string | null }
  | { type: 'seedDemo'; id: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'seeded'; id: number; loaded: boolean; error?: string }
  | { type: 'event'; topic: keyof ApiEvents; payload: ApiEvents[keyof ApiEvents] };

export interface WorkerData {
  options: ApiOptions;
  /** The worker's end of the bridge through which it opens serial ports on the main thread (devices/serial-bridge.ts). */
  serial?: MessagePort;
}
