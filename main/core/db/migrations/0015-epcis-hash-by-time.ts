// An imported event's CBV hash is looked up and kept unique together with the event time it covers (two events
// with one hash have one eventTime), so the index leads with the time: a document's events, which come in time
// order, add to the end of that index, where a hash alone put each at a random place in it, and at a million
// events the index no longer fits the page cache (a 500 MB document: 8 of its 52 s went into that index).
export const epcisHashByTime = `
CREATE TABLE epcis_events_v15 (
  event_id INTEGER PRIMARY KEY REFERENCES events(id),
  -- The eventID as the document gave it, or the hash (as text) when it gave none.
  epcis_id TEXT NOT NULL,
  -- The eventTime the hash covers, in UTC as events.event_time: the declared event's for an error declaration's row.
  event_time TEXT NOT NULL,
  -- The SHA-256 of the CBV 2.0 event hash (ni:///sha-256;<these bytes in hex>?ver=CBV2.0), computed without eventID and errorDeclaration.
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  -- 1 when the ledger event records an error declaration of the EPCIS event (it corrects the declared event).
  declaration INTEGER NOT NULL CHECK (declaration IN (0, 1)),
  -- JSON object: the EPCIS fields Lotline does not model (readPoint, bizTransactionList, sourceList, ilmd, extensions, …).
  extra TEXT,
  UNIQUE (epcis_id, declaration),
  UNIQUE (event_time, hash, declaration)
) STRICT;
INSERT INTO epcis_events_v15 (event_id, epcis_id, event_time, hash, declaration, extra)
  SELECT x.event_id, x.epcis_id,
    CASE x.declaration WHEN 0 THEN e.event_time ELSE (SELECT d.event_time FROM events d WHERE d.id = e.corrects_event_id) END,
    x.hash, x.declaration, x.extra
  FROM epcis_events x JOIN events e ON e.id = x.event_id ORDER BY x.event_id;
DROP TABLE epcis_events;
ALTER TABLE epcis_events_v15 RENAME TO epcis_events;
CREATE TRIGGER epcis_events_no_update BEFORE UPDATE ON epcis_events
BEGIN SELECT RAISE(ABORT, 'EPCIS event records are append-only'); END;
CREATE TRIGGER epcis_events_no_delete BEFORE DELETE ON epcis_events
BEGIN SELECT RAISE(ABORT, 'EPCIS event records are append-only'); END;
`;
