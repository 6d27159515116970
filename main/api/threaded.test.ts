// The api in a worker thread: same answers as in-process, events relayed, and the calling thread free
// while the core works.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ptyPrinter } from '../devices/printers/fake-printer.test-support';
import { ptyPair } from '../devices/scanners/socat.test-support';
import { createThreadedApi, workerScript } from './threaded';
import type { LotlineApi } from './types';

const dir = mkdtempSync(join(tmpdir(), 'lotline-threaded-'));
let api: LotlineApi;
beforeAll(async () => {
  api = await createThreadedApi({ dbPath: join(dir, 'lotline.db'), actor: 'tester' }, workerScript(import.meta.url));
});
afterAll(() => {
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('threaded api', () => {
  it('loads the demo plant and answers commands with the same envelopes', async () => {
    const events: string[] = [];
    const stop = api.subscribe('changed', (p) => events.push(p.command));
    expect(await api.seedDemoIfEmpty()).toBe(true);
    stop();
    expect(events).toContain('receiving.receive');
    const lots = await api.invoke('lots.list', { item: 'RES-PC', limit: 3 });
    expect(lots).toMatchObject({ ok: true, value: [{ type: 'lot', item: 'RES-PC' }, {}, {}] });
    expect(await api.invoke('units.get', { ref: 'RES-PC:nope' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no lot nope of item RES-PC' } });
    expect(await api.invoke('lots.list', { limit: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  }, 120_000);

  it('leaves the calling thread free while the core answers', async () => {
    const order: string[] = [];
    const trace = api.invoke('recall.impact', { refs: ['RES-PC:R26124-01'] }).then((r) => {
      order.push(r.ok ? 'impact' : 'failed');
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
    order.push('tick');
    await trace;
    expect(order).toEqual(['tick', 'impact']);
  });

  it('says why it cannot start, and answers after close with an error instead of hanging', async () => {
    const notADb = join(dir, 'not-a-database.db');
    writeFileSync(notADb, 'this is not SQLite');
    await expect(createThreadedApi({ dbPath: notADb }, workerScript(import.meta.url))).rejects.toThrow(/file is not a database/);
    const other = await createThreadedApi({ dbPath: join(dir, 'other.db') }, workerScript(import.meta.url));
    other.close();
    expect(await other.invoke('items.list', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The Lotline core is closed' } });
  });

  it('prints on a serial printer from the core in its worker: the port is opened on the main thread', async () => {
    // A port opened in a worker thread crashes the process when data arrives; the bridge keeps ports on this thread.
    const pty = await ptyPair(join(dir, 'printer-port'), join(dir, 'printer-host'));
    const fake = await ptyPrinter(pty.host);
    try {
      const address = `serial:${pty.scanner}`;
      const status = await api.invoke('printing.status', { printer: address });
      expect(status).toMatchObject({ ok: true, value: { answered: true, ready: true } });
      const printed = await api.invoke('printing.print', { printer: address, zpl: '^XA^FO20,20^A0N,30,30^FDworker^FS^XZ' });
      expect(printed).toMatchObject({ ok: true });
      expect(fake.printer.labels).toBe('^XA^FO20,20^A0N,30,30^FDworker^FS^XZ');
    } finally {
      await fake.close();
      await pty.close();
    }
  }, 30_000);
});
