import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';
import { openDatabase, schemaVersion } from './open';

describe('trace database', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lotline-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates an empty file to the latest schema with durable settings', () => {
    const db = openDatabase(join(dir, 'a.db'));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.prepare<[], { name: string; strict: number }>(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`).all();
    expect(tables.map((t) => t.name).sort()).toEqual(
      ['audit_trail', 'bom_lines', 'boms', 'case_contents', 'cases', 'counters', 'customers', 'epcis_events', 'event_units', 'events', 'items', 'label_templates', 'lineage', 'lineage_void', 'locations', 'print_jobs', 'printers', 'receipts', 'service_events', 'settings', 'shipment_lines', 'shipments', 'signatures', 'suppliers', 'units', 'user_credentials', 'users', 'work_orders', 'work_order_consumed', 'specs', 'spec_characteristics', 'test_results', 'nonconformances', 'certificates', 'certificate_files', 'recall_campaigns', 'recall_seeds', 'recall_rules', 'recall_steps', 'recall_holds', 'recall_lifts', 'recall_responses', 'recall_field_actions', 'packages'].sort(),
    );
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);
    db.close();
  });

  it('runs each migration once: reopening changes nothing', () => {
    const file = join(dir, 'b.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer Lotline and leaves it untouched', () => {
    const file = join(dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(`newer Lotline (schema ${LATEST_SCHEMA_VERSION + 1}; this app knows up to ${LATEST_SCHEMA_VERSION})`);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    after.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves the file as it was', () => {
    const file = join(dir, 'c.db');
    const broken = [...migrations, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE x (a INTEGER); SELECT no_such_function();' }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/no_such_function/);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name IN ('items', 'x')`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('answers the hot queries from the indexes meant for them', () => {
    const db = openDatabase(join(dir, 'plan.db'));
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT output_id FROM lineage WHERE input_id = 1')).toMatch(/SEARCH lineage USING (COVERING INDEX|PRIMARY KEY).*input_id=/);
    expect(plan('SELECT input_id FROM lineage WHERE output_id = 1')).toMatch(/SEARCH lineage USING COVERING INDEX lineage_backward \(output_id=/);
    expect(plan(`SELECT id FROM units WHERE item_id = 1 AND kind = 'lot' AND code = 'A'`)).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_units_1/);
    expect(plan(`SELECT unit_id FROM shipment_lines WHERE unit_id = 1`)).toMatch(/shipment_lines_by_unit/);
    expect(plan(`SELECT event_id FROM event_units WHERE unit_id = 1`)).toMatch(/event_units_by_unit/);
    // A unit's consumption summed from the index alone (migration 14).
    expect(plan(`SELECT sum(qty) FROM event_units WHERE unit_id = 1 AND role = 'input'`)).toMatch(/SEARCH event_units USING COVERING INDEX event_units_by_unit \(unit_id=\?\)/);
    expect(plan(`SELECT 1 FROM events WHERE corrects_event_id = 1`)).toMatch(/events_corrected_once/);
    // Dashboard and lists: units of a kind and status, newest first, straight from the index (no sort).
    expect(plan(`SELECT id FROM units WHERE kind = 'lot' AND status = 'on_hold' ORDER BY id DESC LIMIT 50`)).toBe('SEARCH units USING COVERING INDEX units_by_status (kind=? AND status=?)');
    expect(plan(`SELECT id FROM units WHERE expires_at >= '2026-01-01' AND expires_at < '2026-02-01' AND +status IN ('released') ORDER BY expires_at`)).toMatch(/^SEARCH units USING INDEX units_by_expiry/);
    // Packing and shipping: the cases a lot or serial is packed in.
    expect(plan(`SELECT case_id, qty FROM case_contents WHERE unit_id = 1`)).toMatch(/case_contents_by_unit/);
    expect(plan(`SELECT * FROM audit_trail WHERE entity = 'units' AND entity_id = 1 ORDER BY seq DESC LIMIT 1`)).toMatch(/audit_by_entity/);
    db.close();
  });

  it('0003 print jobs: jobs by state and earlier prints of a label come from their indexes; a queued label cannot be changed or deleted', () => {
    const db = openDatabase(join(dir, 'print.db'));
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(`SELECT id FROM print_jobs WHERE state IN ('queued', 'awaiting') ORDER BY id`)).toMatch(/print_jobs_by_state/);
    expect(plan(`SELECT id FROM print_jobs WHERE template IS 'udi' AND ref = 'P#1' ORDER BY id DESC LIMIT 1`)).toMatch(/print_jobs_by_label/);
    expect(plan(`SELECT id FROM print_jobs WHERE sha256 = 'x' AND ref IS NULL ORDER BY id DESC LIMIT 1`)).toMatch(/print_jobs_by_content/);
    db.prepare(
      `INSERT INTO print_jobs (printer, content_type, content, sha256, copies, state, created_at, created_by) VALUES ('tcp://p:9100', 'zpl', x'5E58415E585A', '${'a'.repeat(64)}', 1, 'queued', '2026-01-01T00:00:00.000Z', 'alice')`,
    ).run();
    expect(() => db.prepare(`UPDATE print_jobs SET content = x'00'`).run()).toThrow(/fixed once queued; reprint instead/);
    expect(() => db.prepare(`UPDATE print_jobs SET copies = 2`).run()).toThrow(/fixed once queued/);
    expect(() => db.prepare('DELETE FROM print_jobs').run()).toThrow('Print jobs are part of the record and cannot be deleted');
    expect(() => db.prepare(`UPDATE print_jobs SET state = 'lost'`).run()).toThrow(/CHECK constraint failed/);
    db.prepare(`UPDATE print_jobs SET state = 'printed', printed_at = '2026-01-01T00:00:01.000Z'`).run();
    expect(() => db.prepare(`INSERT INTO print_jobs (printer, content_type, content, sha256, copies, reprint_of, state, created_at, created_by) VALUES ('tcp://p:9100', 'zpl', x'00', '${'b'.repeat(64)}', 1, 1, 'queued', '', '')`).run()).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('0005 label templates: the version in use comes from the (name, version) index; a stored version cannot be changed or deleted', () => {
    const db = openDatabase(join(dir, 'labels.db'));
    const plan = db
      .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN SELECT * FROM label_templates WHERE name = 'udi' ORDER BY version DESC LIMIT 1`)
      .all()
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING INDEX sqlite_autoindex_label_templates_1 \(name=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    const insert = db.prepare<[number, string | null, string]>(`INSERT INTO label_templates (name, version, definition, created_at, created_by, reason) VALUES ('udi', ?, ?, '2026-01-01T00:00:00.000Z', 'alice', ?)`);
    insert.run(1, '{"name":"udi"}', 'first edit');
    expect(() => insert.run(1, null, 'same version again')).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run(2, 'not json', 'bad json')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(2, null, 'x')).toThrow(/CHECK constraint failed/);
    insert.run(2, null, 'back to shipped');
    expect(() => db.prepare(`UPDATE label_templates SET definition = NULL`).run()).toThrow('A label template version is fixed once saved; save a new version instead');
    expect(() => db.prepare('DELETE FROM label_templates').run()).toThrow('Label template versions are part of the record and cannot be deleted');
    db.close();
  });

  it('0006 users and signatures: a user ID is unique whatever its case; credentials and signatures cannot be changed or deleted; signatures of a record and the credential of a user come from their indexes', () => {
    const db = openDatabase(join(dir, 'users.db'));
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(`SELECT * FROM signatures WHERE record_kind = 'lot' AND record_id = 'A:1' ORDER BY id`)).toMatch(/USING INDEX signatures_by_record \(record_kind=\? AND record_id=\?\)/);
    expect(plan(`SELECT * FROM signatures WHERE record_kind = 'lot' AND record_id = 'A:1' ORDER BY id`)).not.toMatch(/TEMP B-TREE/);
    expect(plan(`SELECT max(id) FROM user_credentials WHERE user_id = 1`)).toMatch(/user_credentials_by_user/);
    const user = db.prepare<[string, string]>(`INSERT INTO users (username, printed_name, roles, created_at, created_by) VALUES (?, 'Quinn Archer', ?, '2026-01-01T00:00:00.000Z', 'system')`);
    user.run('qa1', '["qa"]');
    expect(() => user.run('QA1', '["qa"]')).toThrow(/UNIQUE constraint failed/);
    expect(() => user.run('qa2', '[]')).toThrow(/CHECK constraint failed/);
    expect(() => user.run('qa3', 'qa')).toThrow(/CHECK constraint failed/);
    db.prepare(`INSERT INTO user_credentials (user_id, hash, set_at, set_by) VALUES (1, 'scrypt$x', '2026-01-01T00:00:00.000Z', 'system')`).run();
    expect(() => db.prepare(`UPDATE user_credentials SET hash = 'other'`).run()).toThrow('A password credential is fixed once set; set a new password instead');
    expect(() => db.prepare('DELETE FROM user_credentials').run()).toThrow('Password credentials are kept; set a new password instead');
    const sign = db.prepare<[string]>(
      `INSERT INTO signatures (record_kind, record_id, meaning, user_id, username, printed_name, signed_at, content_sha256, binding_sha256) VALUES ('lot', 'A:1', ?, 1, 'qa1', 'Quinn Archer', '2026-01-01T08:00:00+01:00', '${'a'.repeat(64)}', '${'b'.repeat(64)}')`,
    );
    sign.run('released');
    expect(() => sign.run('liked')).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`UPDATE signatures SET record_id = 'A:2'`).run()).toThrow('A signature is fixed once made');
    expect(() => db.prepare('DELETE FROM signatures').run()).toThrow('Signatures are part of the record and cannot be deleted');
    db.close();
  });

  it('0007 quality: the spec in force, a unit’s results and open nonconformances come from their indexes; results, specs and certificates cannot be changed or deleted', () => {
    const db = openDatabase(join(dir, 'quality.db'));
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(`SELECT * FROM specs WHERE item_id = 1 AND status = 'approved' AND effective_from <= '2026-05-01' ORDER BY effective_from DESC, version DESC LIMIT 1`)).toMatch(/USING INDEX specs_in_force \(item_id=\? AND effective_from<\?\)/);
    expect(plan(`SELECT * FROM test_results WHERE unit_id = 1 ORDER BY id`)).toMatch(/USING INDEX test_results_by_unit \(unit_id=\?\)/);
    expect(plan(`SELECT * FROM test_results WHERE unit_id = 1 ORDER BY id`)).not.toMatch(/TEMP B-TREE/);
    expect(plan(`SELECT number FROM nonconformances WHERE unit_id = 1 AND status = 'open' ORDER BY id LIMIT 1`)).toMatch(/nonconformances_by_unit \(unit_id=\?\)/);
    expect(plan(`SELECT id FROM test_results WHERE supersedes_id = 1`)).toMatch(/test_results_superseded_once/);
    db.exec(`INSERT INTO items (part, description, tracking, category, unit, created_at) VALUES ('RES', 'Resin', 'lot', 'raw', 'kg', 'x');
             INSERT INTO units (item_id, kind, code, status, qty_initial, qty_on_hand, created_at) VALUES (1, 'lot', 'L1', 'quarantine', 1, 1, 'x');
             INSERT INTO specs (item_id, version, stage, status, created_at, created_by) VALUES (1, 1, 'incoming', 'draft', 'x', 'alice');
             INSERT INTO spec_characteristics (spec_id, seq, name, method, sample_size, unit, lower_limit, upper_limit) VALUES (1, 1, 'pH', 'USP', 1, 'pH', 6.5, 7.5);`);
    const characteristic = db.prepare(`INSERT INTO spec_characteristics (spec_id, seq, name, method, sample_size, unit, lower_limit, upper_limit, expected_text) VALUES (1, ?, ?, 'm', 1, ?, ?, ?, ?)`);
    expect(() => characteristic.run(2, 'PH', 'pH', 1, 2, null)).toThrow(/UNIQUE constraint failed/);
    expect(() => characteristic.run(2, 'Both', 'x', 1, null, 'Pass')).toThrow(/CHECK constraint failed/);
    expect(() => characteristic.run(2, 'Reversed', 'x', 2, 1, null)).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`UPDATE specs SET status = 'approved'`).run()).toThrow(/CHECK constraint failed/);
    db.prepare(`UPDATE specs SET status = 'approved', effective_from = 'a', approved_at = 'a', approved_by = 'bob'`).run();
    expect(() => db.prepare(`UPDATE specs SET approved_by = 'eve'`).run()).toThrow('An approved spec version is fixed; create a new version instead');
    expect(() => db.prepare('DELETE FROM spec_characteristics').run()).toThrow('Spec versions are part of the record and cannot be deleted');
    const result = db.prepare(`INSERT INTO test_results (unit_id, spec_id, characteristic_id, value_num, value_text, outcome, tested_at, tested_by, recorded_at, supersedes_id, correction_reason, nc_id) VALUES (1, 1, 1, ?, ?, ?, 't', 'alice', 't', ?, ?, ?)`);
    expect(() => result.run(8, null, 'fail', null, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => result.run(7, 'seven', 'pass', null, null, null)).toThrow(/CHECK constraint failed/);
    result.run(7, null, 'pass', null, null, null);
    expect(() => result.run(7.1, null, 'pass', 1, null, null)).toThrow(/CHECK constraint failed/);
    result.run(7.1, null, 'pass', 1, 'typo', null);
    expect(() => result.run(7.2, null, 'pass', 1, 'again', null)).toThrow(/UNIQUE constraint failed/);
    expect(() => db.prepare('UPDATE test_results SET outcome = ?').run('fail')).toThrow('Test results are never overwritten: record a correction with its reason');
    const nc = db.prepare(`INSERT INTO nonconformances (number, unit_id, title, description, status, opened_at, opened_by) VALUES ('NC-0001', 1, 'OOS pH', 'd', 'open', 't', 'alice')`);
    nc.run();
    expect(() => db.prepare(`UPDATE nonconformances SET status = 'closed', closed_at = 't', closed_by = 'bob'`).run()).toThrow(/CHECK constraint failed/);
    db.prepare(`UPDATE nonconformances SET root_cause = 'r', disposition = 'scrap', status = 'closed', closed_at = 't', closed_by = 'bob'`).run();
    expect(() => db.prepare(`UPDATE nonconformances SET root_cause = 'other'`).run()).toThrow('A closed nonconformance is fixed; open a new one');
    expect(() => db.prepare(`INSERT INTO certificates (unit_id, kind, file_name, media_type, bytes, sha256, attached_at, attached_by) VALUES (1, 'CoA', 'a.pdf', 'application/pdf', 1, '${'a'.repeat(64)}', 't', 'alice')`).run()).toThrow(/FOREIGN KEY constraint failed/);
    db.close();
  });

  it('0008 recall: a unit’s active hold and a campaign’s steps and responses come from their indexes; a campaign’s identity, rules, steps, holds and responses cannot be changed or deleted', () => {
    const db = openDatabase(join(dir, 'recall.db'));
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT h.id FROM recall_holds h WHERE h.unit_id = 1')).toMatch(/recall_holds_by_unit \(unit_id=\?\)/);
    expect(plan('SELECT id FROM recall_steps WHERE campaign_id = 1 ORDER BY id')).toMatch(/recall_steps_by_campaign \(campaign_id=\?\)/);
    expect(plan('SELECT id FROM recall_steps WHERE campaign_id = 1 ORDER BY id')).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT sum(returned) FROM recall_responses WHERE campaign_id = 1 GROUP BY customer_id')).toMatch(/recall_responses_by_campaign \(campaign_id=\?\)/);
    db.exec(`INSERT INTO items (part, description, tracking, category, unit, created_at) VALUES ('RES', 'Resin', 'lot', 'raw', 'kg', 'x');
             INSERT INTO units (item_id, kind, code, status, qty_initial, qty_on_hand, created_at) VALUES (1, 'lot', 'L1', 'released', 1, 1, 'x');
             INSERT INTO recall_campaigns (number, kind, drill, title, reason, classification, owner, contain_as, seed_query, status, created_at, created_by)
               VALUES ('RC-2026-001', 'recall', 0, 't', 'r', 'Class II', 'o', 'on_hold', '{}', 'draft', 'x', 'alice');
             INSERT INTO recall_seeds VALUES (1, 1);
             INSERT INTO recall_rules (campaign_id, seq, mode, rule, rationale, created_at, created_by) VALUES (1, 1, 'exclude', '{}', 'why', 'x', 'alice');
             INSERT INTO recall_steps (campaign_id, from_status, to_status, figures, at, actor) VALUES (1, 'draft', 'open', '{}', 'x', 'alice');`);
    db.prepare(`UPDATE recall_campaigns SET status = 'open', opened_at = 'y'`).run();
    expect(() => db.prepare(`UPDATE recall_campaigns SET reason = 'other'`).run()).toThrow("A campaign's identity and seeds are fixed once written; open a new campaign");
    expect(() => db.prepare('DELETE FROM recall_campaigns').run()).toThrow('Campaigns are part of the record and cannot be deleted');
    expect(() => db.prepare(`UPDATE recall_rules SET rationale = 'x'`).run()).toThrow('A scope rule cannot be changed: record a new one');
    expect(() => db.prepare('DELETE FROM recall_steps').run()).toThrow('A campaign step cannot be deleted');
    expect(() => db.prepare('DELETE FROM recall_seeds').run()).toThrow("A campaign's seeds cannot be deleted");
    expect(() => db.prepare(`INSERT INTO recall_campaigns (number, kind, drill, title, reason, classification, owner, contain_as, seed_query, status, created_at, created_by) VALUES ('RC-2026-002', 'withdrawal', 0, 't', 'r', 'c', 'o', 'none', '{}', 'draft', 'x', 'a')`).run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`INSERT INTO recall_responses (campaign_id, customer_id, acknowledged, returned, destroyed, corrected, received_at, recorded_at, recorded_by) VALUES (1, 1, 1, -1, 0, 0, 'x', 'x', 'a')`).run()).toThrow(/CHECK constraint failed|FOREIGN KEY/);
    db.close();
  });

  it('0009 packages: a package record cannot be changed or deleted, and names a 64-hex manifest hash', () => {
    const db = openDatabase(join(dir, 'packages.db'));
    const insert = db.prepare<[string]>(
      `INSERT INTO packages (title, scope, file_name, file, files, manifest_sha256, audit_head_seq, audit_head_hash, exported_at, exported_by) VALUES ('t', '{}', 'p.zip', '/tmp/p.zip', 3, ?, NULL, NULL, 'x', 'alice')`,
    );
    insert.run('a'.repeat(64));
    expect(() => insert.run('abc')).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`UPDATE packages SET manifest_sha256 = '${'b'.repeat(64)}'`).run()).toThrow('A package record is fixed once written: export a new package');
    expect(() => db.prepare('DELETE FROM packages').run()).toThrow('Package records are part of the record and cannot be deleted');
    db.close();
  });
});
