// The CBV event hash of an imported EPCIS event kept as its 32 bytes (a BLOB) instead of its 89-character
// `ni:///sha-256;<hex>?ver=CBV2.0` text: a third of the bytes in the table and in its unique index, which
// every imported event adds to. The import compares and stores the bytes (eventHashBytes in epcis/hash.ts); eventIDs stay text.
export const epcisHashBlob = `
CREATE TABLE epcis_events_v10 (
  event_id INTEGER PRIMARY KEY REFERENCES events(id),
  -- The eventID as the document gave it, or the hash (as text) when it gave none.
  epcis_id TEXT NOT NULL,
  -- The SHA-256 of the CBV 2.0 event hash (ni:///sha-256;<these bytes in hex>?ver=CBV2.0), computed without eventID and errorDeclaration.
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  -- 1 when the ledger event records an error declaration of the EPCIS event (it corrects the declared event).
  declaration INTEGER NOT NULL CHECK (declaration IN (0, 1)),
  -- JSON object: the EPCIS fields Lotline does not model (readPoint, bizTransactionList, sourceList, ilmd, extensions, …).
  extra TEXT,
  UNIQUE (epcis_id, declaration),
  UNIQUE (hash, declaration)
) STRICT;
INSERT INTO epcis_events_v10 (event_id, epcis_id, hash, declaration, extra)
  SELECT event_id, epcis_id, unhex(substr(hash, 15, 64)), declaration, extra FROM epcis_events ORDER BY event_id;
DROP TABLE epcis_events;
ALTER TABLE epcis_events_v10 RENAME TO epcis_events;
CREATE TRIGGER epcis_events_no_update BEFORE UPDATE ON epcis_events
BEGIN SELECT RAISE(ABORT, 'EPCIS event records are append-only'); END;
CREATE TRIGGER epcis_events_no_delete BEFORE DELETE ON epcis_events
BEGIN SELECT RAISE(ABORT, 'EPCIS event records are append-only'); END;
`;
