// Ingest: how many scans a station commits per second, each a real command through the api in its own
// transaction with synchronous=FULL, against a bare better-sqlite3 insert of one row per transaction with the
// same durability (WAL + synchronous=FULL) on the same disk.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../main/api';
import { createDispatcher } from '../main/api/dispatch';
import { handlers } from '../main/api/handlers';
import { APP_VERSION } from '../main/api/version';
import { openDatabase } from '../main/core/db/open';
import { caller } from '../main/demo/plant';
import { summarise } from './timing';
import type { Timing } from './timing';
import { consumeWriteSet, pagesPerCommit } from './write-set';

export interface IngestRate {
  events: number;
  seconds: number;
  perSecond: number;
  latency: Timing;
}

export interface IngestResult {
  source: string;
  scan: string;
  rounds: number;
  api: IngestRate;
  bare: IngestRate;
  /** The same scans with synchronous=OFF: what the command costs besides waiting for the disk. */
  apiWithoutSync: IngestRate;
  /** The rows one scan writes, by plain statements on a copy of the same database: the write set's floor. */
  writeSet: IngestRate;
  /** Pages each commit appends to the WAL: the scan through the api (by b-tree) and the bare insert. */
  pages: { api: number; apiByTree: [string, number][]; bare: number };
  /** STATIONS stations scanning at once, each waiting for its answer before the next scan (group commit). */
  stations: IngestRate & { count: number };
}

const STATIONS = 8;

const SCANS_PER_WORK_ORDER = 40;

function rate(samples: number[]): IngestRate {
  const seconds = samples.reduce((a, b) => a + b, 0) / 1000;
  return { events: samples.length, seconds, perSecond: samples.length / seconds, latency: summarise(samples) };
}

