// The core's side of the EPCIS check worker. The worker takes a moment to start (a thread, its modules), so
// this thread checks the document itself from the start; once started, the worker claims the rest of it a
// couple of batches ahead, and this thread, on getting there, records what the worker hands it, blocking
// while it waits (the import runs inside the dispatcher's synchronous transaction, so there is no event loop
// to wait on). Either way the sink gets the events in document order, as checkDocument on this thread would
// hand them; a worker that never starts leaves the whole document to this thread.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { LotlineError } from '../../../common/errors';
import { claimedFrom, CLOSED, SIGNAL, WAITING } from './check-protocol';
import type { CheckWorkerData, FromChecker } from './check-protocol';
import type { DocumentSource } from './document-reader';
import { checkDocument, refusalError } from './event-check';
import type { CheckSink } from './event-check';

/** How long this thread stands still at `takeOverAt` for the worker to claim the document (tests). */
const START_MS = 20_000;
/** How long a working worker may stay silent (it speaks at least every batch of events) before the import gives up. */
const SILENCE_MS = 120_000;

/** Workers that took a document over in this process (tests see which way a document was checked). */
export const checkWorkers = { started: 0 };

export interface WorkerShare {
  /**
   * Tests: the batch at which this thread stands still until the worker claims the rest of the document (up to
   * `startWithinMs`), so that the worker takes it from there. Without it, this thread never waits.
   */
  takeOverAt?: number | undefined;
  startWithinMs?: number | undefined;
}

class Listener {
  private readonly signal: Int32Array;
  /** The first event of this thread's current batch, as `split` says while the worker has not claimed. */
  private at = 0;
  private from: number | undefined;

  constructor(
    private readonly port: MessagePort,
    buffer: SharedArrayBuffer,
  ) {
    this.signal = new Int32Array(buffer);
  }

  /**
   * At the first event of each batch this thread is about to check: whether the worker checks the document from
   * here on (it claimed it), else says this thread is here (standing still until the worker claims, or `waitMs`).
   */
  workerTakesOver(index: number, waitMs = 0): boolean {
    if (this.from === undefined) {
      const now = waitMs > 0 ? index | WAITING : index;
      const seen = Atomics.compareExchange(this.signal, SIGNAL.split, this.at, now);
      if (seen === this.at) {
        this.at = now;
        if (waitMs > 0) {
          Atomics.wait(this.signal, SIGNAL.split, now, waitMs);
          // Claimed meanwhile, or not: then the document stays here.
          const closed = Atomics.compareExchange(this.signal, SIGNAL.split, now, CLOSED);
          this.from = closed === now ? Infinity : claimedFrom(closed);
        }
      } else {
        this.from = claimedFrom(seen) ?? Infinity;
      }
    }
    return this.from !== undefined && index >= this.from;
  }

  /** The next message, or undefined when none came within `ms`. */
  next(ms: number): FromChecker | undefined {
    const until = performance.now() + ms;
    for (;;) {
      const seen = Atomics.load(this.signal, SIGNAL.posted);
      const got = receiveMessageOnPort(this.port);
      if (got) {
        Atomics.add(this.signal, SIGNAL.taken, 1);
        Atomics.notify(this.signal, SIGNAL.taken);
        return got.message as FromChecker;
      }
      const left = until - performance.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.signal, SIGNAL.posted, seen, Math.min(left, 1000));
    }
  }

  cancel(): void {
    Atomics.store(this.signal, SIGNAL.cancelled, 1);
    Atomics.notify(this.signal, SIGNAL.taken);
  }
}

/**
 * Checks the document with the worker at `url` (see the head of this file), handing its batches and progress to
 * `sink`. Throws the refusal the worker, this thread or the sink met, like checkDocument.
 */
export function checkWithWorker(url: string, source: DocumentSource, sink: CheckSink, share: WorkerShare = {}): void {
  const { port1, port2 } = new MessageChannel();
  const buffer = new SharedArrayBuffer(SIGNAL.length * Int32Array.BYTES_PER_ELEMENT);
  let worker: Worker;
  try {
    // No flags of this process: started with loader hooks (tsx, a test runner), the worker would load them too before
    // its own code (≈ 0.1 s; a worker from the sources registers what it needs itself).
    worker = new Worker(new URL(url), { workerData: { origin: source.origin, port: port2, signal: buffer } satisfies CheckWorkerData, transferList: [port2], execArgv: [] });
  } catch {
    checkDocument(source, sink);
    return;
  }
  worker.unref();
  // An error of the worker is seen through its silence (this thread is blocked); keep it from becoming uncaught.
  worker.on('error', () => undefined);
  const listener = new Listener(port1, buffer);
  let handedOver = false;
  let finished = false;
  try {
    let waited = false;
    const handOver = (index: number): boolean => {
      const wait = share.takeOverAt !== undefined && index >= share.takeOverAt && !waited;
      if (wait) waited = true;
      handedOver = listener.workerTakesOver(index, wait ? (share.startWithinMs ?? START_MS) : 0);
      return handedOver;
    };
    // What this thread reported is not reported again as the worker reads past it.
    let reportedHere = -1;
    const progress = (bytes: number, events: number): void => {
      reportedHere = bytes;
      sink.progress(bytes, events);
    };
    checkDocument(source, { batch: (events) => sink.batch(events), progress }, { handOver });
    if (!handedOver) return;
    checkWorkers.started++;
    for (;;) {
      const message = listener.next(SILENCE_MS);
      if (message === undefined) throw new LotlineError('INTERNAL', 'The EPCIS check thread stopped answering; nothing was imported. Try the import again.');
      if (message.type === 'batch') sink.batch(message.events);
      else if (message.type === 'progress') {
        if (message.bytes > reportedHere) sink.progress(message.bytes, message.events);
      }
      else if (message.type === 'refused') throw refusalError(message.error);
      else if (message.type === 'done') {
        finished = true;
        return;
      }
    }
  } finally {
    if (!finished) {
      listener.cancel();
      void worker.terminate();
    }
    port1.close();
  }
}
