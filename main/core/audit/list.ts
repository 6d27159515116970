// Reading the audit trail, newest first.
import type { Database as Db } from 'better-sqlite3';
import type { AuditRow } from '../../../common/api/audit';
import { perConnection } from '../db/statements';
import type { TrailRow } from './trail';

const statements = perConnection((db: Db) => ({
  list: db.prepare<[{ entity: string | null; id: number | null; limit: number }], TrailRow>(
    `SELECT * FROM audit_trail WHERE (@entity IS NULL OR entity = @entity) AND (@id IS NULL OR entity_id = @id) ORDER BY seq DESC LIMIT @limit`,
  ),
}));

export function listAudit(db: Db, filter: { entity?: string | undefined; entityId?: number | undefined; limit?: number | undefined }): AuditRow[] {
  return statements(db)
    .list.all({ entity: filter.entity ?? null, id: filter.entityId ?? null, limit: filter.limit ?? 200 })
    .map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      oldValues: r.old_values === null ? null : (JSON.parse(r.old_values) as Record<string, unknown>),
      newValues: JSON.parse(r.new_values) as Record<string, unknown>,
      reason: r.reason,
      hash: r.hash,
    }));
}
