// Number and table formatting shared by the benchmark tables and the write-up.

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

export function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}

/** "3.2×" — how many times `value` is `base`. */
export function times(value: number, base: number): string {
  const r = value / base;
  if (!Number.isFinite(r)) return '–';
  return `${r >= 100 ? Math.round(r).toLocaleString('en-US') : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** A Markdown table, padded so it also reads well on a terminal. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) =>
    (align[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0);
  const line = (cells: readonly string[]) => `| ${headers.map((_, i) => cell(cells[i] ?? '', i)).join(' | ')} |`;
  const rule = `|${headers.map((_, i) => ((align[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? `:${'-'.repeat((widths[i] ?? 0) + 1)}` : `${'-'.repeat((widths[i] ?? 0) + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
