// What the audit trail records of each entity: one snapshot query, used both when a change is
// written and when `audit verify` replays the trail against the records.

export interface AuditedEntity {
  /** Selects the snapshot columns; `{where}` becomes `WHERE <key> = ?` for one row or nothing for all. */
  sql: string;
  /** Columns holding JSON text that the snapshot stores as structured values. */
  json: readonly string[];
}

const simple = (table: string): AuditedEntity => ({ sql: `SELECT * FROM ${table} t {where} ORDER BY t.id`, json: [] });

export const auditedEntities = {
  items: simple('items'),
  suppliers: simple('suppliers'),
  customers: simple('customers'),
  locations: simple('locations'),
  receipts: simple('receipts'),
  units: simple('units'),
  work_orders: simple('work_orders'),
  service_events: simple('service_events'),
  printers: simple('printers'),
  label_templates: simple('label_templates'),
  test_results: simple('test_results'),
  nonconformances: simple('nonconformances'),
  // The certificate's file is audited through its SHA-256 (certificates.get refuses a file that no longer matches it).
  certificates: simple('certificates'),
  specs: {
    sql: `SELECT t.*, (SELECT json_group_array(json_array(c.seq, c.name, c.method, c.sample_size, c.unit, c.lower_limit, c.upper_limit, c.expected_text))
                       FROM (SELECT * FROM spec_characteristics WHERE spec_id = t.id ORDER BY seq) c) AS characteristics
          FROM specs t {where} ORDER BY t.id`,
    json: ['characteristics'],
  },
  // A user with the id of the password credential in force: a password set outside Lotline shows as a changed user,
  // while the hash itself stays out of the trail.
  users: {
    sql: `SELECT t.*, (SELECT max(c.id) FROM user_credentials c WHERE c.user_id = t.id) AS credential FROM users t {where} ORDER BY t.id`,
    json: ['roles'],
  },
  signatures: simple('signatures'),
  recall_campaigns: {
    sql: `SELECT t.*, (SELECT json_group_array(s.unit_id) FROM (SELECT unit_id FROM recall_seeds WHERE campaign_id = t.id ORDER BY unit_id) s) AS seeds
          FROM recall_campaigns t {where} ORDER BY t.id`,
    json: ['seeds'],
  },
  recall_rules: simple('recall_rules'),
  recall_steps: simple('recall_steps'),
  recall_holds: simple('recall_holds'),
  recall_lifts: simple('recall_lifts'),
  recall_responses: simple('recall_responses'),
  recall_field_actions: simple('recall_field_actions'),
  packages: simple('packages'),
  // The label's bytes are audited through their SHA-256 (the job refuses to send bytes that no longer match it).
  print_jobs: {
    sql: `SELECT t.id, t.printer, t.content_type, t.sha256, length(t.content) AS bytes, t.copies, t.template, t.ref, t.reprint_of, t.reprint_reason,
                 t.state, t.problem, t.attempts, t.created_at, t.created_by, t.sent_at, t.printed_at
          FROM print_jobs t {where} ORDER BY t.id`,
    json: [],
  },
  boms: {
    sql: `SELECT t.*, (SELECT json_group_array(json_array(l.line_no, l.component_item_id, l.qty_per))
                       FROM (SELECT * FROM bom_lines WHERE bom_id = t.id ORDER BY line_no) l) AS lines
          FROM boms t {where} ORDER BY t.id`,
    json: ['lines'],
  },
  shipments: {
    sql: `SELECT t.*, (SELECT json_group_array(json_array(l.unit_id, l.qty))
                       FROM (SELECT * FROM shipment_lines WHERE shipment_id = t.id ORDER BY unit_id) l) AS lines
          FROM shipments t {where} ORDER BY t.id`,
    json: ['lines'],
  },
  cases: {
    sql: `SELECT t.*, (SELECT json_group_array(json_array(c.unit_id, c.qty, c.event_id))
                       FROM (SELECT * FROM case_contents WHERE case_id = t.id ORDER BY unit_id) c) AS contents
          FROM cases t {where} ORDER BY t.id`,
    json: ['contents'],
  },
  // Settings are keyed by name; their rowid is the id the trail names.
  settings: { sql: 'SELECT * FROM (SELECT rowid AS id, key, value FROM settings) t {where} ORDER BY t.id', json: [] },
  // An event with what it touched and the lineage edges it wrote. Every edge of an event has its
  // input or its output among the event's units, so both lookups use an index.
  events: {
    sql: `SELECT t.*,
            (SELECT json_group_array(json_array(u.unit_id, u.role, u.qty))
               FROM (SELECT * FROM event_units WHERE event_id = t.id ORDER BY unit_id, role) u) AS units,
            (SELECT json_group_array(json_array(e.input_id, e.output_id)) FROM (
               SELECT l.input_id, l.output_id FROM event_units u JOIN lineage l ON l.input_id = u.unit_id AND l.event_id = u.event_id
                WHERE u.event_id = t.id AND u.role = 'input'
               UNION
               SELECT l.input_id, l.output_id FROM event_units u JOIN lineage l ON l.output_id = u.unit_id AND l.event_id = u.event_id
                WHERE u.event_id = t.id AND u.role IN ('output', 'child')
               ORDER BY 1, 2) e) AS lineage,
            (SELECT json_group_array(json_array(v.input_id, v.output_id, v.event_id))
               FROM (SELECT * FROM lineage_void WHERE void_event_id = t.id ORDER BY 1, 2, 3) v) AS voided
          FROM events t {where} ORDER BY t.id`,
    json: ['units', 'lineage', 'voided'],
  },
} satisfies Record<string, AuditedEntity>;

export type EntityName = keyof typeof auditedEntities;

export function snapshotSql(entity: EntityName, one: boolean): string {
  return auditedEntities[entity].sql.replace('{where}', one ? 'WHERE t.id = ?' : '');
}

export function toSnapshot(entity: EntityName, row: Record<string, unknown>): Record<string, unknown> {
  const json = auditedEntities[entity].json;
  if (json.length === 0) return row;
  const out = { ...row };
  for (const column of json) {
    const text = row[column];
    out[column] = JSON.parse(typeof text === 'string' ? text : '[]') as unknown;
  }
  return out;
}
