// Quality records. A spec version and its characteristics are fixed once written (a change is a new version); only a
// draft's approval is ever added to it. Test results are append-only: a correction is a new row that supersedes one
// earlier result with its reason, and an out-of-spec result always names its nonconformance. A nonconformance's
// investigation is filled in (audited) until it is closed, then it is fixed. Certificate files are kept once per
// content (SHA-256), and neither they nor their attachment to a lot ever change.
export const quality = `
CREATE TABLE specs (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  stage TEXT NOT NULL CHECK (stage IN ('incoming','in_process','finished','acceptance')),
  note TEXT,
  status TEXT NOT NULL CHECK (status IN ('draft','approved')),
  effective_from TEXT,
  approved_at TEXT,
  approved_by TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (item_id, version),
  CHECK ((status = 'approved') = (effective_from IS NOT NULL AND approved_at IS NOT NULL AND approved_by IS NOT NULL))
) STRICT;
-- The version in force at a time: the newest approved one whose effective time has come.
CREATE INDEX specs_in_force ON specs(item_id, effective_from) WHERE status = 'approved';

CREATE TABLE spec_characteristics (
  id INTEGER PRIMARY KEY,
  spec_id INTEGER NOT NULL REFERENCES specs(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  method TEXT NOT NULL,
  sample_size INTEGER NOT NULL CHECK (sample_size >= 1),
  unit TEXT,
  lower_limit REAL,
  upper_limit REAL,
  expected_text TEXT,
  UNIQUE (spec_id, seq),
  UNIQUE (spec_id, name COLLATE NOCASE),
  CHECK ((expected_text IS NOT NULL) = (lower_limit IS NULL AND upper_limit IS NULL)),
  CHECK (expected_text IS NOT NULL OR unit IS NOT NULL),
  CHECK (lower_limit IS NULL OR upper_limit IS NULL OR lower_limit <= upper_limit)
) STRICT;

CREATE TRIGGER specs_fixed BEFORE UPDATE OF item_id, version, stage, note, created_at, created_by ON specs
BEGIN SELECT RAISE(ABORT, 'A spec version is fixed once written; create a new version instead'); END;
CREATE TRIGGER specs_approved_once BEFORE UPDATE OF status, effective_from, approved_at, approved_by ON specs WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'An approved spec version is fixed; create a new version instead'); END;
CREATE TRIGGER specs_no_delete BEFORE DELETE ON specs
BEGIN SELECT RAISE(ABORT, 'Spec versions are part of the record and cannot be deleted'); END;
CREATE TRIGGER spec_characteristics_fixed BEFORE UPDATE ON spec_characteristics
BEGIN SELECT RAISE(ABORT, 'A spec version is fixed once written; create a new version instead'); END;
CREATE TRIGGER spec_characteristics_no_delete BEFORE DELETE ON spec_characteristics
BEGIN SELECT RAISE(ABORT, 'Spec versions are part of the record and cannot be deleted'); END;

CREATE TABLE nonconformances (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  root_cause TEXT,
  disposition TEXT CHECK (disposition IN ('use_as_is','rework','scrap','return_to_supplier','reject')),
  status TEXT NOT NULL CHECK (status IN ('open','closed')),
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closed_by IS NOT NULL)),
  CHECK (status = 'open' OR (root_cause IS NOT NULL AND disposition IS NOT NULL))
) STRICT;
-- Release asks whether a lot has an open nonconformance (a lot has few: the unit's index answers it).
CREATE INDEX nonconformances_by_unit ON nonconformances(unit_id, id);
CREATE INDEX nonconformances_by_status ON nonconformances(status, id);

CREATE TRIGGER nonconformances_fixed BEFORE UPDATE OF number, unit_id, title, opened_at, opened_by ON nonconformances
BEGIN SELECT RAISE(ABORT, 'A nonconformance''s number, lot and opening are fixed'); END;
CREATE TRIGGER nonconformances_closed BEFORE UPDATE ON nonconformances WHEN OLD.status = 'closed'
BEGIN SELECT RAISE(ABORT, 'A closed nonconformance is fixed; open a new one'); END;
CREATE TRIGGER nonconformances_no_delete BEFORE DELETE ON nonconformances
BEGIN SELECT RAISE(ABORT, 'Nonconformances are part of the record and cannot be deleted'); END;

CREATE TABLE test_results (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  spec_id INTEGER NOT NULL REFERENCES specs(id),
  characteristic_id INTEGER NOT NULL REFERENCES spec_characteristics(id),
  value_num REAL,
  value_text TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('pass','fail')),
  equipment TEXT,
  tested_at TEXT NOT NULL,
  tested_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  supersedes_id INTEGER REFERENCES test_results(id),
  correction_reason TEXT,
  nc_id INTEGER REFERENCES nonconformances(id),
  CHECK ((value_num IS NULL) != (value_text IS NULL)),
  CHECK ((supersedes_id IS NULL) = (correction_reason IS NULL)),
  CHECK (outcome = 'pass' OR nc_id IS NOT NULL)
) STRICT;
CREATE INDEX test_results_by_unit ON test_results(unit_id, id);
CREATE INDEX test_results_by_spec ON test_results(spec_id, tested_at);
CREATE INDEX test_results_by_nc ON test_results(nc_id) WHERE nc_id IS NOT NULL;
-- A result is corrected at most once; the correction may itself be corrected.
CREATE UNIQUE INDEX test_results_superseded_once ON test_results(supersedes_id) WHERE supersedes_id IS NOT NULL;

CREATE TRIGGER test_results_no_update BEFORE UPDATE ON test_results
BEGIN SELECT RAISE(ABORT, 'Test results are never overwritten: record a correction with its reason'); END;
CREATE TRIGGER test_results_no_delete BEFORE DELETE ON test_results
BEGIN SELECT RAISE(ABORT, 'Test results are part of the record and cannot be deleted'); END;

CREATE TABLE certificate_files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  content BLOB NOT NULL
) STRICT;

CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL CHECK (kind IN ('CoA','CoC')),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  sha256 TEXT NOT NULL REFERENCES certificate_files(sha256),
  note TEXT,
  attached_at TEXT NOT NULL,
  attached_by TEXT NOT NULL
) STRICT;
CREATE INDEX certificates_by_unit ON certificates(unit_id, id);

CREATE TRIGGER certificate_files_no_update BEFORE UPDATE ON certificate_files
BEGIN SELECT RAISE(ABORT, 'A certificate file is kept as received and cannot be changed'); END;
CREATE TRIGGER certificate_files_no_delete BEFORE DELETE ON certificate_files
BEGIN SELECT RAISE(ABORT, 'Certificate files are part of the record and cannot be deleted'); END;
CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates
BEGIN SELECT RAISE(ABORT, 'A certificate attachment is fixed; attach the corrected file as well'); END;
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'Certificates are part of the record and cannot be deleted'); END;
`;
