// The core's side of the EPCIS check worker: starts it on the document and takes its messages as they come,
// blocking this thread while it waits (the import runs inside the dispatcher's synchronous transaction, so
// there is no event loop to wait on). What it is handed goes to the sink in document order, as checkDocument
// on this thread would hand it.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { LotlineError } from '../../../common/errors';
import { SIGNAL } from './check-protocol';
import type { CheckWorkerData, FromChecker } from './check-protocol';
import type { DocumentSource } from './document-reader';
import { refusalError } from './event-check';
import type { CheckSink } from './event-check';

/** How long the worker may take to start before the document is checked on this thread instead. */
const START_MS = 20_000;
/** How long a started worker may stay silent (it speaks at least every batch of events) before the import gives up. */
const SILENCE_MS = 120_000;

/** Workers that started on a document in this process (tests see which way a document was checked). */
export const checkWorkers = { started: 0 };

class Listener {
  private readonly signal: Int32Array;

  constructor(
    private readonly port: MessagePort,
    buffer: SharedArrayBuffer,
  ) {
    this.signal = new Int32Array(buffer);
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
 * Checks the document in the worker at `url`, handing its batches and progress to `sink`. False (and nothing
 * handed over) when the worker did not start: the caller then checks the document itself. Throws the
 * refusal the worker or the sink met, like checkDocument.
 */
export function checkInThread(url: string, source: DocumentSource, sink: CheckSink, startWithinMs = START_MS): boolean {
  const { port1, port2 } = new MessageChannel();
  const buffer = new SharedArrayBuffer(SIGNAL.length * Int32Array.BYTES_PER_ELEMENT);
  let worker: Worker;
  try {
    worker = new Worker(new URL(url), { workerData: { origin: source.origin, port: port2, signal: buffer } satisfies CheckWorkerData, transferList: [port2] });
  } catch {
    return false;
  }
  worker.unref();
  // An error of the worker is seen through its silence (this thread is blocked); keep it from becoming uncaught.
  worker.on('error', () => undefined);
  const listener = new Listener(port1, buffer);
  let finished = false;
  try {
    if (listener.next(startWithinMs)?.type !== 'started') return false;
    checkWorkers.started++;
    for (;;) {
      const message = listener.next(SILENCE_MS);
      if (message === undefined) throw new LotlineError('INTERNAL', 'The EPCIS check thread stopped answering; nothing was imported. Try the import again.');
      if (message.type === 'batch') sink.batch(message.events);
      else if (message.type === 'progress') sink.progress(message.bytes, message.events);
      else if (message.type === 'refused') throw refusalError(message.error);
      else if (message.type === 'done') {
        finished = true;
        return true;
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
