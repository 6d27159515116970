// The print queue against a loopback TCP printer (a real socket on 127.0.0.1 that records every byte and answers ~HS
// as scripted) on a real SQLite file: states, the bytes the printer got (once per copy, never twice), audit rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Database as Db } from 'better-sqlite3';
import { verifyAudit } from '../audit/verify';
import type { Core } from '../context';
import { openDatabase } from '../db/open';
import { ptyPrinter, tcpPrinter } from '../../devices/printers/fake-printer.test-support';
import { installFakeLp } from '../../devices/printers/lp.test-support';
import { ptyPair } from '../../devices/scanners/socat.test-support';
import type { Scripted } from '../../devices/printers/fake-printer.test-support';
import { contentSha256, listJobs, recordProgress } from './jobs';
import { addPrinter } from './printers';
import { PrintSpooler } from './spooler';

const dir = mkdtempSync(join(tmpdir(), 'lotline-spooler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ZPL = '^XA^FO50,50^A0N,40,40^FDLot 24-117^FS^BXN,8,200^FD_10109501101530003^FS^XZ';
const FAST = { replyTimeoutMs: 300, confirmTimeoutMs: 5000, pollMs: 5 };

let n = 0;
function database(file = join(dir, `trace${++n}.db`)): { core: Core; file: string; db: Db } {
  const db = openDatabase(file);
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return { core: { db, actor: 'alice', now: () => new Date() }, file, db };
}

async function rig(script: Scripted[] = []) {
  const fake = await tcpPrinter();
  fake.printer.script = script;
  cleanups.push(() => fake.close());
  const { core, db, file } = database();
  const printer = `tcp://127.0.0.1:${fake.port}`;
  addPrinter(core, { name: 'ZT410', address: printer });
  const spooler = new PrintSpooler(core, FAST);
  const audit = () =>
    db
      .prepare<[], { action: string; entity: string; entity_id: number; reason: string | null; new_values: string }>(`SELECT action, entity, entity_id, reason, new_values FROM audit_trail WHERE entity = 'print_jobs' ORDER BY seq`)
      .all()
      .map((r) => ({ ...r, state: (JSON.parse(r.new_values) as { state: string }).state }));
  return { fake, core, db, file, printer, spooler, title: `Printer ZT410 at 127.0.0.1:${fake.port}`, audit };
}

describe('PrintSpooler over raw TCP', () => {
  it('sends each copy once after the printer reports ready, and records it printed only when the printer confirms', async () => {
    const r = await rig();
    const job = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 2, template: 'fg-lot', ref: 'PUMP-200:24-117' });
    expect(job).toMatchObject({ id: 1, state: 'printed', problem: null, copies: 2, attempts: 1, printerName: 'ZT410', createdBy: 'alice', template: 'fg-lot', ref: 'PUMP-200:24-117', reprint: null });
    expect(job.sha256).toBe(contentSha256(Buffer.from(ZPL)));
    expect(r.fake.printer.labels).toBe(ZPL + ZPL);
    // Ready check, then asked until the two formats were printed (the fake shows them buffered once).
    expect(r.fake.printer.received.toString('latin1')).toBe(`~HS${ZPL}${ZPL}~HS~HS`);
    expect(r.fake.printer.printed).toBe(2);
    expect(r.audit().map((a) => [a.action, a.state, a.reason])).toEqual([
      ['create', 'queued', null],
      ['update', 'sending', `sending 2 copies to ${r.title}`],
      ['update', 'awaiting', `sent 2 copies to ${r.title}; awaiting confirmation`],
      ['update', 'printed', `confirmed by ${r.title}: buffer empty, no errors`],
    ]);
    expect(verifyAudit(r.db)).toMatchObject({ ok: true, problems: [] });
  });

  for (const [status, words] of [
    ['paper out', 'paper out'],
    ['head open', 'head open'],
    ['paused', 'paused'],
    ['silent', 'no answer to a status query within 300 ms (switched off, out of paper or ribbon, or head open)'],
  ] as const) {
    it(`keeps the job queued when the printer reports ${status} before sending, and a retry sends it exactly once`, async () => {
      const r = await rig([status, status]);
      const job = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1 });
      expect(job).toMatchObject({ state: 'queued', problem: `${r.title}: ${words}`, attempts: 1, sentAt: null });
      const again = await r.spooler.retry(job.id);
      expect(again).toMatchObject([{ state: 'queued', attempts: 2, problem: `${r.title}: ${words}` }]);
      expect(r.fake.printer.labels).toBe(''); // nothing but status queries reached the printer
      const [printed] = await r.spooler.retry(job.id);
      expect(printed).toMatchObject({ state: 'printed', problem: null, attempts: 3 });
      expect(r.fake.printer.labels).toBe(ZPL);
      expect(r.fake.printer.printed).toBe(1);
      expect(r.audit().map((a) => [a.state, a.reason])).toEqual([
        ['queued', null],
        ['queued', `${r.title}: ${words}`],
        ['queued', `${r.title}: ${words}`],
        ['sending', `sending the label to ${r.title}`],
        ['awaiting', `sent the label to ${r.title}; awaiting confirmation`],
        ['printed', `confirmed by ${r.title}: buffer empty, no errors`],
      ]);
      expect(verifyAudit(r.db).ok).toBe(true);
    });
  }

  it('after sending, waits for confirmation through a paper-out without sending again', async () => {
    const r = await rig(['ok', 'paper out']);
    const job = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1 });
    expect(job).toMatchObject({ state: 'awaiting', problem: `${r.title}: paper out; the label was sent and prints once this is cleared (then retry to confirm it)` });
    expect(job.sentAt).not.toBeNull();
    expect(r.fake.printer.buffered).toBe(1);
    const [confirmed] = await r.spooler.retry(undefined);
    expect(confirmed).toMatchObject({ id: job.id, state: 'printed', problem: null, attempts: 1 });
    expect(r.fake.printer.labels).toBe(ZPL);
    // Ready, sent, paper out; the retry only asks (still buffered, then printed): the label went out once.
    expect(r.fake.printer.received.toString('latin1')).toBe(`~HS${ZPL}~HS~HS~HS`);
  });

  it('leaves a job awaiting when the printer has not finished within the confirmation time, and confirms it on retry', async () => {
    const r = await rig(['ok', 'busy']);
    const spooler = new PrintSpooler(r.core, { ...FAST, confirmTimeoutMs: 0 });
    const job = await spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1 });
    expect(job).toMatchObject({ state: 'awaiting', problem: `${r.title}: not confirmed within 0 s (1 format in the buffer)` });
    // Asked again with time to wait: the printer reports the format once more, then done.
    const [printed] = await r.spooler.retry(job.id);
    expect(printed).toMatchObject({ state: 'printed', problem: null });
    expect(r.fake.printer.labels).toBe(ZPL);
  });

  it('a job cut off while sending (Lotline stopped) is not sent again by a retry: it fails with the reason, for a reprint', async () => {
    const r = await rig();
    const job = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1, ref: 'PUMP-200#SN0050' });
    // As a crash mid-send leaves it: the job says sending, and no run of this process is driving it.
    const { db, core } = database(join(dir, 'cut.db'));
    const cut = await new PrintSpooler(core, FAST).print({ printer: r.printer, content: Buffer.from(ZPL.replace('24-117', '24-999')), copies: 1 });
    recordProgress(core, cut.id, { state: 'sending' }, 'as left by a crash');
    const before = r.fake.printer.received.length;
    const [failed] = await new PrintSpooler(core, FAST).retry(cut.id);
    expect(failed).toMatchObject({
      state: 'failed',
      problem: `${r.title.replace('Printer ZT410', 'Printer')}: sending was interrupted; whether the label printed is unknown: check the printer, and reprint with a reason if it did not`,
    });
    expect(r.fake.printer.received.length).toBe(before);
    await expect(new PrintSpooler(core, FAST).retry(cut.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/it may have printed, so print it again only as a reprint with a reason$/) });
    expect(verifyAudit(db).ok).toBe(true);
    expect(job.state).toBe('printed');
  });

  it('keeps jobs across a restart: a job queued by one run is printed by the next', async () => {
    const r = await rig(['head open']);
    const job = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 3, ref: 'PUMP-200#SN0042' });
    expect(job.state).toBe('queued');
    r.db.close();
    const again = database(r.file);
    const [printed] = await new PrintSpooler(again.core, FAST).retry(undefined);
    expect(printed).toMatchObject({ id: job.id, state: 'printed', copies: 3, ref: 'PUMP-200#SN0042', printerName: 'ZT410' });
    expect(r.fake.printer.labels).toBe(ZPL.repeat(3));
    expect(verifyAudit(again.db).ok).toBe(true);
  });

  it('says when the printer refuses the connection, and leaves the job queued', async () => {
    const r = await rig();
    await r.fake.close();
    const job = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1 });
    expect(job).toMatchObject({ state: 'queued', problem: `${r.title}: refuses the connection (is the port right, and raw printing on?)` });
  });

  it('refuses to print a label again without a reason; a reprint is marked with its reason in the audit trail', async () => {
    const r = await rig();
    const first = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1, template: 'udi', ref: 'PUMP-200#SN0042' });
    expect(first.state).toBe('printed');
    await expect(r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1, template: 'udi', ref: 'PUMP-200#SN0042' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^The label udi for PUMP-200#SN0042 was printed before \(job 1, \d{4}-\d\d-\d\d \d\d:\d\d UTC, by alice\): a reprint needs a reason$/),
    });
    // Raw ZPL with no reference: the same bytes are the same label.
    const raw = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL.replace('24-117', '24-118')), copies: 1 });
    await expect(r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL.replace('24-117', '24-118')), copies: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const reprint = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1, template: 'udi', ref: 'PUMP-200#SN0042', reprintReason: 'label smeared at packing' });
    expect(reprint).toMatchObject({ state: 'printed', reprint: { of: first.id, reason: 'label smeared at packing' } });
    const byJob = await r.spooler.reprint(raw.id, 'carton label torn');
    expect(byJob).toMatchObject({ state: 'printed', sha256: raw.sha256, reprint: { of: raw.id, reason: 'carton label torn' } });
    expect(r.fake.printer.labels).toBe(ZPL + ZPL.replace('24-117', '24-118') + ZPL + ZPL.replace('24-117', '24-118'));
    const created = r.audit().filter((a) => a.action === 'create');
    expect(created.map((a) => [a.entity_id, a.reason])).toEqual([
      [first.id, null],
      [raw.id, null],
      [reprint.id, `Reprint of job ${first.id}: label smeared at packing`],
      [byJob.id, `Reprint of job ${raw.id}: carton label torn`],
    ]);
    expect(JSON.parse(created[2]?.new_values ?? '{}')).toMatchObject({ reprint_of: first.id, reprint_reason: 'label smeared at packing', created_by: 'alice' });
    expect(listJobs(r.db, { state: 'printed' }).map((j) => j.id)).toEqual([byJob.id, reprint.id, raw.id, first.id]);
    expect(verifyAudit(r.db).ok).toBe(true);
  });

  it('refuses to queue the same label twice while it waits, and to retry a printed job', async () => {
    const r = await rig(['paper out']);
    const job = await r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1, ref: 'RES-PC:24-117' });
    await expect(r.spooler.print({ printer: r.printer, content: Buffer.from(ZPL), copies: 1, ref: 'RES-PC:24-117' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `The label for RES-PC:24-117 is already queued as job ${job.id} (${r.title}: paper out): retry that job instead of queueing it again`,
    });
    await r.spooler.retry(job.id);
    await expect(r.spooler.retry(job.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Job 1 is already printed/) });
  });

  it('refuses what is not ZPL for a label printer, and a PDF anywhere but a print queue', async () => {
    const r = await rig();
    await expect(r.spooler.print({ printer: r.printer, content: Buffer.from('hello'), copies: 1 })).rejects.toThrow('The label is not ZPL: it needs a format that starts with ^XA and ends with ^XZ');
    await expect(r.spooler.print({ printer: r.printer, content: Buffer.from('%PDF-1.7\n'), copies: 1 })).rejects.toThrow(/is a label printer and takes ZPL; send a PDF to a print queue/);
    await expect(r.spooler.print({ printer: 'queue:Office', content: Buffer.from(ZPL), copies: 1 })).rejects.toThrow('A print queue (queue:Office) takes PDF documents; this is not a PDF (it does not start with %PDF-)');
    expect(listJobs(r.db, {})).toEqual([]);
    expect(r.fake.connections).toBe(0);
  });
});

