// Worker thread that reads and checks an EPCIS document for an import (checkDocument: JSON, CBV terms,
// schema, CBV hash, identifiers, ledger fields) and hands the checked events to the core's thread a batch at
// a time, staying at most AHEAD messages in front of it, while that thread records what it has been handed. The
// core's thread checks the opening events itself while this thread starts; once started, this thread
// claims the rest of the document.
import { workerData } from 'node:worker_threads';
import { AHEAD, claimFrom, CLOSED, LEAD_BATCHES, SIGNAL, WAITING } from './check-protocol';
import type { CheckWorkerData, FromChecker } from './check-protocol';
import { sourceOf } from './document-reader';
import { CHECK_BATCH, checkDocument, refusalBody } from './event-check';

class Cancelled extends Error {}

const { origin, port, signal: buffer } = workerData as CheckWorkerData;
const signal = new Int32Array(buffer);
// The core's thread takes the messages itself (receiveMessageOnPort): the port must not keep this thread alive.
port.unref();
let posted = 0;

function post(message: FromChecker): void {
  port.postMessage(message);
  Atomics.store(signal, SIGNAL.posted, ++posted);
  Atomics.notify(signal, SIGNAL.posted);
  for (;;) {
    if (Atomics.load(signal, SIGNAL.cancelled) !== 0) throw new Cancelled();
    const taken = Atomics.load(signal, SIGNAL.taken);
    if (posted - taken < AHEAD) return;
    Atomics.wait(signal, SIGNAL.taken, taken, 1000);
  }
}

/**
 * Claims the rest of the document (see SIGNAL.split): from LEAD_BATCHES batches past the one the core's thread is
 * checking, or from the batch it stands still at when it waits for this thread. Undefined when it stopped waiting.
 */
function claim(): number | undefined {
  for (;;) {
    if (Atomics.load(signal, SIGNAL.cancelled) !== 0) return undefined;
    const at = Atomics.load(signal, SIGNAL.split);
    if (at === CLOSED) return undefined;
    const from = at & WAITING ? at & ~WAITING : at + LEAD_BATCHES * CHECK_BATCH;
    if (Atomics.compareExchange(signal, SIGNAL.split, at, claimFrom(from)) === at) {
      Atomics.notify(signal, SIGNAL.split);
      return from;
    }
  }
}

const from = claim();
if (from !== undefined) {
  try {
    checkDocument(
      sourceOf(origin),
      {
        batch: (events) => post({ type: 'batch', events }),
        progress: (bytes, events) => post({ type: 'progress', bytes, events }),
      },
      { from },
    );
    post({ type: 'done' });
  } catch (error) {
    if (!(error instanceof Cancelled)) {
      try {
        post({ type: 'refused', error: refusalBody(error) });
      } catch {
        // Cancelled meanwhile: nobody is listening.
      }
    }
  }
}
