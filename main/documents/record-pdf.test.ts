// The layout kit on its own: a long table streamed to a file breaks across pages with its header repeated, every page
// says "Page X of Y" with the true total, the attachment reads back byte for byte, and the file passes qpdf.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileSink } from './pdf-sink';
import { RecordPdf } from './record-pdf';
import { readRecordPdf } from './record-reader';

/** JSON.stringify as the process started with it (pdf.js is loaded only when a record is read back). */
const nativeStringify = JSON.stringify;

const dir = mkdtempSync(join(tmpdir(), 'lotline-record-pdf-'));
const file = join(dir, 'long.pdf');
const data = Buffer.from(JSON.stringify({ kind: 'test', rows: 400, note: 'Größe µm ±0.5 — naïve' }), 'utf8');
let pages = 0;

const text = (page: number): string => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  const pdf = new RecordPdf(fileSink(file), {
    frame: { kind: 'Test record', subject: 'Long table', generatedAt: '2026-05-01T10:00:00+02:00', generatedBy: 'Kit Tester' },
    attachment: { name: 'record.json', description: 'test data', data },
  });
  await pdf.heading('Rows');
  await pdf.table(
    [
      { header: 'Row number', width: 1, align: 'right' },
      { header: 'What', width: 4 },
      { header: 'Amount', width: 1, align: 'right' },
    ],
    Array.from({ length: 400 }, (_, i) => [String(i + 1), i % 5 === 0 ? `Row ${i + 1} carries a note long enough that it has to wrap onto a second line in its column, which is two thirds of the page wide` : `Row ${i + 1}`, `${i}.5 kg`]),
  );
  pages = (await pdf.end()).pages;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('breaks a long table across pages, repeating its header, numbering each page against the true total', () => {
  expect(pages).toBeGreaterThan(5);
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));
  const seen = new Set<string>();
  for (let p = 1; p <= pages; p++) {
    const page = text(p);
    expect(page).toMatch(new RegExp(`Page ${p} of ${pages}\\b`));
    expect(page).toContain('Test record');
    expect(page).toContain('Generated 2026-05-01T10:00:00+02:00 by Kit Tester');
    expect(page).toMatch(/Row number\s+What\s+Amount/);
    for (const m of page.matchAll(/^\s*(\d+)\s+Row \1\b/gm)) seen.add(m[1] ?? '');
  }
  // Every row printed once, none lost at a page break.
  expect(seen.size).toBe(400);
});

it('wraps a long cell inside its column', () => {
  const lines = text(1).split('\n');
  const first = lines.findIndex((l) => l.includes('Row 1 carries a note'));
  expect(lines[first]).toMatch(/^\s+1 Row 1 carries a note long enough .*\S\s+0\.5 kg$/);
  expect(lines[first]).not.toContain('page wide');
  expect(lines[first + 1]).toMatch(/^\s+\S.*page wide$/);
});

it('carries the attachment byte for byte and passes qpdf --check', async () => {
  const read = await readRecordPdf(readFileSync(file), 'record.json');
  expect(read.attachment?.equals(data)).toBe(true);
  expect(read.pages).toBe(pages);
  expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  // pdf.js's legacy build replaces JSON.stringify with a slower polyfill; reading a record must leave the native one.
  expect(JSON.stringify).toBe(nativeStringify);
});