describe('PrintSpooler over serial, USB and the OS print queue', () => {
  for (const kind of ['serial', 'usb'] as const) {
    it(`prints over ${kind === 'usb' ? 'a USB device file' : 'a serial port'} (socat pty), holding the job while the printer is not ready`, async () => {
      const pty = await ptyPair(join(dir, `${kind}-printer`), join(dir, `${kind}-host`));
      cleanups.push(() => pty.close());
      const fake = await ptyPrinter(pty.host);
      cleanups.push(() => fake.close());
      fake.printer.script = ['ribbon out'];
      const { core, db } = database();
      const spooler = new PrintSpooler(core, FAST);
      const printer = kind === 'usb' ? `usb:${pty.scanner}` : `serial:${pty.scanner}?baud=9600`;
      const where = kind === 'usb' ? `USB ${pty.scanner}` : `serial port ${pty.scanner}`;
      const job = await spooler.print({ printer, content: Buffer.from(ZPL), copies: 2 });
      expect(job).toMatchObject({ state: 'queued', problem: `Printer at ${where}: ribbon out`, printerName: null });
      const [printed] = await spooler.retry(job.id);
      expect(printed).toMatchObject({ state: 'printed', attempts: 2 });
      expect(fake.printer.labels).toBe(ZPL + ZPL);
      expect(verifyAudit(db).ok).toBe(true);
    });
  }

  it('a serial printer unplugged between jobs: the job waits with the reason, and prints once it is plugged back in', async () => {
    const pty = await ptyPair(join(dir, 'unplug-printer'), join(dir, 'unplug-host'));
    cleanups.push(() => pty.close());
    let fake = await ptyPrinter(pty.host);
    const { core, db } = database();
    const spooler = new PrintSpooler(core, FAST);
    const printer = `serial:${pty.scanner}?baud=9600`;
    expect(await spooler.print({ printer, content: Buffer.from(ZPL), copies: 1 })).toMatchObject({ state: 'printed' });
    await fake.close();
    await pty.unplug();
    const waiting = await spooler.print({ printer, content: Buffer.from(ZPL.replace('24-117', '24-118')), copies: 1 });
    expect(waiting).toMatchObject({ state: 'queued', problem: `Printer at serial port ${pty.scanner}: is not there (unplugged, or a wrong path)` });
    await pty.replug();
    fake = await ptyPrinter(pty.host, fake.printer);
    cleanups.push(() => fake.close());
    expect(await spooler.retry(waiting.id)).toMatchObject([{ state: 'printed', attempts: 2 }]);
    expect(fake.printer.labels).toBe(ZPL + ZPL.replace('24-117', '24-118'));
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('hands a PDF to `lp -d QUEUE` once per copy; the queue accepting it is the confirmation, a refusal keeps it queued', async () => {
    const lp = installFakeLp(join(dir, 'lp-bin'));
    cleanups.push(() => lp.restore());
    const { core, db } = database();
    const spooler = new PrintSpooler(core, FAST);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
    const job = await spooler.print({ printer: 'queue:Office', content: pdf, copies: 2, template: 'coa', ref: 'PUMP-200:24-117' });
    expect(job).toMatchObject({ state: 'printed', contentType: 'pdf', problem: null });
    expect(lp.documents()).toEqual([pdf, pdf]);
    expect(lp.calls()[0]).toEqual(['-d', 'Office', '-t', 'coa PUMP-200:24-117', '--', expect.stringMatching(/document-1\.pdf$/)]);
    const reasons = db.prepare<[], { reason: string }>(`SELECT reason FROM audit_trail WHERE entity = 'print_jobs' AND entity_id = ${job.id} ORDER BY seq DESC LIMIT 1`).get();
    expect(reasons?.reason).toBe('accepted by Printer at print queue Office as request Office-41, Office-42');
    const refused = await spooler.print({ printer: 'queue:Missing', content: pdf, copies: 1 });
    expect(refused).toMatchObject({ state: 'queued', problem: 'Printer at print queue Missing: refused the document: The printer or class does not exist.' });
    expect(lp.documents()).toHaveLength(2);
  });
});
