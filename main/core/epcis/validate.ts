// Schema validation with GS1's EPCIS 2.0 JSON schema (shipped in resources/epcis): the document header
// and each event on its own, so a large document is checked one event at a time. The schema is compiled
// ahead of time (epcis-validators.generated.js, by scripts/generate-epcis-validators.ts): an import, and each
// EPCIS check worker, starts without compiling it.
import type { ErrorObject } from 'ajv';
import * as validators from './epcis-validators.generated.js';

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  const list = errors ?? [];
  // The deepest error names the field that is wrong; anyOf/if-then wrappers only repeat it.
  const deepest = [...list].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  if (!deepest) return 'does not match the EPCIS 2.0 schema';
  const field = deepest.instancePath
    .split('/')
    .filter((p) => p.length > 0)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
  const extra = deepest.keyword === 'enum' ? ` (${(deepest.params as { allowedValues?: unknown[] }).allowedValues?.slice(0, 8).join(', ')}, …)` : '';
  const property = deepest.keyword === 'required' ? ` "${String((deepest.params as { missingProperty?: string }).missingProperty)}"` : '';
  return `${field || '(event)'}: ${deepest.message ?? 'is invalid'}${property}${extra}`;
}

/** Undefined when the document (header with its eventList) matches the schema, else what is wrong. */
export function documentProblem(document: unknown): string | undefined {
  const v = validators.document;
  return v(document) ? undefined : describe(v.errors);
}

/** Undefined when the event matches the schema, else the field and what is wrong with it. */
export function eventProblem(event: unknown): string | undefined {
  const v = validators.event;
  return v(event) ? undefined : describe(v.errors);
}
