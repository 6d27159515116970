// Serial ports live on the main thread. serialport's native binding crashes the whole process when a port opened
// in a worker thread receives data (checked here: "HandleScope::HandleScope Entering the V8 API without proper
// locking"), and the core runs in a worker (main/api/threaded.ts). So a worker that needs a serial port — the core's
// printer links — asks the main thread through a MessagePort: open, write and close go there; data and the port's
// closing come back. On the main thread (the CLI, tests, the serving thread) a port is opened directly.
import { isMainThread } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { SerialPort } from 'serialport';

/** An open serial port, as the printer links use it. */
export interface SerialConnection {
  readonly isOpen: boolean;
  /** Resolves once the bytes are written and drained. */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  onData(listener: (chunk: Buffer) => void): void;
  /** Called once when the port closes, with the port's last error when it failed. */
  onClose(listener: (error: string | undefined) => void): void;
}

type Request =
  | { id: number; op: 'open'; path: string; baudRate: number }
  | { id: number; op: 'write'; link: number; bytes: Uint8Array }
  | { id: number; op: 'close'; link: number };

type Reply =
  | { type: 'reply'; id: number; link?: number; error?: string }
  | { type: 'data'; link: number; bytes: Uint8Array }
  | { type: 'closed'; link: number; error?: string };

/** Opens the port here, on this thread. */
function openLocal(path: string, baudRate: number): Promise<SerialConnection> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((error) => {
      if (error) {
        port.removeAllListeners();
        reject(error);
        return;
      }
      const dataListeners: ((chunk: Buffer) => void)[] = [];
      const closeListeners: ((error: string | undefined) => void)[] = [];
      let failure: string | undefined;
      port.on('data', (chunk: Buffer) => dataListeners.forEach((l) => l(chunk)));
      port.on('error', (err: Error) => (failure = err.message));
      port.on('close', () => closeListeners.forEach((l) => l(failure)));
      resolve({
        get isOpen() {
          return port.isOpen;
        },
        onData: (listener) => dataListeners.push(listener),
        onClose: (listener) => closeListeners.push(listener),
        write: (bytes) =>
          new Promise<void>((done, fail) => {
            if (!port.isOpen) {
              fail(new Error(`was lost${failure ? ` (${failure})` : ''}`));
              return;
            }
            port.write(Buffer.from(bytes), (writeError) => {
              if (writeError) fail(new Error(`was lost while writing (${writeError.message})`));
              else port.drain((drainError) => (drainError ? fail(new Error(`was lost while writing (${drainError.message})`)) : done()));
            });
          }),
        close: () =>
          new Promise<void>((done) => {
            const finish = () => {
              port.removeAllListeners();
              done();
            };
            if (port.isOpen) port.close(finish);
            else finish();
          }),
      });
    });
  });
}

/** The main thread's side: opens, writes and closes ports for the worker at the other end of `port`. */
export function serveSerialBridge(port: MessagePort): () => Promise<void> {
  const links = new Map<number, SerialConnection>();
  let nextLink = 1;
  const reply = (message: Reply) => port.postMessage(message);
  port.on('message', (request: Request) => {
    const answer = (work: Promise<number | undefined>) =>
      work.then(
        (link) => reply({ type: 'reply', id: request.id, ...(link === undefined ? {} : { link }) }),
        (error: unknown) => reply({ type: 'reply', id: request.id, error: error instanceof Error ? error.message : String(error) }),
      );
    if (request.op === 'open') {
      void answer(
        openLocal(request.path, request.baudRate).then((connection) => {
          const link = nextLink++;
          links.set(link, connection);
          connection.onData((chunk) => reply({ type: 'data', link, bytes: new Uint8Array(chunk) }));
          connection.onClose((error) => {
            links.delete(link);
            reply({ type: 'closed', link, ...(error === undefined ? {} : { error }) });
          });
          return link;
        }),
      );
      return;
    }
    const connection = links.get(request.link);
    if (!connection) {
      void answer(Promise.reject(new Error('was lost (the port is closed)')));
      return;
    }
    void answer(request.op === 'write' ? connection.write(request.bytes).then(() => undefined) : connection.close().then(() => undefined));
  });
  port.unref();
  return async () => {
    await Promise.all([...links.values()].map((c) => c.close()));
    port.close();
  };
}

let bridge: MessagePort | undefined;

/** Called once in a worker with the port whose other end the main thread serves (serveSerialBridge). */
export function useSerialBridge(port: MessagePort | undefined): void {
  bridge = port;
}

/** Opens a serial port: here on the main thread, through the main thread from a worker. */
export function openSerial(path: string, baudRate: number): Promise<SerialConnection> {
  if (isMainThread) return openLocal(path, baudRate);
  if (!bridge) return Promise.reject(new Error('cannot be opened from this thread (serial ports are opened on the main thread, and this worker has no bridge to it)'));
  return openBridged(bridge, path, baudRate);
}

const waiting = new Map<number, (reply: Extract<Reply, { type: 'reply' }>) => void>();
const linkListeners = new Map<number, { data: ((chunk: Buffer) => void)[]; close: ((error: string | undefined) => void)[]; open: boolean }>();
let nextRequest = 1;
let listening: MessagePort | undefined;

function ask(port: MessagePort, request: Request): Promise<Extract<Reply, { type: 'reply' }>> {
  if (listening !== port) {
    listening = port;
    port.on('message', (message: Reply) => {
      if (message.type === 'reply') {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
      } else if (message.type === 'data') {
        linkListeners.get(message.link)?.data.forEach((l) => l(Buffer.from(message.bytes)));
      } else {
        const link = linkListeners.get(message.link);
        if (link) link.open = false;
        link?.close.forEach((l) => l(message.error));
        linkListeners.delete(message.link);
        if (waiting.size === 0 && linkListeners.size === 0) port.unref();
      }
    });
  }
  // Listen only while something is open or awaited, so the bridge never keeps a worker alive on its own.
  port.ref();
  const answered = new Promise((resolve) => waiting.set(request.id, resolve));
  port.postMessage(request);
  return answered.finally(() => {
    if (waiting.size === 0 && linkListeners.size === 0) port.unref();
  }) as Promise<Extract<Reply, { type: 'reply' }>>;
}

async function openBridged(port: MessagePort, path: string, baudRate: number): Promise<SerialConnection> {
  const opened = await ask(port, { id: nextRequest++, op: 'open', path, baudRate });
  if (opened.error !== undefined || opened.link === undefined) throw new Error(opened.error ?? 'the main thread opened no port');
  const link = opened.link;
  const listeners = { data: [] as ((chunk: Buffer) => void)[], close: [] as ((error: string | undefined) => void)[], open: true };
  linkListeners.set(link, listeners);
  const checked = async (request: Request) => {
    const answer = await ask(port, request);
    if (answer.error !== undefined) throw new Error(answer.error);
  };
  return {
    get isOpen() {
      return listeners.open;
    },
    onData: (listener) => listeners.data.push(listener),
    onClose: (listener) => listeners.close.push(listener),
    write: (bytes) => checked({ id: nextRequest++, op: 'write', link, bytes }),
    close: async () => {
      if (!listeners.open) return;
      await checked({ id: nextRequest++, op: 'close', link });
    },
  };
}
