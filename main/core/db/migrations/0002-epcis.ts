// EPCIS exchange: which ledger events came from an EPCIS document, under which eventID and CBV event
// hash (so a re-import adds nothing), and the EPCIS fields Lotline has no column for (given back on export).
const guard = (table: string, message: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${message}'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${message}'); END;`;

export const epcis = `
CREATE TABLE epcis_events (
  event_id INTEGER PRIMARY KEY REFERENCES events(id),
  -- The eventID as the document gave it, or the hash when it gave none.
  epcis_id TEXT NOT NULL,
  -- The CBV 2.0 event hash (ni:///sha-256;…?ver=CBV2.0), computed without eventID and errorDeclaration.
  hash TEXT NOT NULL,
  -- 1 when the ledger event records an error declaration of the EPCIS event (it corrects the declared event).
  declaration INTEGER NOT NULL CHECK (declaration IN (0, 1)),
  -- JSON object: the EPCIS fields Lotline does not model (readPoint, bizTransactionList, sourceList, ilmd, extensions, …).
  extra TEXT,
  UNIQUE (epcis_id, declaration),
  UNIQUE (hash, declaration)
) STRICT;
${guard('epcis_events', 'EPCIS event records are append-only')}
`;
