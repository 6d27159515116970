// The on-screen preview is the ZPL itself rendered to PNG by zpl-renderer-js (Zebrash compiled to wasm), never a
// re-drawing. Its 8 MB module takes about half a second to load and a render holds the thread, so it runs in one
// worker thread, started on the first preview and kept (unreferenced while idle) for the next.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { LotlineError } from '../../common/errors';

// Plain CommonJS evaluated in the worker, so it runs the same from the sources, the build and the packaged app.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = Promise.resolve().then(() => require(workerData.module).ready);
parentPort.on('message', async (job) => {
  try {
    const { api } = await ready;
    const png = await api.zplToBase64Async(job.zpl, job.widthMm, job.heightMm, job.dpmm);
    parentPort.postMessage({ id: job.id, ok: true, png });
  } catch (error) {
    parentPort.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

interface Reply {
  id: number;
  ok: boolean;
  png?: string;
  message?: string;
}

export interface PreviewJob {
  zpl: string;
  widthMm: number;
  heightMm: number;
  dotsPerMm: number;
}

/** Renders ZPL to PNG bytes. */
export type ZplRasterizer = (job: PreviewJob) => Promise<Buffer>;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (png: Buffer) => void; reject: (error: Error) => void }>();

function failAll(from: Worker, error: Error): void {
  if (worker !== from) return;
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  worker = undefined;
}

function start(): Worker {
  const module = createRequire(import.meta.url).resolve('zpl-renderer-js');
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { module } });
  w.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if (reply.ok && reply.png !== undefined) p.resolve(Buffer.from(reply.png, 'base64'));
    else p.reject(new LotlineError('INTERNAL', `The label preview could not be rendered from its ZPL: ${reply.message ?? 'no image'}`));
  });
  w.on('error', (error) => failAll(w, new LotlineError('INTERNAL', `The label preview renderer stopped: ${error.message}`)));
  w.on('exit', () => failAll(w, new LotlineError('INTERNAL', 'The label preview renderer exited')));
  return w;
}

/** The PNG that zpl-renderer-js draws from exactly this ZPL. */
export const renderZplPreview: ZplRasterizer = (job) =>
  new Promise((resolve, reject) => {
    worker ??= start();
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, zpl: job.zpl, widthMm: job.widthMm, heightMm: job.heightMm, dpmm: job.dotsPerMm });
  });

/** Stops the worker (tests, benchmarks, shutdown); the next preview starts a new one. */
export async function stopZplPreview(): Promise<void> {
  const w = worker;
  if (!w) return;
  failAll(w, new LotlineError('INTERNAL', 'The label preview renderer was stopped'));
  await w.terminate();
}
