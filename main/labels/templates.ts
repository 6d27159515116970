// The label templates: those shipped in resources/labels, validated once when first asked for (a shipped template that
// does not match the schema or binds a name that is not label data is a programming error and fails loudly), and the
// versions edited in the app, which override the shipped template of the same name until reverted.
import type { Database as Db } from 'better-sqlite3';
import type { LabelTemplateDetail } from '../../common/api/labels';
import { LotlineError } from '../../common/errors';
import type { LabelTemplate, LabelTemplateSource, LabelTemplateSummary, TemplateIssue } from '../../common/labels/template';
import { labelTemplateSchema } from '../../common/labels/template';
import { canonicalJson } from '../core/audit/canonical';
import type { Core } from '../core/context';
import { addTemplateVersion, latestTemplateVersion, templateVersions } from '../core/labels/template-versions';
import type { TemplateVersionRow } from '../core/labels/template-versions';
import fgLot from '../../resources/labels/fg-lot.json';
import rawLot from '../../resources/labels/raw-lot.json';
import sscc from '../../resources/labels/sscc.json';
import udi from '../../resources/labels/udi.json';
import { placeholderProblem, placeholders } from './binding';

const shipped: readonly unknown[] = [rawLot, fgLot, udi, sscc];

type Element = LabelTemplate['elements'][number];

/** The texts an element binds, each with where it is in the element. */
function elementTexts(e: Element): { at: string; text: string }[] {
  if (e.type === 'text') return e.when === undefined ? [{ at: 'text', text: e.text }] : [{ at: 'text', text: e.text }, { at: 'when', text: `{{${e.when}}}` }];
  if (e.type === 'datamatrix') return e.gs1 ? e.gs1.map((g, i) => ({ at: `gs1.${i}.value`, text: g.value })) : [{ at: 'text', text: e.text ?? '' }];
  if (e.type === 'gs1-128') return e.gs1.map((g, i) => ({ at: `gs1.${i}.value`, text: g.value }));
  return [];
}

function boundTexts(t: LabelTemplate): string[] {
  return t.elements.flatMap((e) => elementTexts(e).map((b) => b.text));
}

/** Everything wrong with a template: where the schema refuses it, then every placeholder that is not label data. */
export function templateIssues(raw: unknown): TemplateIssue[] {
  const parsed = labelTemplateSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return parsed.data.elements.flatMap((e, i) =>
    elementTexts(e).flatMap(({ at, text }) => {
      const problem = placeholderProblem(text);
      return problem ? [{ path: `elements.${i}.${at}`, message: problem }] : [];
    }),
  );
}

const templateName = (raw: unknown): string => (typeof raw === 'object' && raw !== null && 'name' in raw ? String(raw.name) : '(unnamed)');

/** Validates a template: its shape, then every placeholder it binds. Throws VALIDATION naming the template and the place, every issue in details. */
export function parseTemplate(raw: unknown): LabelTemplate {
  const issues = templateIssues(raw);
  const first = issues[0];
  if (first) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new LotlineError('VALIDATION', `Label template ${templateName(raw)}: ${first.path || '(template)'}: ${first.message}${more}`, { issues });
  }
  return labelTemplateSchema.parse(raw);
}

let templates: ReadonlyMap<string, LabelTemplate> | undefined;

function all(): ReadonlyMap<string, LabelTemplate> {
  templates ??= new Map(shipped.map((raw) => parseTemplate(raw)).map((t) => [t.name, t]));
  return templates;
}

/** The template as shipped in resources/labels. */
export function labelTemplate(name: string): LabelTemplate {
  const t = all().get(name);
  if (!t) throw new LotlineError('NOT_FOUND', `There is no label template "${name}"; the templates are ${[...all().keys()].join(', ')}`);
  return t;
}

export interface TemplateInUse {
  template: LabelTemplate;
  source: LabelTemplateSource;
  version: number;
}

function storedDefinition(row: TemplateVersionRow & { definition: string }): LabelTemplate {
  try {
    return parseTemplate(JSON.parse(row.definition));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new LotlineError('VALIDATION', `Label template ${row.name} version ${row.version} (edited by ${row.created_by}) no longer passes the template check (${why}); save a corrected version or revert it to the shipped template`);
  }
}

/** The template labels are rendered from: the latest edited version, or the shipped one. */
export function templateInUse(db: Db, name: string): TemplateInUse {
  const shippedOne = labelTemplate(name);
  const row = latestTemplateVersion(db, name);
  if (row === undefined) return { template: shippedOne, source: 'shipped', version: 0 };
  if (row.definition === null) return { template: shippedOne, source: 'shipped', version: row.version };
  return { template: storedDefinition({ ...row, definition: row.definition }), source: 'edited', version: row.version };
}

function summary({ template: t, source, version }: TemplateInUse): LabelTemplateSummary {
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    subject: t.subject,
    widthMm: t.widthMm,
    heightMm: t.heightMm,
    fields: [...new Set(boundTexts(t).flatMap((text) => placeholders(text).map((p) => p.field)))].sort(),
    source,
    version,
  };
}

export function listTemplates(db: Db): LabelTemplateSummary[] {
  return [...all().keys()].map((name) => summary(templateInUse(db, name)));
}

/** One template as the editor needs it: the definition in use, the shipped one, and every stored version. */
export function templateDetail(db: Db, name: string): LabelTemplateDetail {
  const inUse = templateInUse(db, name);
  return {
    ...summary(inUse),
    definition: inUse.template,
    shipped: labelTemplate(name),
    history: templateVersions(db, name).map((row) => ({ version: row.version, source: row.definition === null ? 'shipped' : 'edited', at: row.created_at, by: row.created_by, reason: row.reason })),
  };
}

/** Saves an edited template as the next version of the shipped template of its name. */
export function saveTemplate(core: Core, input: { definition: unknown; reason: string; expectedVersion?: number | undefined }): LabelTemplateDetail {
  const template = parseTemplate(input.definition);
  if (!all().has(template.name)) {
    throw new LotlineError('VALIDATION', `An edited template overrides a shipped one of the same name; "${template.name}" is not one of ${[...all().keys()].join(', ')}`, {
      issues: [{ path: 'name', message: `must be the name of a shipped template (${[...all().keys()].join(', ')})` }],
    });
  }
  const inUse = templateInUse(core.db, template.name);
  if (inUse.source === 'shipped' && canonicalJson(template) === canonicalJson(labelTemplate(template.name))) {
    throw new LotlineError('CONFLICT', `Label template ${template.name} is the same as the shipped template; change something first`);
  }
  // Stored in the schema's key order (name, title, …, elements; type first in each element), as the editor shows it.
  addTemplateVersion(core, { name: template.name, definition: JSON.stringify(template), reason: input.reason, expectedVersion: input.expectedVersion });
  return templateDetail(core.db, template.name);
}

/** Goes back to the shipped template: a new version without a definition, audited like a save. */
export function revertTemplate(core: Core, input: { name: string; reason: string; expectedVersion?: number | undefined }): LabelTemplateDetail {
  labelTemplate(input.name);
  addTemplateVersion(core, { name: input.name, definition: null, reason: input.reason, expectedVersion: input.expectedVersion });
  return templateDetail(core.db, input.name);
}
