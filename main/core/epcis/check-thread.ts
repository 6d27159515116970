// The core's side of the EPCIS check worker. The worker takes a moment to start (a thread, its modules, the
// compiled schema), so this thread checks the document itself from the start, and at the first batch after the
// worker is ready hands the rest over to it and records what it is handed, blocking while it waits (the import
// runs inside the dispatcher's synchronous transaction, so there is no event loop to wait on). Either way the
// sink gets the events in document order, as checkDocument on this thread would hand them; a worker that never
// becomes ready leaves the whole document to this thread.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { LotlineError } from '../../../common/errors';
import { SIGNAL } from './check-protocol';
import type { CheckWorkerData, FromChecker } from './check-protocol';
import type { DocumentSource } from './document-reader';
import { CHECK_BATCH, checkDocument, refusalError } from './event-check';
import type { CheckSink } from './event-check';

/** How long a worker asked to take over at a given event (`takeOverAt`) may take to become ready. */
const START_MS = 20_000;
/** How long a working worker may stay silent (it speaks at least every batch of events) before the import gives up. */
const SILENCE_MS = 120_000;

/** Workers that took a document over in this process (tests see which way a document was checked). */
export const checkWorkers = { started: 0 };

export interface WorkerShare {
  /**
   * The event from which the worker checks the document: this thread checks the ones before it and then waits
   * for the worker (up to `startWithinMs`). Without it, this thread hands over as soon as the worker is ready.
   */
  takeOverAt?: number | undefined;
  startWithinMs?: number | undefined;
}

class Listener {
  private readonly signal: Int32Array;

  constructor(
    private readonly port: MessagePort,
    buffer: SharedArrayBuffer,
  ) {
    this.signal = new Int32Array(buffer);
    Atomics.store(this.signal, SIGNAL.from, -1);
  }

  /** Whether the worker is ready, waiting up to `ms` for it. */
  ready(ms = 0): boolean {
    if (Atomics.load(this.signal, SIGNAL.ready) === 1) return true;
    if (ms > 0) Atomics.wait(this.signal, SIGNAL.ready, 0, ms);
    return Atomics.load(this.signal, SIGNAL.ready) === 1;
  }

  /** Tells the worker to check the document from event `index` on. */
  handOver(index: number): void {
    Atomics.store(this.signal, SIGNAL.from, index);
    Atomics.notify(this.signal, SIGNAL.from);
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
    Atomics.notify(this.signal, SIGNAL.from);
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
    worker = new Worker(new URL(url), { workerData: { origin: source.origin, port: port2, signal: buffer } satisfies CheckWorkerData, transferList: [port2] });
  } catch {
    checkDocument(source, sink);
    return;
  }
  worker.unref();
  // An error of the worker is seen through its silence (this thread is blocked); keep it from becoming uncaught.
  worker.on('error', () => undefined);
  const listener = new Listener(port1, buffer);
  /** The event the worker checks from, once it has been told; whether this thread has got there (and stopped). */
  let from: number | undefined;
  let handedOver = false;
  let finished = false;
  try {
    let waited = false;
    const handOver = (index: number): boolean => {
      if (from === undefined) {
        if (share.takeOverAt !== undefined) {
          if (index < share.takeOverAt || waited) return false;
          waited = true;
          if (!listener.ready(share.startWithinMs ?? START_MS)) return false;
          from = index;
        } else {
          if (!listener.ready()) return false;
          // One batch ahead: while this thread checks it, the worker reads past what was checked and checks its
          // first batch (with code not yet warm), so that batch is there when this thread gets to it.
          from = index + CHECK_BATCH;
        }
        listener.handOver(from);
      }
      handedOver = index >= from;
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
