// What the EPCIS check worker and the core's thread say to each other (see check-thread.ts, check-worker.ts).
import type { MessagePort } from 'node:worker_threads';
import type { SourceOrigin } from './document-reader';
import type { CheckedEvent, RefusalBody } from './event-check';

export interface CheckWorkerData {
  origin: SourceOrigin;
  port: MessagePort;
  /** Int32 counters shared by both threads (see SIGNAL). */
  signal: SharedArrayBuffer;
}

/** Slots of the shared counters. */
export const SIGNAL = {
  /** Messages the worker has posted. */
  posted: 0,
  /** Messages the core's thread has taken. */
  taken: 1,
  /** Set by the core's thread when it stops listening (a refusal while recording, or the document done without the worker). */
  cancelled: 2,
  /**
   * Who checks which events: the first event of the core thread's current batch while it checks them itself
   * (with WAITING set while it stands still there, waiting for the worker: tests, WorkerShare.takeOverAt), the
   * worker's claim once it has taken the rest of the document (claimFrom), or CLOSED when the core's thread has
   * stopped waiting for it. One value, changed by compare-and-exchange only, so the two threads cannot both
   * check an event or both leave it.
   */
  split: 3,
  length: 4,
} as const;

/** `split` once the core's thread has stopped waiting for the worker: the document stays with that thread. */
export const CLOSED = 0x7fffffff;
/** Set in `split` while the core's thread waits at that batch for the worker (event indexes stay below it). */
export const WAITING = 0x40000000;

/** The value of `split` that claims the document from event `from` on (negative, so never a batch start); and back. */
export const claimFrom = (from: number): number => -1 - from;
export const claimedFrom = (split: number): number | undefined => (split < 0 ? -1 - split : undefined);

/**
 * Batches of the document the worker leaves to the core's thread past the one it is checking when the worker
 * claims the rest: while the core's thread checks them, the worker reads past them and checks its own first batch
 * with code that is not yet compiled (V8 runs new code slowly at first), so that batch is ready when it is needed.
 */
export const LEAD_BATCHES = 2;

/**
 * Messages the worker may be ahead of the core's thread: at most this many batches (≈ 8,000 events, a few MB) wait
 * in memory. Enough to ride out either thread being set aside by the OS for a while on a busy machine (with 4 the
 * two kept waiting on each other: the built CLI took 11.2 s where one thread took 8.2–9.5 s, at load 2.5).
 */
export const AHEAD = 32;

export type FromChecker =
  | { type: 'batch'; events: CheckedEvent[] }
  | { type: 'progress'; bytes: number; events: number }
  | { type: 'done' }
  | { type: 'refused'; error: RefusalBody };
