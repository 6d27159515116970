// Label printing: named printers, and the durable print queue. A job keeps the exact bytes it sends (and their
// SHA-256) so a retry after a restart sends the same label; what was printed, by whom and why it was reprinted
// is fixed once queued, and only the job's progress (state, problem, attempts, times) ever changes.
export const printJobs = `
CREATE TABLE printers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  -- Canonical address: tcp://HOST:PORT, serial:PATH?baud=N, usb:PATH or queue:NAME.
  address TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  printer TEXT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type IN ('zpl', 'pdf')),
  -- The bytes sent for each copy, exactly.
  content BLOB NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  copies INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 999),
  template TEXT,
  ref TEXT,
  -- A reprint says why; it names the earlier job when Lotline printed it.
  reprint_of INTEGER REFERENCES print_jobs(id),
  reprint_reason TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'awaiting', 'printed', 'failed')),
  problem TEXT,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  sent_at TEXT,
  printed_at TEXT,
  CHECK (reprint_of IS NULL OR reprint_reason IS NOT NULL)
) STRICT;

CREATE INDEX print_jobs_by_state ON print_jobs (state, id);
CREATE INDEX print_jobs_by_label ON print_jobs (template, ref, id) WHERE ref IS NOT NULL;
CREATE INDEX print_jobs_by_content ON print_jobs (sha256, id);

CREATE TRIGGER print_jobs_fixed BEFORE UPDATE OF printer, content_type, content, sha256, copies, template, ref, reprint_of, reprint_reason, created_at, created_by ON print_jobs
BEGIN SELECT RAISE(ABORT, 'A print job''s label, printer, copies and reprint reason are fixed once queued; reprint instead'); END;
CREATE TRIGGER print_jobs_no_delete BEFORE DELETE ON print_jobs
BEGIN SELECT RAISE(ABORT, 'Print jobs are part of the record and cannot be deleted'); END;
`;
