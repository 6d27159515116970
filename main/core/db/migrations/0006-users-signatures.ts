// Users with roles, their password credentials and electronic signatures.
// A password is never stored in the users row: each one set is a new credential row (append-only), so the audited
// users snapshot names the credential in force by id without carrying its hash into the trail. Signatures are
// append-only too: a signature is never changed or withdrawn in place, it only stops being valid for changed content.
export const usersSignatures = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  printed_name TEXT NOT NULL,
  -- Sorted JSON array of operator | qa | admin | viewer.
  roles TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array' AND json_array_length(roles) >= 1),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  -- ISO time until which sign-in is refused, 'admin' while only an admin can unlock, or NULL.
  locked_until TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

CREATE TABLE user_credentials (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  -- scrypt$N$r$p$<salt base64>$<key base64>
  hash TEXT NOT NULL,
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
) STRICT;
CREATE INDEX user_credentials_by_user ON user_credentials (user_id, id);

CREATE TRIGGER user_credentials_no_update BEFORE UPDATE ON user_credentials
BEGIN SELECT RAISE(ABORT, 'A password credential is fixed once set; set a new password instead'); END;
CREATE TRIGGER user_credentials_no_delete BEFORE DELETE ON user_credentials
BEGIN SELECT RAISE(ABORT, 'Password credentials are kept; set a new password instead'); END;

CREATE TABLE signatures (
  id INTEGER PRIMARY KEY,
  record_kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  meaning TEXT NOT NULL CHECK (meaning IN ('authored', 'performed', 'verified', 'reviewed', 'approved', 'released', 'rejected')),
  user_id INTEGER NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  printed_name TEXT NOT NULL,
  -- Local time with its zone offset, as the signer saw it.
  signed_at TEXT NOT NULL,
  -- SHA-256 of the canonical JSON of { kind, id, content }: the content signed, bound to its record.
  content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
  -- SHA-256 binding this row's fields to its record (kind, id): a row copied to another record fails it.
  binding_sha256 TEXT NOT NULL CHECK (length(binding_sha256) = 64)
) STRICT;
CREATE INDEX signatures_by_record ON signatures (record_kind, record_id, id);

CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'A signature is fixed once made'); END;
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'Signatures are part of the record and cannot be deleted'); END;
`;
