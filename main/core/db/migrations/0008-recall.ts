// Recall and field-action campaigns. A campaign row changes only its status (each step is a row of recall_steps,
// signed); its seeds, scope rules, holds, lifts, customer responses and field actions are append-only rows.
const fixed = (table: string, what: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} cannot be changed: record a new one'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} cannot be deleted'); END;`;

export const recall = `
CREATE TABLE recall_campaigns (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('recall','field-action')),
  drill INTEGER NOT NULL CHECK (drill IN (0,1)),
  title TEXT NOT NULL,
  reason TEXT NOT NULL,
  classification TEXT NOT NULL,
  owner TEXT NOT NULL,
  contain_as TEXT NOT NULL CHECK (contain_as IN ('on_hold','recalled','none')),
  -- What the seeds were asked as (refs, a supplier lot, an item and dates), for the record; recall_seeds holds the units.
  seed_query TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft','open','monitoring','closed')),
  opened_at TEXT,
  -- When the complete impact and mass-balance report was first made (a drill's timer stops there).
  reported_at TEXT,
  closed_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX recall_campaigns_by_created ON recall_campaigns(created_at);
CREATE TRIGGER recall_campaigns_fixed BEFORE UPDATE OF number, kind, drill, title, reason, classification, owner, contain_as, seed_query, created_at, created_by ON recall_campaigns
BEGIN SELECT RAISE(ABORT, 'A campaign''s identity and seeds are fixed once written; open a new campaign'); END;
CREATE TRIGGER recall_campaigns_no_delete BEFORE DELETE ON recall_campaigns
BEGIN SELECT RAISE(ABORT, 'Campaigns are part of the record and cannot be deleted'); END;

CREATE TABLE recall_seeds (
  campaign_id INTEGER NOT NULL REFERENCES recall_campaigns(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (campaign_id, unit_id)
) STRICT, WITHOUT ROWID;
${fixed('recall_seeds', "A campaign''s seeds")}

-- A targeted scope rule: 'exclude' takes out what matches, 'only' keeps only what matches (of its own sort).
CREATE TABLE recall_rules (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES recall_campaigns(id),
  seq INTEGER NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('exclude','only')),
  rule TEXT NOT NULL,
  rationale TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (campaign_id, seq)
) STRICT;
${fixed('recall_rules', 'A scope rule')}

CREATE TABLE recall_steps (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES recall_campaigns(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL CHECK (to_status IN ('open','monitoring','closed')),
  note TEXT,
  -- The figures the step was taken on (scope counts, effectiveness, unexplained differences), as canonical JSON.
  figures TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX recall_steps_by_campaign ON recall_steps(campaign_id, id);
${fixed('recall_steps', 'A campaign step')}

CREATE TABLE recall_holds (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES recall_campaigns(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  status_before TEXT NOT NULL,
  reason_before TEXT,
  status_to TEXT NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events(id),
  at TEXT NOT NULL,
  UNIQUE (campaign_id, unit_id)
) STRICT;
CREATE INDEX recall_holds_by_unit ON recall_holds(unit_id);
${fixed('recall_holds', 'A containment hold')}

CREATE TABLE recall_lifts (
  id INTEGER PRIMARY KEY,
  hold_id INTEGER NOT NULL UNIQUE REFERENCES recall_holds(id),
  status_to TEXT NOT NULL,
  reason TEXT NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
${fixed('recall_lifts', 'A lifted hold')}

CREATE TABLE recall_responses (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES recall_campaigns(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  acknowledged INTEGER NOT NULL CHECK (acknowledged IN (0,1)),
  returned INTEGER NOT NULL CHECK (returned >= 0),
  destroyed INTEGER NOT NULL CHECK (destroyed >= 0),
  corrected INTEGER NOT NULL CHECK (corrected >= 0),
  note TEXT,
  received_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX recall_responses_by_campaign ON recall_responses(campaign_id, customer_id);
${fixed('recall_responses', 'A customer response')}

CREATE TABLE recall_field_actions (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES recall_campaigns(id),
  service_event_id INTEGER NOT NULL UNIQUE REFERENCES service_events(id),
  serial_id INTEGER NOT NULL REFERENCES units(id),
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX recall_field_actions_by_campaign ON recall_field_actions(campaign_id, serial_id);
${fixed('recall_field_actions', 'A field action')}
`;
