// Worker thread that reads the lineage into an index snapshot on its own read-only connection, so that a
// plant-size build (seconds, hundreds of MB of staging arrays) never holds up the thread that answers
// commands. The arrays are handed back without copying (transfer list).
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { readLineage, snapshotBuffers } from './lineage-index';
import type { LineageSnapshot } from './lineage-index';

export interface BuilderData {
  file: string;
}

export type BuilderReply = { ok: true; snapshot: LineageSnapshot } | { ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('lineage-builder runs only as a worker thread');
try {
  const db = openDatabase((workerData as BuilderData).file, { readonly: true });
  try {
    const snapshot = readLineage(db);
    port.postMessage({ ok: true, snapshot } satisfies BuilderReply, snapshotBuffers(snapshot));
  } finally {
    db.close();
  }
} catch (error) {
  port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies BuilderReply);
}
