// Several stations on one trace database file: two api connections in this process, a second OS process
// that holds the write lock with plain better-sqlite3, and a second OS process running the real api.
// Writes wait for the lock (busy_timeout) instead of failing or corrupting, each side sees the other's
// commits, and the audit trail stays one valid hash chain — also while `audit verify` runs during writes.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRow, AuditVerification } from '../../../common/api/audit';
import type { TraceResult, UnitSummary } from '../../../common/domain';
import type { Envelope } from '../../../common/errors';
import { createApi } from '../../api';
import type { LotlineApi } from '../../api';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const apiModule = pathToFileURL(join(repoRoot, 'main/api/index.ts')).href;

/** A child process spoken to in lines: waits for the line that starts with a word, never for time. */
class Child {
  private readonly proc: ChildProcess;
  private readonly lines: string[] = [];
  private readonly waiting: { word: string; resolve: (rest: string) => void; reject: (e: Error) => void }[] = [];
  private stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.proc = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    createInterface({ input: this.proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      this.lines.push(line);
      this.deliver();
    });
    this.exited = new Promise((done) =>
      this.proc.on('exit', (code) => {
        for (const w of this.waiting.splice(0)) w.reject(new Error(`child exited (${code}) before "${w.word}": ${this.stderr}`));
        done(code);
      }),
    );
  }

  private deliver(): void {
    for (const w of [...this.waiting]) {
      const at = this.lines.findIndex((l) => l === w.word || l.startsWith(`${w.word} `));
      if (at >= 0) {
        const [line] = this.lines.splice(at, 1);
        this.waiting.splice(this.waiting.indexOf(w), 1);
        w.resolve((line ?? '').slice(w.word.length + 1));
      }
    }
  }

  /** The rest of the first line that starts with `word`. */
  next(word: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ word, resolve, reject });
      this.deliver();
    });
  }

  send(line: string): void {
    this.proc.stdin?.write(`${line}\n`);
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

const children: Child[] = [];
const lockHolder = (file: string, hold: number | 'stdin') => {
  const child = new Child([join(here, 'concurrency.lock-holder.mjs'), file, String(hold)]);
  children.push(child);
  return child;
};
const station = (file: string, actor: string) => {
  const child = new Child(['--import', 'tsx', join(here, 'concurrency.station.mjs'), apiModule, file, actor]);
  children.push(child);
  return child;
};

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

let dir: string;
let file: string;
let a: LotlineApi;
let b: LotlineApi;
let seq = 0;

/** Receives one lot of RES at a station and releases it; returns its ref. */
async function receiveAndRelease(api: LotlineApi, tag: string): Promise<string> {
  const receipt = value<{ lots: UnitSummary[] }>(
    await api.invoke('receiving.receive', { supplier: 'SUP', lines: [{ part: 'RES', supplierLot: `${tag}-${++seq}`, quantity: 10 }] }),
  );
  const ref = receipt.lots[0]?.ref ?? '';
  value(await api.invoke('units.setStatus', { ref, status: 'released', reason: `Incoming inspection passed (${tag})` }));
  return ref;
}

const lotRefs = async (api: LotlineApi) => value<UnitSummary[]>(await api.invoke('lots.list', { limit: 100_000 })).map((l) => l.ref);
const verify = async (api: LotlineApi) => value<AuditVerification>(await api.invoke('audit.verify', {}));

function integrity(): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lotline-concurrency-'));
  file = join(dir, 'site.db');
  a = createApi({ dbPath: file, actor: 'station-a' });
  b = createApi({ dbPath: file, actor: 'station-b' });
  value(await a.invoke('suppliers.create', { code: 'SUP', name: 'Resin supplier' }));
  value(await a.invoke('items.create', { part: 'RES', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' }));
});

afterEach(() => {
  for (const c of children.splice(0)) c.kill();
  a.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  for (const c of children.splice(0)) c.kill();
});

describe('two connections in one process', () => {
  it('see each other’s committed writes and keep one audit chain', async () => {
    // B sees what A created before B wrote anything.
    expect(value<{ part: string }[]>(await b.invoke('items.list', {})).map((i) => i.part)).toEqual(['RES']);
    const mine = { a: [] as string[], b: [] as string[] };
    for (let i = 0; i < 20; i++) {
      const [api, key] = i % 2 === 0 ? ([a, 'a'] as const) : ([b, 'b'] as const);
      mine[key].push(await receiveAndRelease(api, key));
    }
    // Each side holds a hold on a lot the other received.
    value(await a.invoke('units.setStatus', { ref: mine.b[0] ?? '', status: 'on_hold', reason: 'Held by station A' }));
    value(await b.invoke('units.setStatus', { ref: mine.a[0] ?? '', status: 'on_hold', reason: 'Held by station B' }));

    const all = [...mine.a, ...mine.b].sort();
    expect((await lotRefs(a)).sort()).toEqual(all);
    expect((await lotRefs(b)).sort()).toEqual(all);
    const heldSeenByA = value<UnitSummary[]>(await a.invoke('lots.list', { status: 'on_hold' }))
      .map((l) => l.ref)
      .sort();
    expect(heldSeenByA).toEqual([mine.a[0], mine.b[0]].sort());

    const [va, vb] = [await verify(a), await verify(b)];
    expect(va.problems).toEqual([]);
    expect(va.ok).toBe(true);
    expect(vb).toEqual(va);
    const trail = value<AuditRow[]>(await a.invoke('audit.list', { limit: 100_000 }));
    expect(new Set(trail.map((r) => r.actor))).toEqual(new Set(['station-a', 'station-b']));
    expect(integrity()).toBe('ok');
  });
  it('trace on one connection follows lineage the other wrote, including a reversal', async () => {
    const [l1, l2] = [await receiveAndRelease(a, 'a'), await receiveAndRelease(a, 'a')];
    const forward = async (ref: string) =>
      value<TraceResult>(await a.invoke('trace.forward', { ref }))
        .nodes.map((n) => n.ref)
        .sort();
    expect(await forward(l1 ?? '')).toEqual([l1]); // A has traced (and indexed) before B writes lineage

    value(await b.invoke('items.create', { part: 'SUB', description: 'Moulded part', tracking: 'lot', category: 'component', unit: 'kg' }));
    value(await b.invoke('boms.create', { part: 'SUB', lines: [{ part: 'RES', quantityPer: 1 }] }));
    const wo = value<{ number: string }>(await b.invoke('workOrders.create', { part: 'SUB', quantity: 10 }));
    value(await b.invoke('workOrders.consume', { workOrder: wo.number, ref: l1, quantity: 2 }));
    const wrong = value<{ id: number }>(await b.invoke('workOrders.consume', { workOrder: wo.number, ref: l2, quantity: 2 }));
    const made = value<{ outputs: UnitSummary[] }>(await b.invoke('workOrders.produce', { workOrder: wo.number, quantity: 4 }));
    const output = made.outputs[0]?.ref ?? '';
    expect(await forward(l1 ?? '')).toEqual([l1, output].sort());
    expect(await forward(l2 ?? '')).toEqual([l2, output].sort());

    value(await b.invoke('events.reverse', { eventId: wrong.id, reason: 'Scanned the wrong lot' }));
    expect(await forward(l2 ?? '')).toEqual([l2]);
    const backward = value<TraceResult>(await a.invoke('trace.backward', { ref: output }))
      .nodes.map((n) => n.ref)
      .sort();
    expect(backward).toEqual([l1, output].sort());
    expect((await verify(a)).problems).toEqual([]);
  });
});

describe('a second OS process holding the write lock', () => {
  it('makes a write wait (busy_timeout) and succeed once the lock is released', async () => {
    const holder = lockHolder(file, 1000);
    const lockedAt = Number(await holder.next('locked'));
    const started = Date.now();
    const result = await a.invoke('receiving.receive', { supplier: 'SUP', lines: [{ part: 'RES', supplierLot: 'WAITED', quantity: 5 }] });
    const finished = Date.now();
    const committedAt = Number(await holder.next('committed'));
    expect(await holder.exited).toBe(0);

    expect(result.ok, JSON.stringify(result)).toBe(true);
    // The write began while the other process held the lock and completed only after it committed.
    expect(started).toBeGreaterThanOrEqual(lockedAt);
    expect(started).toBeLessThan(committedAt);
    expect(finished).toBeGreaterThanOrEqual(committedAt);

    // Both commits are there: the holder's row and the api's lot, seen from the other api connection too.
    const db = new Database(file, { readonly: true });
    expect(db.prepare(`SELECT value FROM counters WHERE key = 'lock-holder'`).get()).toBeDefined();
    db.close();
    expect((await lotRefs(b)).length).toBe(1);
    expect((await verify(b)).problems).toEqual([]);
    expect(integrity()).toBe('ok');
  });

  it('refuses a write with CONFLICT when the lock is held past busy_timeout, leaving nothing half-written; a retry then succeeds', async () => {
    const holder = lockHolder(file, 'stdin');
    await holder.next('locked');
    const before = (await verify(b)).rows;
    const started = Date.now();
    const refused = await a.invoke('receiving.receive', {
      supplier: 'SUP',
      lines: [{ part: 'RES', supplierLot: 'TOO-LATE', quantity: 5 }],
    });
    const waited = Date.now() - started;
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/busy/) } });
    expect(waited).toBeGreaterThanOrEqual(4500); // it waited for the lock, it did not fail at once
    // Readers are not blocked by the writer (WAL), and nothing of the refused receipt is there.
    expect(await lotRefs(b)).toEqual([]);
    expect((await verify(b)).rows).toBe(before);

    holder.send('release');
    await holder.next('committed');
    expect(await holder.exited).toBe(0);
    const retried = await a.invoke('receiving.receive', {
      supplier: 'SUP',
      lines: [{ part: 'RES', supplierLot: 'TOO-LATE', quantity: 5 }],
    });
    expect(retried.ok, JSON.stringify(retried)).toBe(true);
    expect((await verify(b)).problems).toEqual([]);
    expect(integrity()).toBe('ok');
  }, 20_000);
});

