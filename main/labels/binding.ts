// Fills "{{lot.code}}" and "{{lot.expiry|yymmdd}}" placeholders from the label's data.
import type { LabelData } from '../../common/labels/data';
import { labelDataSchema } from '../../common/labels/data';

const PLACEHOLDER = /\{\{\s*([A-Za-z]+\.[A-Za-z]+)\s*(?:\|\s*([a-z0-9]+)\s*)?\}\}/g;

const filters: Record<string, (value: string) => string> = {
  /** ISO date → the GS1 date form YYMMDD. */
  yymmdd: (v) => `${v.slice(2, 4)}${v.slice(5, 7)}${v.slice(8, 10)}`,
  upper: (v) => v.toUpperCase(),
};

/** Every data name a label may bind, from the data schema: "item.gtin", "lot.code", ... */
export const knownFields: ReadonlySet<string> = new Set(
  Object.entries(labelDataSchema.shape).flatMap(([owner, schema]) => Object.keys(schema.unwrap().shape).map((key) => `${owner}.${key}`)),
);

export interface Placeholder {
  field: string;
  filter: string | undefined;
}

export function placeholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ field: m[1] ?? '', filter: m[2] }));
}

/** Why a template's text cannot bind (unknown name or filter), or undefined. */
export function placeholderProblem(text: string): string | undefined {
  for (const p of placeholders(text)) {
    if (!knownFields.has(p.field)) return `{{${p.field}}} is not label data (known: ${[...knownFields].join(', ')})`;
    if (p.filter !== undefined && !(p.filter in filters)) return `"${p.filter}" is not a filter (known: ${Object.keys(filters).join(', ')})`;
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) return `"${text}" has a placeholder that is not {{owner.name}} or {{owner.name|filter}}`;
  return undefined;
}

function lookup(data: LabelData, field: string): string | undefined {
  const [owner = '', key = ''] = field.split('.', 2);
  const record = data[owner as keyof LabelData] as Record<string, string | undefined> | undefined;
  return record?.[key];
}

export type Bound = { ok: true; text: string } | { ok: false; missing: string };

/** The text with its placeholders filled, or the first data name that has no value. */
export function bind(text: string, data: LabelData): Bound {
  let missing: string | undefined;
  const out = text.replace(PLACEHOLDER, (_whole, field: string, filter: string | undefined) => {
    const value = lookup(data, field);
    if (value === undefined || value === '') {
      missing ??= field;
      return '';
    }
    const apply = filter === undefined ? undefined : filters[filter];
    return apply ? apply(value) : value;
  });
  return missing === undefined ? { ok: true, text: out } : { ok: false, missing };
}
