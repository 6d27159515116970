// The audit trail's filtered view as a PDF/A-3 on the record kit: the filter, one row per change (old → new values
// in full), each row's chain hash, and the same rows attached as CSV exactly as stored.
import type { AuditCsv } from '../../common/api/audit';
import { recordedMoves } from '../core/audit/trail';
import type { TrailRow } from '../core/audit/trail';
import type { PdfSink } from './pdf-sink';
import { RecordPdf } from './record-pdf';

export interface AuditPdfInput {
  /** The filter in words: "entity items, user qa1, 2026-11-01 to 2026-11-26". */
  filter: string;
  rows: readonly TrailRow[];
  csv: AuditCsv;
  generatedAt: string;
  generatedBy: string;
}

function fieldChanges(old: Record<string, unknown>, now: Record<string, unknown>): string {
  return Object.keys(old)
    .map((k) => `${k}: ${JSON.stringify(old[k])} → ${JSON.stringify(now[k])}`)
    .join('; ');
}

function change(row: TrailRow): string {
  const own = row.old_values === null ? `new: ${row.new_values}` : fieldChanges(JSON.parse(row.old_values) as Record<string, unknown>, JSON.parse(row.new_values) as Record<string, unknown>);
  const moves = row.moves === null ? [] : recordedMoves(row.moves).map((m) => `units ${m.id} changed (${m.reason}): ${fieldChanges(m.old, m.after)}`);
  return [own, ...moves].join('\n');
}

export async function writeAuditPdf(input: AuditPdfInput, sink: PdfSink): Promise<{ pages: number }> {
  const pdf = new RecordPdf(sink, {
    frame: { kind: 'Audit trail extract', subject: input.filter, generatedAt: input.generatedAt, generatedBy: input.generatedBy },
    attachment: { name: 'audit-trail.csv', description: 'The rows exactly as stored, with their chain hashes', data: Buffer.from(input.csv.contentBase64, 'base64') },
  });
  await pdf.keyValues([
    ['Filter', input.filter],
    ['Rows', `${input.rows.length.toLocaleString('en')}${input.rows.length < input.csv.rows ? ` (of ${input.csv.rows.toLocaleString('en')}; the attached CSV has them all)` : ''}`],
    ['First and last', input.rows.length > 0 ? `row ${input.rows[0]?.seq} to row ${input.rows.at(-1)?.seq}` : '—'],
  ]);
  await pdf.heading('Changes, oldest first');
  await pdf.table(
    [
      { header: '#', width: 6, align: 'right' },
      { header: 'When (UTC)', width: 16 },
      { header: 'Who', width: 9 },
      { header: 'Action', width: 8 },
      { header: 'Entity', width: 12 },
      { header: 'Old → new', width: 31 },
      { header: 'Reason', width: 16 },
      { header: 'Hash', width: 12, mono: true },
    ],
    input.rows.map((r) => [String(r.seq), r.at, r.actor, r.action, `${r.entity} ${r.entity_id}`, change(r), r.reason ?? '', r.hash.slice(0, 10)]),
    'No audit rows match the filter.',
  );
  return pdf.end();
}