/** `source` is a small dataset: it is copied, never written. */
export async function ingestBenchmark(source: string, log: (line: string) => void, perRound = 100, rounds = 10): Promise<IngestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-ingest-'));
  try {
    const copy = join(dir, 'lotline.db');
    const floorCopy = join(dir, 'write-set.db');
    const src = new Database(source, { readonly: true });
    for (const file of [copy, floorCopy]) src.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
    src.close();

    const api = createApi({ dbPath: copy, actor: 'bench' });
    const call = caller(api.invoke);
    await call('items.create', {
      part: 'BENCH-MIX',
      description: 'Ingest benchmark mix',
      tracking: 'lot',
      category: 'component',
      unit: 'kg',
    });
    await call('boms.create', { part: 'BENCH-MIX', lines: [{ part: 'SALT', quantityPer: 1 }] });
    const receipt = await call('receiving.receive', {
      supplier: 'SUP',
      lines: [{ part: 'SALT', supplierLot: 'BENCH-1', quantity: 1_000_000 }],
    });
    const salt = receipt.lots[0]?.ref;
    if (!salt) throw new Error('ingest: the receipt made no lot');
    await call('units.setStatus', { ref: salt, status: 'released', reason: 'incoming inspection passed' });
    // Scans spread over several open work orders, as on a line: consume's cost grows with the events already on
    // its work order, and one work order taking thousands of scans would measure that instead.
    const workOrders: string[] = [];
    for (let i = 0; i < Math.ceil(((rounds + 1) * perRound) / SCANS_PER_WORK_ORDER); i++)
      workOrders.push((await call('workOrders.create', { part: 'BENCH-MIX', quantity: 100 })).number);
    let scans = 0;

    const bare = new Database(join(dir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE scans (id INTEGER PRIMARY KEY, code TEXT NOT NULL, at TEXT NOT NULL) STRICT');
    const insert = bare.prepare<[string, string]>('INSERT INTO scans (code, at) VALUES (?, ?)');

    // The write set's floor runs on its own copy, with audit rows as large as those the api writes for this scan.
    const first = await api.invoke('workOrders.consume', { workOrder: workOrders[scans++] as string, ref: salt, quantity: '0.001' });
    if (!first.ok) throw new Error(`ingest: workOrders.consume failed: ${first.error.message}`);
    const written = new Database(copy, { readonly: true });
    const last = written.prepare<[], { new_values: string; moves: string | null }>("SELECT new_values, moves FROM audit_trail WHERE entity = 'events' ORDER BY seq DESC LIMIT 1").get();
    written.close();
    if (!last) throw new Error('ingest: the scan wrote no audit row');
    const floorDb = openDatabase(floorCopy);
    const floorUnit = floorDb.prepare<[], { id: number }>("SELECT id FROM units WHERE kind = 'lot' ORDER BY id LIMIT 1").get();
    if (!floorUnit) throw new Error('ingest: the dataset has no lot');
    const floorOrders = floorDb.prepare<[number], { id: number }>('SELECT id FROM work_orders ORDER BY id DESC LIMIT ?').all(workOrders.length).map((r) => r.id);
    const writeSet = consumeWriteSet(floorDb, floorUnit.id, floorOrders, { newValues: last.new_values, moves: last.moves });

    const apiSamples: number[] = [];
    const bareSamples: number[] = [];
    const floorSamples: number[] = [];
    // Alternate rounds so that a slow patch of the disk weighs on all alike; the first round of each warms up.
    for (let round = 0; round <= rounds; round++) {
      const a: number[] = [];
      const b: number[] = [];
      const f: number[] = [];
      for (let i = 0; i < perRound; i++) {
        const t = performance.now();
        insert.run(salt, new Date().toISOString());
        b.push(performance.now() - t);
      }
      for (let i = 0; i < perRound; i++) {
        const t = performance.now();
        writeSet(i);
        f.push(performance.now() - t);
      }
      for (let i = 0; i < perRound; i++) {
        const t = performance.now();
        const workOrder = workOrders[scans++ % workOrders.length] as string;
        const result = await api.invoke('workOrders.consume', { workOrder, ref: salt, quantity: '0.001' });
        a.push(performance.now() - t);
        if (!result.ok) throw new Error(`ingest: workOrders.consume failed: ${result.error.message}`);
      }
      if (round > 0) {
        apiSamples.push(...a);
        bareSamples.push(...b);
        floorSamples.push(...f);
      }
      log(
        `ingest round ${round}: api ${(perRound / (a.reduce((x, y) => x + y, 0) / 1000)).toFixed(0)}/s, bare ${(perRound / (b.reduce((x, y) => x + y, 0) / 1000)).toFixed(0)}/s`,
      );
    }
    // A line of stations scanning at once: each waits for its own answer before its next scan, as a
    // station does; writes that arrive together commit together (one sync for the group).
    const perStation = Math.ceil((rounds * perRound) / STATIONS);
    const stationSamples: number[] = [];
    const stationsStart = performance.now();
    await Promise.all(
      Array.from({ length: STATIONS }, async (_, station) => {
        for (let i = 0; i < perStation; i++) {
          const t = performance.now();
          const result = await api.invoke('workOrders.consume', { workOrder: workOrders[(station * 7 + i) % workOrders.length] as string, ref: salt, quantity: '0.001' });
          stationSamples.push(performance.now() - t);
          if (!result.ok) throw new Error(`ingest: workOrders.consume failed: ${result.error.message}`);
        }
      }),
    );
    const stationsSeconds = (performance.now() - stationsStart) / 1000;
    log(`ingest, ${STATIONS} stations at once: ${(stationSamples.length / stationsSeconds).toFixed(0)}/s`);
    floorDb.close();
    const barePages = await pagesPerCommit(bare, join(dir, 'bare.db'), 200, () => insert.run(salt, new Date().toISOString()));
    bare.close();
    api.close();

    // The same dispatcher and handlers that createApi wires, on a connection that does not wait for the disk.
    const db = openDatabase(copy);
    db.pragma('synchronous = OFF');
    const invoke = createDispatcher(
      { core: { db, actor: 'bench', now: () => new Date() }, version: APP_VERSION },
      handlers,
      () => undefined,
    );
    const cpuOrders: string[] = [];
    for (const _ of workOrders) cpuOrders.push((await caller(invoke)('workOrders.create', { part: 'BENCH-MIX', quantity: 100 })).number);
    const cpuSamples: number[] = [];
    for (let i = 0; i < (rounds + 1) * perRound; i++) {
      const t = performance.now();
      const result = await invoke('workOrders.consume', {
        workOrder: cpuOrders[i % cpuOrders.length] as string,
        ref: salt,
        quantity: '0.001',
      });
      if (i >= perRound) cpuSamples.push(performance.now() - t);
      if (!result.ok) throw new Error(`ingest: workOrders.consume failed: ${result.error.message}`);
    }
    const apiPages = await pagesPerCommit(db, copy, 200, async (i) => {
      const result = await invoke('workOrders.consume', { workOrder: cpuOrders[i % cpuOrders.length] as string, ref: salt, quantity: '0.001' });
      if (!result.ok) throw new Error(`ingest: workOrders.consume failed: ${result.error.message}`);
    });
    db.close();
    return {
      source,
      scan: `workOrders.consume of 0.001 kg of ${salt}, round-robin over ${workOrders.length} open work orders (≤ ${SCANS_PER_WORK_ORDER} scans each): one transformation event, its event_units row, the stock move, the work order's consumption total, and one audit row recording the event with the move`,
      rounds,
      api: rate(apiSamples),
      bare: rate(bareSamples),
      apiWithoutSync: rate(cpuSamples),
      writeSet: rate(floorSamples),
      pages: { api: apiPages.total, apiByTree: apiPages.byTree, bare: barePages.total },
      stations: {
        count: STATIONS,
        events: stationSamples.length,
        seconds: stationsSeconds,
        perSecond: stationSamples.length / stationsSeconds,
        latency: summarise(stationSamples),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
