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
      ['audit_trail', 'bom_lines', 'boms', 'case_contents', 'cases', 'counters', 'customers', 'epcis_events', 'event_units', 'events', 'items', 'label_templates', 'lineage', 'lineage_void', 'locations', 'print_jobs', 'printers', 'receipts', 'service_events', 'settings', 'shipment_lines', 'shipments', 'suppliers', 'units', 'work_orders'].sort(),
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
});
