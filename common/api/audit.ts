import { z } from 'zod';
import { command, deviceCommand } from './contract';
import { dateField, limitField } from './fields';

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'append';
  entity: string;
  entityId: number;
  /** For an update, the fields that changed with their values before it; null for a new record. */
  oldValues: Record<string, unknown> | null;
  /** The whole record as it stood after the change. */
  newValues: Record<string, unknown>;
  reason: string | null;
  hash: string;
  /** The lots and serials an event moved (quantities, status), each recorded in the event's row. */
  moves: AuditMove[];
}

/** A lot or serial an event moved: the fields it changed with their old values, and the unit as it stood after. */
export interface AuditMove {
  unitId: number;
  reason: string;
  oldValues: Record<string, unknown>;
  newValues: Record<string, unknown>;
}

export interface AuditProblem {
  kind: 'chain' | 'record';
  seq: number | null;
  entity: string | null;
  entityId: number | null;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  head: string | null;
  recordsChecked: number;
  problems: AuditProblem[];
}

/** Which trail rows: by entity (and id), by who, by action, by UTC day (both ends included). */
export const auditFilter = z.object({
  entity: z.string().trim().max(40).optional(),
  entityId: z.number().int().positive().optional(),
  actor: z.string().trim().max(100).optional(),
  action: z.enum(['create', 'update', 'append'], { error: 'must be create, update or append' }).optional(),
  from: dateField.optional(),
  to: dateField.optional(),
});

export interface AuditCsv {
  fileName: string;
  rows: number;
  /** RFC 4180 CSV (UTF-8 with BOM) of the rows exactly as stored, hashes included, as base64. */
  contentBase64: string;
}

export const auditCommands = {
  'audit.verify': command<AuditVerification>()({
    input: z.object({}),
    writes: false,
    summary: 'Check the audit trail’s hash chain and replay it against the records',
  }),
  'audit.list': command<AuditRow[]>()({
    input: auditFilter.extend({ limit: limitField.optional() }),
    writes: false,
    summary: 'Audit trail rows, newest first',
  }),
  'audit.exportCsv': command<AuditCsv>()({
    input: auditFilter,
    writes: false,
    summary: 'The audit trail rows of a filtered view as CSV (oldest first, with their chain hashes), for a download',
  }),
  // Laying out pages takes seconds for long views: it runs off the command queue.
  'audit.exportPdf': deviceCommand<AuditCsv>()({
    input: auditFilter,
    writes: false,
    summary: 'The audit trail rows of a filtered view as a PDF/A-3 (old and new values, hashes; the CSV attached), as base64',
  }),
};
