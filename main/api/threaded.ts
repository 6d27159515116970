// The api run in a worker thread behind the same LotlineApi interface. The Electron shell and the web
// host use it so that their thread only routes requests; one-shot CLI commands use createApi directly.
import { EventEmitter } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';
import { serveSerialBridge } from '../devices/serial-bridge';
import type { Envelope } from '../../common/errors';
import type { ApiEvents, ApiOptions, LotlineApi } from './types';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol';

/** The built `api-worker.js`, `lineage-builder.js` and `epcis-checker.js`, or, from the sources, loaders that run them through tsx. */
export interface WorkerScript {
  url: URL;
  lineageBuilder: URL;
  epcisChecker: URL;
}

/** Where the worker scripts are, seen from a built entry (out/main/*.js) or from a source file in main/<folder>/. */
export function workerScript(entryUrl: string): WorkerScript {
  const fromSource = entryUrl.endsWith('.ts');
  return {
    url: fromSource ? new URL('../api/worker-from-source.mjs', entryUrl) : new URL('./api-worker.js', entryUrl),
    lineageBuilder: fromSource ? new URL('../core/trace/lineage-builder-from-source.mjs', entryUrl) : new URL('./lineage-builder.js', entryUrl),
    epcisChecker: fromSource ? new URL('../core/epcis/check-worker-from-source.mjs', entryUrl) : new URL('./epcis-checker.js', entryUrl),
  };
}

/** Starts the worker and resolves once the database is open (or rejects with why it could not open). */
export async function createThreadedApi(options: Omit<ApiOptions, 'now'>, script: WorkerScript): Promise<LotlineApi> {
  // Serial ports cannot be read in a worker thread: the core's printer links open theirs here, through this channel.
  const serial = new MessageChannel();
  const closeSerial = serveSerialBridge(serial.port1);
  const worker = new Worker(script.url, {
    workerData: { options: { lineageBuilder: script.lineageBuilder.href, epcisChecker: script.epcisChecker.href, ...options }, serial: serial.port2 } satisfies WorkerData,
    transferList: [serial.port2],
  });
  const emitter = new EventEmitter();
  const pending = new Map<number, (message: FromWorker) => void>();
  let nextId = 1;
  let closed = false;

  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: FromWorker) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'failed') reject(new Error(message.message));
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
  });

  worker.on('message', (message: FromWorker) => {
    if (message.type === 'event') emitter.emit(message.topic, message.payload);
    else if (message.type === 'result' || message.type === 'seeded') {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  // A worker that dies answers every waiting request with the reason instead of leaving it hanging.
  const fail = (reason: string) => {
    for (const [id, settle] of pending) settle({ type: 'result', id, envelope: { ok: false, error: { code: 'INTERNAL', message: reason } } });
    pending.clear();
  };
  worker.on('error', (error) => fail(`The Lotline core stopped: ${error.message}`));
  worker.on('exit', (code) => {
    if (!closed) fail(`The Lotline core stopped (exit code ${code})`);
  });

  const request = (build: (id: number) => ToWorker): Promise<FromWorker> =>
    new Promise((resolve) => {
      if (closed) {
        resolve({ type: 'result', id: 0, envelope: { ok: false, error: { code: 'INTERNAL', message: 'The Lotline core is closed' } } });
        return;
      }
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage(build(id));
    });

  return {
    dbPath: options.dbPath,
    async invoke(command, input, session): Promise<Envelope<unknown>> {
      const reply = await request((id) => ({ type: 'invoke', id, command, input, ...(session !== undefined ? { session } : {}) }));
      return reply.type === 'result' ? reply.envelope : { ok: false, error: { code: 'INTERNAL', message: 'unexpected reply from the core' } };
    },
    subscribe<T extends keyof ApiEvents>(topic: T, listener: (payload: ApiEvents[T]) => void) {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    async seedDemoIfEmpty() {
      const reply = await request((id) => ({ type: 'seedDemo', id }));
      if (reply.type === 'seeded' && reply.error) throw new Error(reply.error);
      return reply.type === 'seeded' && reply.loaded;
    },
    close() {
      if (closed) return;
      closed = true;
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      emitter.removeAllListeners();
      void closeSerial();
    },
  };
}
