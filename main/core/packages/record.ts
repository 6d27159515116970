// The record of a package written: its scope, file, the SHA-256 of its manifest.json and the audit chain head it was
// cut at, who exported it and when. It is the signable record `package` (id = the row's id): a signature of it binds
// the manifest's SHA-256, and with it every file the manifest lists.
import type { Database as Db } from 'better-sqlite3';
import type { PackageScope } from '../../../common/api/packages';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { registerSignableRecord } from '../signatures/registry';

export const PACKAGE_RECORD = 'package';

export interface PackageRow {
  id: number;
  title: string;
  scope: string;
  file_name: string;
  file: string;
  files: number;
  manifest_sha256: string;
  audit_head_seq: number | null;
  audit_head_hash: string | null;
  exported_at: string;
  exported_by: string;
}

const statements = perConnection((db: Db) => ({
  insert: db.prepare<Omit<PackageRow, 'id'>>(
    `INSERT INTO packages (title, scope, file_name, file, files, manifest_sha256, audit_head_seq, audit_head_hash, exported_at, exported_by)
     VALUES (@title, @scope, @file_name, @file, @files, @manifest_sha256, @audit_head_seq, @audit_head_hash, @exported_at, @exported_by)`,
  ),
  byId: db.prepare<[number], PackageRow>('SELECT * FROM packages WHERE id = ?'),
}));

export interface PackageFacts {
  title: string;
  scope: PackageScope;
  file: string;
  fileName: string;
  files: number;
  manifestSha256: string;
  auditHead: { seq: number; hash: string } | null;
  /** Local time with its offset, as the manifest states it. */
  exportedAt: string;
  exportedBy: string;
}

/** Stores the record of a package and audits it; the caller runs it in a transaction. Returns its id. */
export function recordPackage(core: Core, facts: PackageFacts): number {
  const id = Number(
    statements(core.db).insert.run({
      title: facts.title,
      scope: JSON.stringify(facts.scope),
      file_name: facts.fileName,
      file: facts.file,
      files: facts.files,
      manifest_sha256: facts.manifestSha256,
      audit_head_seq: facts.auditHead?.seq ?? null,
      audit_head_hash: facts.auditHead?.hash ?? null,
      exported_at: facts.exportedAt,
      exported_by: facts.exportedBy,
    }).lastInsertRowid,
  );
  auditCreate(core, 'packages', id, `Exported the audit package ${facts.fileName}: ${facts.title}`);
  return id;
}

/**
 * A package recorded (and signed, when asked) whose file could then not be completed — the disk full or gone, the
 * export cancelled at its last step: the record cannot be taken back (records are fixed), so its trail says, with the
 * reason, that no file was written under its name.
 */
export function recordPackageFailure(core: Core, id: number, reason: string): void {
  core.db
    .transaction(() => auditUpdate(core, 'packages', id, `The package file was not completed (${reason}); no file was written: export the package again`, () => undefined))
    .immediate();
}

export function packageRow(db: Db, id: number): PackageRow | undefined {
  return statements(db).byId.get(id);
}

const rowOf = (db: Db, id: string) => (/^\d{1,12}$/.test(id) ? packageRow(db, Number(id)) : undefined);

/** What a signature of a package binds: the manifest's SHA-256 with the package's identity. */
export function packageContent(row: PackageRow) {
  return {
    title: row.title,
    scope: JSON.parse(row.scope) as unknown,
    fileName: row.file_name,
    files: row.files,
    manifestSha256: row.manifest_sha256,
    auditHead: row.audit_head_seq === null ? null : { seq: row.audit_head_seq, hash: row.audit_head_hash },
    exportedAt: row.exported_at,
    exportedBy: row.exported_by,
  };
}

registerSignableRecord(PACKAGE_RECORD, {
  title: (db, id) => {
    const row = rowOf(db, id);
    return row && `Audit package ${row.file_name} (${row.title}): manifest.json SHA-256 ${row.manifest_sha256}`;
  },
  content: (db, id) => {
    const row = rowOf(db, id);
    return row && packageContent(row);
  },
});
