// The core in its own thread: opens the api and answers the serving thread's messages, so a wide trace
// or a long export never stalls the windows, IPC or the web host.
import { parentPort, workerData } from 'node:worker_threads';
import { useSerialBridge } from '../devices/serial-bridge';
import { createApi } from './index';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker-entry runs only as a worker thread');
const post = (message: FromWorker) => port.postMessage(message);

try {
  useSerialBridge((workerData as WorkerData).serial);
  const api = createApi((workerData as WorkerData).options);
  // What the core publishes itself: writes, and the progress of long work. (Device topics come from the serving thread.)
  for (const topic of ['changed', 'progress'] as const) api.subscribe(topic, (payload) => post({ type: 'event', topic, payload }));
  port.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      api.close();
      port.close();
    } else if (message.type === 'invoke') {
      void api.invoke(message.command, message.input, message.session).then((envelope) => post({ type: 'result', id: message.id, envelope }));
    } else {
      api.seedDemoIfEmpty().then(
        (loaded) => post({ type: 'seeded', id: message.id, loaded }),
        (error: unknown) => post({ type: 'seeded', id: message.id, loaded: false, error: error instanceof Error ? error.message : String(error) }),
      );
    }
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
