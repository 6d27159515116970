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
  /** Set to 1 by the worker once it has loaded and can take the document over. */
  ready: 3,
  /** Set by the core's thread: the event from which the worker checks the document (-1 until then; see CheckShare). */
  from: 4,
  length: 5,
} as const;

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
