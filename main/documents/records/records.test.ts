// Record PDFs of the demo plant read back with poppler (pdftotext, pdffonts, pdftoppm) and qpdf, and verified:
// as made, after the database changed, and after a byte of the attached data changed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordVerification, RenderedRecord } from '../../../common/api/records';
import { signedIn, tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { stopZplPreview } from '../../labels/preview';

// Kept out of test-results/, which Playwright empties on every run.
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'records');
const demo = { lot: 'SET-IV2:26-001', workOrder: 'WO-26104', serial: 'PUMP-PX2#PX-000002' };

let t: TestApi;
let newest = '';
const made: Record<string, RenderedRecord> = {};

const file = (name: string): string => join(ARTIFACTS, name);
const text = (pdf: string, page?: number): string =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf, '-'], { encoding: 'utf8' });

async function render(kind: 'ebr' | 'dhr' | 'coa', ref: string, name: string): Promise<RenderedRecord> {
  const r = await t.call('records.render', { kind, ref, file: file(name) });
  made[name] = r;
  return r;
}

async function verify(pdf: string): Promise<RecordVerification> {
  return t.call('records.verify', { file: pdf });
}

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  t = tempApi();
  expect(await t.api.seedDemoIfEmpty()).toBe(true);
  await render('ebr', demo.lot, 'ebr.pdf');
  await render('dhr', demo.serial, 'dhr.pdf');
  await render('coa', demo.lot, 'coa.pdf');
  // The demo's newest IV set lot: tested against its spec, with a long first length measurement investigated.
  newest = (await t.call('lots.list', { item: 'SET-IV2', limit: 1 }))[0]?.ref ?? '';
  await render('ebr', newest, 'ebr-tested.pdf');
  await render('coa', newest, 'coa-tested.pdf');
}, 180_000);

afterAll(async () => {
  t.close();
  await stopZplPreview();
});

