// Label templates edited in the app. Each save is a new version row (nothing is changed in place); a version without
// a definition is a revert to the template shipped in resources/labels. The latest version of a name is the one in use.
export const labelTemplates = `
CREATE TABLE label_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  -- The template as JSON, validated before it is stored; NULL: back to the shipped template.
  definition TEXT CHECK (definition IS NULL OR json_valid(definition)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) >= 3),
  UNIQUE (name, version)
) STRICT;

CREATE TRIGGER label_templates_fixed BEFORE UPDATE ON label_templates
BEGIN SELECT RAISE(ABORT, 'A label template version is fixed once saved; save a new version instead'); END;
CREATE TRIGGER label_templates_no_delete BEFORE DELETE ON label_templates
BEGIN SELECT RAISE(ABORT, 'Label template versions are part of the record and cannot be deleted'); END;
`;
