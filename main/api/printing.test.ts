// The printing commands through the one door (createApi → invoke): inputs validated with the reason, a device command
// answered when the printer has confirmed, other commands served meanwhile, and `changed` announced after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { PrintJob, PrinterStatusReport } from '../../common/api/printing';
import { tcpPrinter } from '../devices/printers/fake-printer.test-support';
import { createApi } from './index';

const dir = mkdtempSync(join(tmpdir(), 'lotline-api-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('prints through invoke, answers reads while the printer works, and refuses bad input with the field and reason', async () => {
  const fake = await tcpPrinter();
  const api = createApi({ dbPath: join(dir, 'trace.db'), actor: 'bob' });
  try {
    const printer = `tcp://127.0.0.1:${fake.port}`;
    const changed: string[] = [];
    api.subscribe('changed', ({ command }) => changed.push(command));
    fake.printer.script = ['ok', 'busy', 'busy'];
    const printing = api.invoke('printing.print', { printer, zpl: '^XA^FDhello^FS^XZ', copies: 1 });
    // A read sent while the job is with the printer is answered on its own (the print holds no transaction).
    const order: string[] = [];
    void printing.then(() => order.push('print'));
    const jobs = await api.invoke('printing.jobs', {});
    order.push('jobs');
    expect(jobs.ok && (jobs.value as PrintJob[]).map((j) => [j.id, j.state === 'printed' ? 'printed' : 'not yet'])).toEqual([[1, 'not yet']]);
    const done = await printing;
    expect(order).toEqual(['jobs', 'print']);
    expect(done).toMatchObject({ ok: true, value: { state: 'printed', createdBy: 'bob', copies: 1 } });
    expect(changed).toEqual(['printing.print']);
    const status = await api.invoke('printing.status', { printer });
    expect(status.ok && (status.value as PrinterStatusReport)).toMatchObject({ ready: true, answered: true, message: `Printer at 127.0.0.1:${fake.port}: ready` });
    const list = await api.invoke('printing.jobs', { state: 'printed' });
    expect(list.ok && (list.value as PrintJob[]).map((j) => j.id)).toEqual([1]);

    expect(await api.invoke('printing.print', { printer: 'tcp//x', zpl: '^XA^XZ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^printer: "tcp\/\/x" is not a printer address: it must start with tcp:\/\//) },
    });
    expect(await api.invoke('printing.print', { printer, zpl: '^XA^XZ', file: '/tmp/x.zpl' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'zpl: give the label either as zpl text or as a file, not both' } });
    expect(await api.invoke('printing.print', { printer, zpl: '^XA^XZ', copies: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'copies: must be at least 1' } });
    expect(await api.invoke('printing.reprint', { job: 1, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'reason: must say why (at least 3 characters)' } });
    expect(await api.invoke('printing.retry', { job: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Print job 99 was not found' } });
    expect(changed).toEqual(['printing.print']);
  } finally {
    api.close();
    await fake.close();
  }
});
