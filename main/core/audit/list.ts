// Reading the audit trail, newest first.
import type { Database as Db, Statement } from 'better-sqlite3';
import type { AuditRow } from '../../../common/api/audit';
import { perConnection } from '../db/statements';
import { recordedMoves } from './trail';
import type { TrailRow } from './trail';

type Params = { entity: string | null; id: number | null; actor: string | null; action: string | null; from: string | null; to: string | null; limit: number };

/**
 * The WHERE for the filters that are set, so that SQLite plans each shape on its own: a record's history (entity and
 * id) is read through `audit_by_entity`, the rest by walking the trail newest first (`+` keeps an entity alone off
 * the index, which would sort every row of a common entity). A lot's or serial's history includes the rows of the
 * events that changed it (their moves column holds the change).
 */
function whereOf(p: Params): string {
  const terms: string[] = [];
  if (p.entity !== null && p.id !== null) {
    terms.push(
      p.entity === 'units'
        ? `(entity = 'units' AND entity_id = @id OR entity = 'events' AND entity_id IN (SELECT event_id FROM event_units WHERE unit_id = @id) AND moves IS NOT NULL)`
        : 'entity = @entity AND entity_id = @id',
    );
  } else if (p.entity !== null) {
    terms.push(p.entity === 'units' ? `(+entity = 'units' OR +entity = 'events' AND moves IS NOT NULL)` : '+entity = @entity');
  } else if (p.id !== null) terms.push('+entity_id = @id');
  if (p.actor !== null) terms.push('actor = @actor');
  if (p.action !== null) terms.push('action = @action');
  if (p.from !== null) terms.push('at >= @from');
  if (p.to !== null) terms.push('at < @to');
  return terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`;
}

const statements = perConnection(() => new Map<string, Statement<[Params], TrailRow>>());

/** The rows, newest or oldest first; one prepared statement per shape of filter. */
function select(db: Db, p: Params, order: 'DESC' | 'ASC'): Statement<[Params], TrailRow> {
  const sql = `SELECT * FROM audit_trail ${whereOf(p)} ORDER BY seq ${order} LIMIT @limit`;
  const cache = statements(db);
  let statement = cache.get(sql);
  if (statement === undefined) cache.set(sql, (statement = db.prepare<[Params], TrailRow>(sql)));
  return statement;
}

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
  const p = params(filter, limit);
  return select(db, p, 'ASC').iterate(p);
}

export function listAudit(db: Db, filter: AuditFilter): AuditRow[] {
  const p = params(filter, filter.limit ?? 200);
  return select(db, p, 'DESC')
    .all(p)
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
