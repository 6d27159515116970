// The audit trail's filtered view as CSV: the rows exactly as stored (old and new values as the canonical JSON the chain
// hashes, prev_hash and hash), oldest first, in the audit package's CSV format.
import type { Database as Db } from 'better-sqlite3';
import type { AuditCsv } from '../../../common/api/audit';
import { AUDIT_COLUMNS } from '../packages/audit-extract';
import { csvChunks } from '../packages/data-files';
import { auditRowsOf } from './list';
import type { AuditFilter } from './list';

/** A browser download is held in memory: the view is cut at this many rows (narrow the filter for more). */
export const AUDIT_CSV_LIMIT = 100_000;

/** The filter in words, for a PDF's subject: "entity items, user qa1, from 2026-11-01". */
export function filterText(filter: AuditFilter): string {
  const parts = [
    filter.entity ? `entity ${filter.entity}${filter.entityId !== undefined ? ` ${filter.entityId}` : ''}` : '',
    filter.actor ? `user ${filter.actor}` : '',
    filter.action ? `action ${filter.action}` : '',
    filter.from ? `from ${filter.from}` : '',
    filter.to ? `to ${filter.to}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? `Audit trail: ${parts.join(', ')}` : 'Audit trail: every row';
}

export function auditCsv(db: Db, filter: AuditFilter, now: Date): AuditCsv {
  let rows = 0;
  const counted = function* () {
    for (const row of auditRowsOf(db, filter, AUDIT_CSV_LIMIT)) {
      rows++;
      yield row as unknown as Record<string, unknown>;
    }
  };
  const text = [...csvChunks(AUDIT_COLUMNS, counted())].join('');
  const parts = [filter.entity, filter.entityId, filter.actor, filter.action, filter.from, filter.to].filter((p) => p !== undefined && p !== '');
  const name = `audit-trail${parts.length > 0 ? `-${parts.join('-')}` : ''}-${now.toISOString().slice(0, 10)}.csv`.replace(/[^A-Za-z0-9._-]+/g, '_');
  return { fileName: name, rows, contentBase64: Buffer.from(text, 'utf8').toString('base64') };
}