describe('record PDFs of the demo plant', () => {
  it('the batch record shows the content of 21 CFR 211.188', () => {
    const all = text(file('ebr.pdf'));
    for (const field of [
      'Electronic batch record',
      `Work order ${demo.workOrder}`,
      'BOM SET-IV2 version 1',
      'LINE-2',
      'TUBE-PVC:T26124-01',
      'CLAMP-ROL:26-0001',
      'RES-PC:R26124-01',
      'Theoretical yield'.toUpperCase(),
      '99.8%',
      'In-process and laboratory results',
      'Specimen: the fg-lot label',
      'Steps: who performed and who verified them',
      'Verified by',
      'Deviations and investigations',
      'Signatures',
      made['ebr.pdf']?.sha256 ?? 'no hash',
    ]) {
      expect(all, field).toContain(field);
    }
    expect(all).toMatch(/Generated \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2} by tester/);
  });

  it('the device history record shows dates, quantities, acceptance, label, UDI, components and service', () => {
    const all = text(file('dhr.pdf'));
    for (const field of ['Device history record', 'PX-000002', 'MANUFACTURED', 'QUANTITY MADE', 'QUANTITY RELEASED', 'Acceptance records', 'Final test passed', 'Specimen: the udi label', 'CTRL-PX#', 'HOUSING-PX:', 'Service history', 'SV-000002']) {
      expect(all, field).toContain(field);
    }
    expect(all).toContain('UDI: (01)09506000134352(11)260507(10)WO-26103(21)PX-000002');
  });

  it('the certificate of analysis shows the lot, the conformance statement and the release', () => {
    const all = text(file('coa.pdf'));
    for (const field of ['Certificate of analysis', 'SET-IV2 — IV administration set', '26-001', 'Results by characteristic', 'Conformance', 'RELEASED BY', 'Sterility and leak test passed', 'Releasing signatures']) {
      expect(all, field).toContain(field);
    }
  });

  it('a tested lot: results with method, specification and outcome; the out-of-spec result a deviation with its investigation', () => {
    const ebr = text(file('ebr-tested.pdf'));
    expect(ebr).toMatch(/Length \(spec v\d+\)/);
    expect(ebr).toContain('2013 mm');
    expect(ebr).toMatch(/out-of-spec\s+—/);
    expect(ebr).toMatch(/NC-\S+ \(closed/);
    expect(ebr).toContain('Tape TAPE-07 hooked');
    const coa = text(file('coa-tested.pdf'));
    for (const field of ['Length (spec v', 'Leak test (spec v', 'Sterility (spec v', '2004 mm', 'GAUGE-FIX-2', 'Earlier results', '2013 mm']) expect(coa, field).toContain(field);
    expect(coa).toMatch(/conforms to its specification: all 3 results are within their limits/);
    execFileSync('pdftoppm', ['-png', '-r', '80', file('coa-tested.pdf'), file('coa-tested')]);
    execFileSync('pdftoppm', ['-png', '-r', '80', file('ebr-tested.pdf'), file('ebr-tested')]);
  });

  it('numbers every page "Page X of Y" with the true total', () => {
    for (const name of ['ebr.pdf', 'dhr.pdf', 'coa.pdf']) {
      const pages = made[name]?.pages ?? 0;
      expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file(name)], { encoding: 'utf8' }))?.[1])).toBe(pages);
      for (let p = 1; p <= pages; p++) expect(text(file(name), p)).toMatch(new RegExp(`Page ${p} of ${pages}\\b`));
    }
    expect(made['ebr.pdf']?.pages).toBeGreaterThan(1);
  });

  it('passes qpdf --check, embeds every font, and renders to PNG pages for a person to look at', () => {
    for (const name of ['ebr.pdf', 'dhr.pdf', 'coa.pdf']) {
      expect(execFileSync('qpdf', ['--check', file(name)], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
      const fonts = execFileSync('pdffonts', [file(name)], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const row of fonts) expect(row, row).toMatch(/DejaVu\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      execFileSync('pdftoppm', ['-png', '-r', '80', file(name), file(name.replace('.pdf', ''))]);
      expect(readFileSync(file(`${name.replace('.pdf', '')}-1.png`)).subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('attaches the record data whose SHA-256 is printed, and verifies against the database', async () => {
    const listed = execFileSync('pdfdetach', ['-list', file('coa.pdf')], { encoding: 'utf8' });
    expect(listed).toContain('record.json');
    for (const name of ['ebr.pdf', 'dhr.pdf', 'coa.pdf']) {
      const v = await verify(file(name));
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.printedSha256).toBe(made[name]?.sha256);
    }
  });

  it('shows each signature: printed name, date and time with zone, and meaning, bound to the printed hash', async () => {
    await t.call('users.create', { username: 'qarec', printedName: 'Rita Recorder', roles: ['qa'], password: 'qarec-pass-12' });
    const qa = await signedIn(t.api, 'qarec', 'qarec-pass-12');
    const signature = await qa.call('signatures.sign', { record: { kind: 'ebr', id: demo.workOrder }, meaning: 'approved', username: 'qarec', password: 'qarec-pass-12' });
    expect(signature.contentSha256).toBe(made['ebr.pdf']?.sha256);
    const r = await render('ebr', demo.lot, 'ebr-signed.pdf');
    expect(r.sha256).toBe(signature.contentSha256);
    const all = text(file('ebr-signed.pdf'));
    expect(all).toContain('Rita Recorder');
    expect(all).toContain(signature.signedAt);
    expect(all).toMatch(/\bapproved\b/);
    expect(all).toContain('Signed this record as printed.');
    expect(signature.signedAt).toMatch(/T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    execFileSync('pdftoppm', ['-png', '-r', '80', file('ebr-signed.pdf'), file('ebr-signed')]);
  });

  it('a device history record signed "reviewed" before the release still holds after it, the release printed beside it', async () => {
    await t.call('users.create', { username: 'qadhr', printedName: 'Dana Hirsch', roles: ['qa'], password: 'qadhr-pass-12' });
    const qa = await signedIn(t.api, 'qadhr', 'qadhr-pass-12');
    const waiting = (await t.call('review.queue', { kind: 'serial' }))[0];
    if (!waiting) throw new Error('The demo has no serial awaiting a decision');
    const review = await qa.call('signatures.sign', { record: { kind: 'dhr', id: waiting.record.id }, meaning: 'reviewed', username: 'qadhr', password: 'qadhr-pass-12' });
    await qa.call('units.setStatus', { ref: waiting.ref, status: 'released', reason: 'Device history reviewed', signature: { meaning: 'released', password: 'qadhr-pass-12' } });
    const held = (await t.call('signatures.list', { record: { kind: 'dhr', id: waiting.record.id } })).signatures.find((s) => s.id === review.id);
    expect(held?.valid).toBe(true);
    const r = await render('dhr', waiting.ref, 'dhr-released.pdf');
    expect(r.sha256).toBe(review.contentSha256);
    const all = text(file('dhr-released.pdf'));
    expect(all).toMatch(/SERIAL NUMBER\s+STATUS\n.*PX-\d+\s+released\n/);
    expect(all).toMatch(/\breviewed\b/);
    expect(all).toMatch(/\breleased\b[\s\S]*Device history reviewed/);
    expect((await verify(file('dhr-released.pdf'))).ok).toBe(true);
  });

  it('fails naming the value when a byte of the attached data was changed', async () => {
    const pdf = readFileSync(file('coa.pdf'));
    const at = pdf.indexOf('"code":"26-001"', pdf.indexOf('/Type /EmbeddedFile'));
    expect(at).toBeGreaterThan(0);
    pdf[at + '"code":"26-00'.length] = '7'.charCodeAt(0);
    writeFileSync(file('coa-flipped.pdf'), pdf);
    const v = await verify(file('coa-flipped.pdf'));
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatch(/does not match the SHA-256 printed on page 1/);
    expect(v.differences).toContainEqual({ path: 'content.lot.code', inPdf: '26-007', now: '26-001' });
  });

  it('fails naming what changed in the database since the PDF was made', async () => {
    await t.call('service.record', { serial: demo.serial, kind: 'inspection', description: 'Annual safety inspection passed', at: '2026-11-01T09:00:00+01:00' });
    const v = await verify(file('dhr.pdf'));
    expect(v.ok).toBe(false);
    expect(v.printedSha256).toBe(v.attachedSha256);
    expect(v.problems.join('\n')).toMatch(/dhr record PUMP-PX2#PX-000002 in the database differs from the PDF's data in \d+ place/);
    expect(v.differences.map((d) => d.path)).toContain('content.service[1]');
  });
});
