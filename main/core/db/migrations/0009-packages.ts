// Audit packages as records: one row per package written (scope, file, the SHA-256 of its manifest.json, the audit
// chain head it was cut at, who exported it and when), so that an exporter can sign the manifest (signable record
// kind `package`) and `export verify` can check a package's signature against the database. Rows are fixed.
export const packages = `
CREATE TABLE packages (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  scope TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file TEXT NOT NULL,
  files INTEGER NOT NULL,
  manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
  audit_head_seq INTEGER,
  audit_head_hash TEXT,
  exported_at TEXT NOT NULL,
  exported_by TEXT NOT NULL
) STRICT;
CREATE INDEX packages_by_file ON packages(file);
CREATE TRIGGER packages_no_update BEFORE UPDATE ON packages
BEGIN SELECT RAISE(ABORT, 'A package record is fixed once written: export a new package'); END;
CREATE TRIGGER packages_no_delete BEFORE DELETE ON packages
BEGIN SELECT RAISE(ABORT, 'Package records are part of the record and cannot be deleted'); END;
`;
