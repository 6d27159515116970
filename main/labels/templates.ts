// The label templates shipped in resources/labels, validated once when first asked for: a template that does not
// match the schema or binds a name that is not label data is a programming error and fails loudly.
import { LotlineError } from '../../common/errors';
import type { LabelTemplate, LabelTemplateSummary } from '../../common/labels/template';
import { labelTemplateSchema } from '../../common/labels/template';
import fgLot from '../../resources/labels/fg-lot.json';
import rawLot from '../../resources/labels/raw-lot.json';
import sscc from '../../resources/labels/sscc.json';
import udi from '../../resources/labels/udi.json';
import { placeholderProblem, placeholders } from './binding';

const shipped: readonly unknown[] = [rawLot, fgLot, udi, sscc];

function boundTexts(t: LabelTemplate): string[] {
  return t.elements.flatMap((e) => {
    if (e.type === 'text') return e.when === undefined ? [e.text] : [e.text, `{{${e.when}}}`];
    if (e.type === 'datamatrix') return e.gs1 ? e.gs1.map((g) => g.value) : [e.text ?? ''];
    if (e.type === 'gs1-128') return e.gs1.map((g) => g.value);
    return [];
  });
}

/** Validates a template: its shape, then every placeholder it binds. Throws VALIDATION naming the template and the place. */
export function parseTemplate(raw: unknown): LabelTemplate {
  const parsed = labelTemplateSchema.safeParse(raw);
  const name = typeof raw === 'object' && raw !== null && 'name' in raw ? String(raw.name) : '(unnamed)';
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LotlineError('VALIDATION', `Label template ${name}: ${issue ? `${issue.path.join('.') || '(template)'}: ${issue.message}` : 'invalid'}`);
  }
  for (const text of boundTexts(parsed.data)) {
    const problem = placeholderProblem(text);
    if (problem) throw new LotlineError('VALIDATION', `Label template ${name}: ${problem}`);
  }
  return parsed.data;
}

let templates: ReadonlyMap<string, LabelTemplate> | undefined;

function all(): ReadonlyMap<string, LabelTemplate> {
  templates ??= new Map(shipped.map((raw) => parseTemplate(raw)).map((t) => [t.name, t]));
  return templates;
}

export function labelTemplate(name: string): LabelTemplate {
  const t = all().get(name);
  if (!t) throw new LotlineError('NOT_FOUND', `There is no label template "${name}"; the templates are ${[...all().keys()].join(', ')}`);
  return t;
}

export function listTemplates(): LabelTemplateSummary[] {
  return [...all().values()].map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    subject: t.subject,
    widthMm: t.widthMm,
    heightMm: t.heightMm,
    fields: [...new Set(boundTexts(t).flatMap((text) => placeholders(text).map((p) => p.field)))].sort(),
  }));
}
