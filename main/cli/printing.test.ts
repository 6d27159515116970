// `lotline label print` and `lotline printer …` on a real database file and a loopback TCP printer that records
// every byte and answers ~HS as scripted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { PrintJob } from '../../common/api/printing';
import { tcpPrinter } from '../devices/printers/fake-printer.test-support';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'lotline-cli-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const db = join(dir, 'trace.db');
async function lotline(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('prints a ZPL file, holds it while the printer is out of paper, retries, and reprints only with a reason', async () => {
  const fake = await tcpPrinter();
  try {
    const printer = `tcp://127.0.0.1:${fake.port}`;
    const zpl = '^XA^FO40,40^A0N,50,50^FDPUMP-200 S/N PX-000231^FS^XZ\n';
    const file = join(dir, 'label.zpl');
    writeFileSync(file, zpl);

    const first = await lotline('label', 'print', '--zpl', file, '--printer', printer, '--copies', '2', '--ref', 'PUMP-200#PX-000231');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(new RegExp(`^Printed job 1 \\(PUMP-200#PX-000231\\): 2 copies on tcp://127\\.0\\.0\\.1:${fake.port}, confirmed by the printer\\. SHA-256 [0-9a-f]{64}$`));
    expect(fake.printer.labels).toBe(zpl + zpl);

    expect(await lotline('printer', 'add', 'ZT410', printer)).toMatchObject({ code: 0, out: `Printer ZT410 is ${printer}` });
    fake.printer.script = ['paper out', 'paper out'];
    expect(await lotline('printer', 'status', printer)).toMatchObject({
      code: 1,
      err: `lotline: Printer ZT410 at 127.0.0.1:${fake.port}: paper out\n  formats in buffer 0, labels left in batch 0, print mode tear-off, thermal transfer, label length 1218 dots`,
    });

    const other = join(dir, 'other.zpl');
    writeFileSync(other, zpl.replace('PX-000231', 'PX-000232'));
    const held = await lotline('label', 'print', '--zpl', other, '--printer', printer);
    expect(held).toMatchObject({ code: 1, err: `lotline: Job 2 is queued, not printed: Printer ZT410 at 127.0.0.1:${fake.port}: paper out. Put the printer right, then: lotline printer retry 2` });
    expect(fake.printer.labels).toBe(zpl + zpl);
    expect(await lotline('printer', 'retry', '2')).toMatchObject({ code: 0, out: expect.stringMatching(/^Printed job 2: 1 copy on ZT410, confirmed by the printer\./) });
    expect(fake.printer.labels).toBe(zpl + zpl + zpl.replace('PX-000231', 'PX-000232'));

    const again = await lotline('label', 'print', '--zpl', file, '--printer', printer, '--ref', 'PUMP-200#PX-000231');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^lotline: The label for PUMP-200#PX-000231 was printed before \(job 1, .* by [^)]+\): a reprint needs a reason$/);
    const reprint = await lotline('label', 'print', '--zpl', file, '--printer', printer, '--ref', 'PUMP-200#PX-000231', '--reprint', 'label smudged at packing');
    expect(reprint).toMatchObject({ code: 0, out: expect.stringMatching(/^Printed job 3 \(PUMP-200#PX-000231\) \(reprint: label smudged at packing\): 1 copy on ZT410/) });

    const jobs = await lotline('printer', 'jobs', '--json');
    expect((JSON.parse(jobs.out) as PrintJob[]).map((j) => [j.id, j.state, j.copies, j.reprint])).toEqual([
      [3, 'printed', 1, { of: 1, reason: 'label smudged at packing' }],
      [2, 'printed', 1, null],
      [1, 'printed', 2, null],
    ]);
    expect((await lotline('printer', 'jobs')).out).toMatch(/reprint of 1: label smudged at packing/);
    expect(await lotline('audit', 'verify')).toMatchObject({ code: 0 });
  } finally {
    await fake.close();
  }
});

it('refuses a bad printer address or a missing label with the reason', async () => {
  expect(await lotline('printer', 'status', 'lpt1')).toMatchObject({ code: 2, err: expect.stringContaining('"lpt1" is not a printer address: it must start with tcp://, serial:, usb: or queue:') });
  expect(await lotline('label', 'print', '--zpl', join(dir, 'none.zpl'), '--printer', 'tcp://127.0.0.1:9')).toMatchObject({ code: 1, err: `lotline: The label file ${join(dir, 'none.zpl')} does not exist` });
  expect(await lotline('label', 'print', '--printer', 'tcp://127.0.0.1:9')).toMatchObject({ code: 1, err: 'lotline: Give the label as --zpl FILE or as --template NAME --ref REF' });
  expect(await lotline('label', 'print', '--zpl', 'x.zpl', '--printer', 'tcp://printer:99999')).toMatchObject({ code: 2, err: expect.stringContaining('port 99999 is outside 1–65535') });
});