describe('a second OS process running the api', () => {
  it('takes turns and competes with this one: both see every lot, and the audit trail stays one chain', async () => {
    const other = station(file, 'station-c');
    await other.next('ready');
    // Turns: the trail must interleave the two processes row by row.
    const mine: string[] = [];
    const theirs: string[] = [];
    for (let i = 0; i < 10; i++) {
      mine.push(await receiveAndRelease(i % 2 === 0 ? a : b, 'ab'));
      other.send('write');
      theirs.push(await other.next('wrote'));
    }
    // Competition: both write as fast as they can; every write waits its turn for the lock and none is refused.
    other.send('burst 30');
    await other.next('started');
    for (let i = 0; i < 30; i++) mine.push(await receiveAndRelease(i % 2 === 0 ? a : b, 'ab'));
    theirs.push(...(JSON.parse(await other.next('done')) as string[]));
    other.send('report');
    const seenThere = JSON.parse(await other.next('seen')) as string[];
    other.send('quit');
    expect(await other.exited).toBe(0);

    const all = [...mine, ...theirs].sort();
    expect(new Set(all).size).toBe(80);
    expect([...seenThere].sort()).toEqual(all);
    expect((await lotRefs(a)).sort()).toEqual(all);

    const result = await verify(a);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(integrity()).toBe('ok');
    const actors = value<AuditRow[]>(await a.invoke('audit.list', { limit: 100_000 }))
      .reverse()
      .map((r) => (r.actor === 'station-c' ? 'c' : 'ab'));
    const switches = actors.filter((x, i) => i > 0 && x !== actors[i - 1]).length;
    expect(switches).toBeGreaterThanOrEqual(19);
  }, 30_000);

  it('keeps `audit verify` truthful while the other process writes', async () => {
    for (let i = 0; i < 40; i++) await receiveAndRelease(a, 'base');
    const other = station(file, 'station-c');
    await other.next('ready');
    let finished = false;
    void other.next('done').then(() => (finished = true));
    other.send('burst 150'); // long enough for several verifications even on a loaded machine
    await other.next('started');
    const reports: AuditVerification[] = [];
    while (!finished) {
      reports.push(await verify(b));
      await new Promise((r) => setImmediate(r)); // let the child's answer in
    }
    other.send('quit');
    expect(await other.exited).toBe(0);

    // Before verify read the trail and the records in one snapshot, most of these reported tampering.
    expect(reports.length).toBeGreaterThan(3);
    const falseAlarms = reports.filter((r) => !r.ok);
    expect(
      falseAlarms.map((r) => r.problems[0]?.message),
      `${falseAlarms.length} of ${reports.length} verifications`,
    ).toEqual([]);
    expect((await verify(b)).ok).toBe(true);
  }, 30_000);
});
