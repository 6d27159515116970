// createApi: opens the trace database and answers every command through one dispatcher.
import { EventEmitter } from 'node:events';
import { userInfo } from 'node:os';
import type { ApiEvents, ApiOptions, LotlineApi } from './types';
import { openDatabase } from '../core/db/open';
import type { Core } from '../core/context';
import { createDispatcher } from './dispatch';
import { handlers } from './handlers';
import { seedDemoPlant } from '../demo/plant';
import { seedDemoUsers } from '../demo/users';
import { seedDemoSignatures } from '../demo/signatures';
import { startLineageIndex } from '../core/trace/walk';
import { APP_VERSION } from './version';

export type { LotlineApi, ApiOptions } from './types';

export function createApi(options: ApiOptions): LotlineApi {
  const db = openDatabase(options.dbPath);
  const core: Core = { db, actor: options.actor ?? osUser(), now: options.now ?? (() => new Date()) };
  const emitter = new EventEmitter();
  // Trace answers from the CTE until the in-memory lineage index is ready, and keeps doing so if it cannot be built.
  startLineageIndex(db, { builder: options.lineageBuilder }).catch((error: unknown) => {
    console.warn(`Lotline: trace answers from the database without its in-memory index: ${error instanceof Error ? error.message : String(error)}`);
  });
  const invoke = createDispatcher({ core, version: APP_VERSION, epcisChecker: options.epcisChecker, publish: (topic, payload) => emitter.emit(topic, payload) }, handlers, (command) => emitter.emit('changed', { command }));
  return {
    dbPath: options.dbPath,
    invoke,
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    async seedDemoIfEmpty() {
      const { n } = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM items').get() ?? { n: 0 };
      if (n > 0) return false;
      // One transaction for the whole plant (each command nests as a savepoint): one sync to disk
      // instead of thousands, and an interrupted first run leaves an empty database, not half a plant.
      db.exec('BEGIN IMMEDIATE');
      try {
        await seedDemoPlant(invoke);
        await seedDemoUsers(invoke);
        seedDemoSignatures(core);
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
      return true;
    },
    close() {
      emitter.removeAllListeners();
      db.close();
    },
  } satisfies LotlineApi & { subscribe<T extends keyof ApiEvents>(topic: T, listener: (p: ApiEvents[T]) => void): () => void };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
