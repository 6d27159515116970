// Packing: a case (or pallet) is a logistic unit with an SSCC. It is held as a serial of the SSCC item, so events
// can name it (an aggregation's parent, a shipment line), and here with its state and what was packed into it.
export const cases = `
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL UNIQUE REFERENCES units(id),
  sscc TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('open','closed')),
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
) STRICT;

-- One row per lot or serial packed into a case, with the aggregation event that packed it.
CREATE TABLE case_contents (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  event_id INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (case_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_contents_by_unit ON case_contents(unit_id, case_id);
`;
