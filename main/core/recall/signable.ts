// A campaign's signed decisions as signable records: each scope rule (`recall-rule`, id RC-2026-003/rule-1), each
// status step (`recall-step`, id RC-2026-003/step-2) and each lifted hold (`recall-lift`, id RC-2026-003/lift-7).
// All three are fixed rows, so a signature stays valid for as long as the record is untouched.
import type { Database as Db } from 'better-sqlite3';
import { perConnection } from '../db/statements';
import { registerSignableRecord } from '../signatures/registry';
import { formatRef } from '../../../common/refs';

export const RULE_RECORD = 'recall-rule';
export const STEP_RECORD = 'recall-step';
export const LIFT_RECORD = 'recall-lift';

export const ruleRecordId = (number: string, seq: number) => `${number}/rule-${seq}`;
export const stepRecordId = (number: string, id: number) => `${number}/step-${id}`;
export const liftRecordId = (number: string, id: number) => `${number}/lift-${id}`;

const statements = perConnection((db: Db) => ({
  rule: db.prepare<[string, number], { number: string; title: string; seq: number; mode: string; rule: string; rationale: string; created_at: string; created_by: string }>(
    `SELECT c.number, c.title, r.seq, r.mode, r.rule, r.rationale, r.created_at, r.created_by
       FROM recall_rules r JOIN recall_campaigns c ON c.id = r.campaign_id WHERE c.number = ? AND r.seq = ?`,
  ),
  step: db.prepare<[string, number], { number: string; title: string; id: number; from_status: string; to_status: string; note: string | null; figures: string; at: string; actor: string }>(
    `SELECT c.number, c.title, s.id, s.from_status, s.to_status, s.note, s.figures, s.at, s.actor
       FROM recall_steps s JOIN recall_campaigns c ON c.id = s.campaign_id WHERE c.number = ? AND s.id = ?`,
  ),
  lift: db.prepare<
    [string, number],
    { number: string; id: number; kind: 'lot' | 'serial'; part: string; code: string; status_before: string; status_to: string; reason: string; at: string; actor: string }
  >(
    `SELECT c.number, l.id, u.kind, i.part, u.code, h.status_before, l.status_to, l.reason, l.at, l.actor
       FROM recall_lifts l JOIN recall_holds h ON h.id = l.hold_id JOIN recall_campaigns c ON c.id = h.campaign_id
       JOIN units u ON u.id = h.unit_id JOIN items i ON i.id = u.item_id WHERE c.number = ? AND l.id = ?`,
  ),
}));

function split(id: string, what: string): [string, number] | undefined {
  const m = new RegExp(`^([A-Z]{2}-\\d{4}-\\d+)/${what}-(\\d{1,12})$`).exec(id);
  return m ? [m[1] as string, Number(m[2])] : undefined;
}

registerSignableRecord(RULE_RECORD, {
  title: (db, id) => {
    const k = split(id, 'rule');
    const row = k && statements(db).rule.get(...k);
    return row && `Scope rule ${row.seq} of ${row.number} (${row.title})`;
  },
  content: (db, id) => {
    const k = split(id, 'rule');
    const row = k && statements(db).rule.get(...k);
    return row && { campaign: row.number, seq: row.seq, mode: row.mode, rule: JSON.parse(row.rule) as unknown, rationale: row.rationale, at: row.created_at, by: row.created_by };
  },
});

registerSignableRecord(STEP_RECORD, {
  title: (db, id) => {
    const k = split(id, 'step');
    const row = k && statements(db).step.get(...k);
    return row && `${row.number} (${row.title}): ${row.from_status} → ${row.to_status}`;
  },
  content: (db, id) => {
    const k = split(id, 'step');
    const row = k && statements(db).step.get(...k);
    return row && { campaign: row.number, from: row.from_status, to: row.to_status, note: row.note, figures: JSON.parse(row.figures) as unknown, at: row.at, by: row.actor };
  },
});

registerSignableRecord(LIFT_RECORD, {
  title: (db, id) => {
    const k = split(id, 'lift');
    const row = k && statements(db).lift.get(...k);
    return row && `Hold of ${row.number} lifted from ${formatRef(row.kind, row.part, row.code)}`;
  },
  content: (db, id) => {
    const k = split(id, 'lift');
    const row = k && statements(db).lift.get(...k);
    return (
      row && { campaign: row.number, ref: formatRef(row.kind, row.part, row.code), heldFrom: row.status_before, statusTo: row.status_to, reason: row.reason, at: row.at, by: row.actor }
    );
  },
});
