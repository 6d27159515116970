// CSV for the FSMA 204 spreadsheet: RFC 4180 (CRLF, fields quoted when they hold a quote, comma or line
// break), UTF-8 with a byte order mark so that Excel reads the accents, and text that a spreadsheet would
// run as a formula (= + - @, or a leading tab or CR) prefixed with an apostrophe — but not a plain number (-5, +1.5e3)
// or a time or UTC offset (+00:00, -05:30, +002026-01-01T00:00:00Z), which a spreadsheet reads as a value and no more.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Cell, SheetColumn, SheetSink } from './sink';

export const BOM = '\uFEFF';

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const OFFSET_OR_TIME = /^[+-](\d{2}:\d{2}(:\d{2})?|\d{4,6}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)$/;

/** Text a spreadsheet would run as a formula: it starts with = + - @ TAB or CR, and is not a plain number or time. */
export function runsAsFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) && !OFFSET_OR_TIME.test(text);
}

/** One field: formula-guarded text, quoted when RFC 4180 needs it. Numbers are written as they are. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = runsAsFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** Rows gathered into chunks of about this many characters before they go to the file. */
const CHUNK = 1 << 16;

export function csvFileSink(file: string): SheetSink {
  let stream: WriteStream | undefined;
  let pending = '';
  const flush = async () => {
    if (stream === undefined || pending === '') return;
    const ok = stream.write(pending);
    pending = '';
    // Wait for the disk when the stream's buffer is full: memory stays flat however many rows come.
    if (!ok) await once(stream, 'drain');
  };
  return {
    async begin(columns: readonly SheetColumn[]) {
      stream = createWriteStream(file, { encoding: 'utf8' });
      await once(stream, 'open');
      pending = BOM + csvLine(columns.map((c) => c.header));
    },
    async row(cells: readonly Cell[]) {
      pending += csvLine(cells);
      if (pending.length >= CHUNK) await flush();
    },
    async end() {
      await flush();
      const s = stream;
      if (s === undefined) return;
      await new Promise<void>((resolve, reject) => s.end((error?: Error | null) => (error ? reject(error) : resolve())));
    },
    abort() {
      stream?.destroy();
    },
  };
}
