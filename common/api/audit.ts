import { z } from 'zod';
import { command } from './contract';
import { limitField } from './fields';

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

export const auditCommands = {
  'audit.verify': command<AuditVerification>()({
    input: z.object({}),
    writes: false,
    summary: 'Check the audit trail’s hash chain and replay it against the records',
  }),
  'audit.list': command<AuditRow[]>()({
    input: z.object({
      entity: z.string().trim().max(40).optional(),
      entityId: z.number().int().positive().optional(),
      limit: limitField.optional(),
    }),
    writes: false,
    summary: 'Audit trail rows, newest first',
  }),
};
