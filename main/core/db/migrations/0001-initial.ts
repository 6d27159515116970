// The trace database as first shipped: master data, lots and serials, the event ledger with its
// lineage, documents and the hash-chained audit trail.
/** The tables that only ever grow, and what a refused UPDATE or DELETE on each says. */
export const appendOnlyTables = {
  audit_trail: ['The audit trail is append-only: rows cannot be changed', 'The audit trail is append-only: rows cannot be deleted'],
  events: ['The event ledger is append-only: correct with a reversing event', 'The event ledger is append-only: correct with a reversing event'],
  event_units: ['The event ledger is append-only: correct with a reversing event', 'The event ledger is append-only: correct with a reversing event'],
  lineage: ['Lineage is append-only', 'Lineage is append-only'],
  lineage_void: ['Lineage is append-only', 'Lineage is append-only'],
} as const;

const appendOnlyTriggers = Object.entries(appendOnlyTables)
  .map(
    ([table, [onUpdate, onDelete]]) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${onUpdate}'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${onDelete}'); END;`,
  )
  .join('');

export const initial = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE counters (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  part TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description TEXT NOT NULL,
  gtin TEXT UNIQUE,
  tracking TEXT NOT NULL CHECK (tracking IN ('none','lot','serial')),
  category TEXT NOT NULL CHECK (category IN ('raw','component','subassembly','finished','consumable')),
  unit TEXT NOT NULL,
  shelf_life_days INTEGER,
  warranty_days INTEGER,
  lot_pattern TEXT,
  serial_pattern TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE suppliers (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  contact TEXT,
  email TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  contact TEXT,
  email TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('site','warehouse','line','ship_to')),
  customer_id INTEGER REFERENCES customers(id),
  address TEXT,
  created_at TEXT NOT NULL,
  CHECK ((kind = 'ship_to') = (customer_id IS NOT NULL))
) STRICT;

CREATE TABLE receipts (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
  location_id INTEGER REFERENCES locations(id),
  reference TEXT,
  received_at TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE boms (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  version INTEGER NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (item_id, version)
) STRICT;

CREATE TABLE bom_lines (
  id INTEGER PRIMARY KEY,
  bom_id INTEGER NOT NULL REFERENCES boms(id),
  line_no INTEGER NOT NULL,
  component_item_id INTEGER NOT NULL REFERENCES items(id),
  qty_per INTEGER NOT NULL CHECK (qty_per > 0),
  UNIQUE (bom_id, line_no),
  UNIQUE (bom_id, component_item_id)
) STRICT;

CREATE TABLE work_orders (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  bom_id INTEGER NOT NULL REFERENCES boms(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  qty_planned INTEGER NOT NULL CHECK (qty_planned > 0),
  line TEXT,
  status TEXT NOT NULL CHECK (status IN ('open','closed')),
  created_at TEXT NOT NULL,
  closed_at TEXT
) STRICT;

CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  ship_to_id INTEGER NOT NULL REFERENCES locations(id),
  ship_date TEXT NOT NULL,
  carrier TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- A lot (a quantity of one item) or a serial (one piece of one item): the nodes of the trace.
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  kind TEXT NOT NULL CHECK (kind IN ('lot','serial')),
  code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('quarantine','released','on_hold','rejected','consumed','shipped','recalled')),
  status_reason TEXT,
  qty_initial INTEGER NOT NULL CHECK (qty_initial >= 0),
  qty_on_hand INTEGER NOT NULL CHECK (qty_on_hand >= 0),
  supplier_id INTEGER REFERENCES suppliers(id),
  supplier_lot TEXT,
  receipt_id INTEGER REFERENCES receipts(id),
  work_order_id INTEGER REFERENCES work_orders(id),
  produced_at TEXT,
  expires_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (item_id, kind, code)
) STRICT;
CREATE INDEX units_by_status ON units(kind, status, id);
CREATE INDEX units_by_code ON units(code);
CREATE INDEX units_by_expiry ON units(expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX units_by_work_order ON units(work_order_id) WHERE work_order_id IS NOT NULL;
CREATE INDEX units_by_supplier_lot ON units(supplier_lot) WHERE supplier_lot IS NOT NULL;

-- The append-only ledger, shaped like EPCIS 2.0 events.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('object','aggregation','transformation')),
  action TEXT NOT NULL CHECK (action IN ('ADD','OBSERVE','DELETE')),
  biz_step TEXT NOT NULL,
  disposition TEXT,
  event_time TEXT NOT NULL,
  tz_offset TEXT NOT NULL,
  location_id INTEGER REFERENCES locations(id),
  actor TEXT NOT NULL,
  doc_type TEXT CHECK (doc_type IN ('receipt','work_order','shipment','service','status','correction')),
  doc_id INTEGER,
  reason TEXT,
  status_to TEXT,
  corrects_event_id INTEGER REFERENCES events(id),
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_document ON events(doc_type, doc_id);
CREATE UNIQUE INDEX events_corrected_once ON events(corrects_event_id) WHERE corrects_event_id IS NOT NULL;

CREATE TABLE event_units (
  event_id INTEGER NOT NULL REFERENCES events(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  role TEXT NOT NULL CHECK (role IN ('input','output','object','parent','child')),
  qty INTEGER NOT NULL,
  PRIMARY KEY (event_id, unit_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_units_by_unit ON event_units(unit_id, event_id);

-- One row per input → output edge; forward trace walks input_id → output_id, backward the reverse.
CREATE TABLE lineage (
  input_id INTEGER NOT NULL REFERENCES units(id),
  output_id INTEGER NOT NULL REFERENCES units(id),
  event_id INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (input_id, output_id, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lineage_backward ON lineage(output_id, input_id);


-- Edges taken out of trace by a reversing event (a consumption scanned by mistake). Lineage itself is never edited.
CREATE TABLE lineage_void (
  input_id INTEGER NOT NULL,
  output_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  void_event_id INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (input_id, output_id, event_id),
  FOREIGN KEY (input_id, output_id, event_id) REFERENCES lineage(input_id, output_id, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lineage_void_by_event ON lineage_void(void_event_id);

CREATE TABLE shipment_lines (
  id INTEGER PRIMARY KEY,
  shipment_id INTEGER NOT NULL REFERENCES shipments(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  UNIQUE (shipment_id, unit_id)
) STRICT;
CREATE INDEX shipment_lines_by_unit ON shipment_lines(unit_id);

CREATE TABLE service_events (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  serial_id INTEGER NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL CHECK (kind IN ('repair','part_replaced','return','field_action','inspection')),
  performed_at TEXT NOT NULL,
  description TEXT NOT NULL,
  removed_unit_id INTEGER REFERENCES units(id),
  installed_unit_id INTEGER REFERENCES units(id),
  event_id INTEGER NOT NULL REFERENCES events(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX service_events_by_serial ON service_events(serial_id);

-- One row per change, hash-chained: hash = SHA-256(prev_hash, the row's header and its old and new values; see audit/trail.ts).
CREATE TABLE audit_trail (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create','update','append')),
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  old_values TEXT,
  new_values TEXT NOT NULL,
  reason TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_entity ON audit_trail(entity, entity_id, seq);

${appendOnlyTriggers}
`;
