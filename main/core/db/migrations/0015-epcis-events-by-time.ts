// An imported event is looked up and kept unique by its eventID, and by its CBV hash, each together with its
// event time (the hash covers the time; an eventID names one event, at its time), and both unique indexes lead
// with that time: a document's events, which come in time order, add to the end of those indexes, where an eventID
// (a random UUID, as documents give them) or a hash alone put each at a random place in them, and at a million
// events those indexes no longer fit the page cache (a 500 MB document spent 8 of its 52 s in the hash index alone).
export const epcisEventsByTime = `
CREATE TABLE epcis_events_v15 (
  event_id INTEGER PRIMARY KEY REFERENCES events(id),
  -- The eventID as the document gave it, or the hash (as text) when it gave none.
  epcis_id TEXT NOT NULL,
  -- The EPCIS event's eventTime in UTC, as events.event_time (the declared event's for an error declaration's row).
  event_time TEXT NOT NULL,
  -- The SHA-256 of the CBV 2.0 event hash (ni:///sha-256;<these bytes in hex>?ver=CBV2.0), computed without eventID and errorDeclaration.
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  -- 1 when the ledger event records an error declaration of the EPCIS event (it corrects the declared event).
  declaration INTEGER NOT NULL CHECK (declaration IN (0, 1)),
  -- JSON object: the EPCIS fields Lotline does not model (readPoint, bizTransactionList, sourceList, ilmd, extensions, …).
  extra TEXT,
  UNIQUE (event_time, epcis_id, declaration),
  UNIQUE (event_time, hash, declaration)
) STRICT;
INSERT INTO epcis_events_v15 (event_id, epcis_id, event_time, hash, declaration, extra)
  SELECT x.event_id, x.epcis_id,
    CASE x.declaration WHEN 0 THEN e.event_time ELSE coalesce((SELECT d.event_time FROM events d WHERE d.id = e.corrects_event_id), e.event_time) END,
    x.hash, x.declaration, x.extra
  FROM epcis_events x JOIN events e ON e.id = x.event_id ORDER BY x.event_id;
DROP TABLE epcis_events;
ALTER TABLE epcis_events_v15 RENAME TO epcis_events;
CREATE TRIGGER epcis_events_no_update BEFORE UPDATE ON epcis_events
BEGIN SELECT RAISE(ABORT, 'EPCIS event records are append-only'); END;
CREATE TRIGGER epcis_events_no_delete BEFORE DELETE ON epcis_events
BEGIN SELECT RAISE(ABORT, 'EPCIS event records are append-only'); END;
`;
