// Worker thread that reads and checks an EPCIS document for an import (checkDocument: JSON, CBV terms,
// schema, CBV hash, ledger fields) and hands the checked events to the core's thread a batch at a time,
// staying at most AHEAD messages in front of it, while that thread records what it has been handed. The
// core's thread checks the opening events itself while this thread starts, and says from which event on
// the document is this thread's.
import { workerData } from 'node:worker_threads';
import { AHEAD, SIGNAL } from './check-protocol';
import type { CheckWorkerData, FromChecker } from './check-protocol';
import { sourceOf } from './document-reader';
import { checkDocument, refusalBody } from './event-check';

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

/** The event from which the document is this thread's, once the core's thread says so; undefined when it finished without us. */
function handedOver(): number | undefined {
  Atomics.store(signal, SIGNAL.ready, 1);
  Atomics.notify(signal, SIGNAL.ready);
  for (;;) {
    if (Atomics.load(signal, SIGNAL.cancelled) !== 0) return undefined;
    const from = Atomics.load(signal, SIGNAL.from);
    if (from >= 0) return from;
    Atomics.wait(signal, SIGNAL.from, from, 1000);
  }
}

const from = handedOver();
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
