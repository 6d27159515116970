// Label templates edited in the app, stored as numbered versions beside the shipped ones (resources/labels). A save
// or a revert to the shipped template is a new version, audited with who, when and why; the latest version of a
// name is the one labels are rendered from. The caller validates a definition before it is stored.
import type { Database as Db } from 'better-sqlite3';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';

export interface TemplateVersionRow {
  id: number;
  name: string;
  version: number;
  /** The template as JSON text; null for a revert to the shipped template. */
  definition: string | null;
  created_at: string;
  created_by: string;
  reason: string;
}

const statements = perConnection((db: Db) => ({
  latest: db.prepare<[string], TemplateVersionRow>('SELECT * FROM label_templates WHERE name = ? ORDER BY version DESC LIMIT 1'),
  history: db.prepare<[string], TemplateVersionRow>('SELECT * FROM label_templates WHERE name = ? ORDER BY version DESC'),
  insert: db.prepare<[string, number, string | null, string, string, string], TemplateVersionRow>(
    'INSERT INTO label_templates (name, version, definition, created_at, created_by, reason) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
  ),
}));

/** The version in use for a template name, or undefined when it was never edited. */
export function latestTemplateVersion(db: Db, name: string): TemplateVersionRow | undefined {
  return statements(db).latest.get(name);
}

/** Every stored version of a template, newest first. */
export function templateVersions(db: Db, name: string): TemplateVersionRow[] {
  return statements(db).history.all(name);
}

export interface NewTemplateVersion {
  name: string;
  /** Validated template JSON, or null to go back to the shipped template. */
  definition: string | null;
  reason: string;
  /** The version the editor started from (0: the shipped template, never edited); refused when another was saved since. */
  expectedVersion?: number | undefined;
}

/** Stores the next version of a template (in the caller's transaction) and audits it. */
export function addTemplateVersion(core: Core, change: NewTemplateVersion): TemplateVersionRow {
  const s = statements(core.db);
  const current = s.latest.get(change.name);
  const version = current?.version ?? 0;
  if (change.expectedVersion !== undefined && change.expectedVersion !== version) {
    const who = current ? ` by ${current.created_by} at ${current.created_at.slice(0, 16).replace('T', ' ')} UTC (${current.reason})` : '';
    throw new LotlineError(
      'CONFLICT',
      `Label template ${change.name} was changed since you opened it: it is at version ${version}${who}, you edited version ${change.expectedVersion}. Reload it and make your change again`,
      { version },
    );
  }
  if (change.definition === null && (current === undefined || current.definition === null)) {
    throw new LotlineError('CONFLICT', `Label template ${change.name} is already the shipped template; there is nothing to revert`);
  }
  if (change.definition !== null && current?.definition === change.definition) {
    throw new LotlineError(
      'CONFLICT',
      `Label template ${change.name} is already saved exactly like this (version ${version}); change something first`,
    );
  }
  const row = s.insert.get(change.name, version + 1, change.definition, core.now().toISOString(), core.actor, change.reason);
  if (!row) throw new Error('label_templates: the insert returned no row');
  auditCreate(core, 'label_templates', row.id, change.reason, { ...row });
  return row;
}
