// Reading the audit trail, newest first.
import type { Database as Db } from 'better-sqlite3';
import type { AuditRow } from '../../../common/api/audit';
import { perConnection } from '../db/statements';
import { recordedMoves } from './trail';
import type { TrailRow } from './trail';

type Params = { entity: string | null; id: number | null; actor: string | null; action: string | null; from: string | null; to: string | null; limit: number };

// A lot's or serial's history includes the rows of the events that moved it (their moves column holds the change).
const WHERE = `((@entity IS NULL OR entity = @entity) AND (@id IS NULL OR entity_id = @id)
    OR @entity = 'units' AND entity = 'events' AND moves IS NOT NULL AND (@id IS NULL OR entity_id IN (SELECT event_id FROM event_units WHERE unit_id = @id)))
  AND (@actor IS NULL OR actor = @actor) AND (@action IS NULL OR action = @action) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)`;

const statements = perConnection((db: Db) => ({
  list: db.prepare<[Params], TrailRow>(`SELECT * FROM audit_trail WHERE ${WHERE} ORDER BY seq DESC LIMIT @limit`),
  oldestFirst: db.prepare<[Params], TrailRow>(`SELECT * FROM audit_trail WHERE ${WHERE} ORDER BY seq LIMIT @limit`),
}));

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: number | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  /** UTC days, YYYY-MM-DD, both included. */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function params(filter: AuditFilter, limit: number): Params {
  return {
    entity: filter.entity || null,
    id: filter.entityId ?? null,
    actor: filter.actor || null,
    action: filter.action ?? null,
    from: filter.from ? `${filter.from}T00:00:00` : null,
    to: filter.to ? `${nextDay(filter.to)}T00:00:00` : null,
    limit,
  };
}

/** The rows as stored, oldest first (the CSV export of a filtered view). */
export function auditRowsOf(db: Db, filter: AuditFilter, limit: number): IterableIterator<TrailRow> {
  return statements(db).oldestFirst.iterate(params(filter, limit));
}

export function listAudit(db: Db, filter: AuditFilter): AuditRow[] {
  return statements(db)
    .list.all(params(filter, filter.limit ?? 200))
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
      moves: r.moves === null ? [] : recordedMoves(r.moves).map((m) => ({ unitId: m.id, reason: m.reason, oldValues: m.old, newValues: m.after })),
    }));
}
