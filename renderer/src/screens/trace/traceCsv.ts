// CSV export of the trace table (RFC 4180, UTF-8 with BOM so spreadsheet programs read accents right).
import type { TraceRow } from './traceRows';

const header = [
  'type',
  'depth',
  'part',
  'description',
  'lot_or_serial',
  'ref',
  'status',
  'quantity',
  'unit',
  'document',
  'customer',
  'date',
] as const;

function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  // A leading = + @ makes spreadsheet programs run the cell as a formula.
  if (/^[=+@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function traceCsv(rows: readonly TraceRow[]): string {
  const lines = [header.join(',')];
  for (const r of rows) {
    lines.push(
      [r.type, r.depth, r.part, r.description, r.code, r.ref, r.status, r.quantity, r.unit, r.document, r.customer, r.date]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** `trace-forward-PUMP-2_PX-000231.csv` */
export function traceCsvFileName(direction: string, ref: string): string {
  return `trace-${direction}-${ref.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`;
}

/** Hands the CSV to the browser as a download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
