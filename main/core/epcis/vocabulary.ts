// CBV 2.0 vocabularies: the short names of business steps, dispositions, business transaction types,
// source/destination types and error reasons, taken from the EPCIS schema's own lists, and the URI forms
// (urn:epcglobal:cbv:…, https://ref.gs1.org/cbv/…, https://gs1.org/voc/…) that mean the same term.
import schema from '../../../resources/epcis/EPCIS-JSON-Schema.json';

export type VocabularyName = 'bizStep' | 'disposition' | 'bizTransaction-type' | 'source-dest-type' | 'error-reason';

const spec: Record<VocabularyName, { web: string; urn: string; label: string }> = {
  bizStep: { web: 'BizStep-', urn: 'urn:epcglobal:cbv:bizstep:', label: 'business step' },
  disposition: { web: 'Disp-', urn: 'urn:epcglobal:cbv:disp:', label: 'disposition' },
  'bizTransaction-type': { web: 'BTT-', urn: 'urn:epcglobal:cbv:btt:', label: 'business transaction type' },
  'source-dest-type': { web: 'SDT-', urn: 'urn:epcglobal:cbv:sdt:', label: 'source/destination type' },
  'error-reason': { web: 'ER-', urn: 'urn:epcglobal:cbv:er:', label: 'error reason' },
};

interface EnumDefinition {
  anyOf: readonly ({ enum?: readonly string[] } | Record<string, unknown>)[];
}

function terms(name: VocabularyName): ReadonlySet<string> {
  const definition = (schema.definitions as unknown as Record<string, EnumDefinition>)[name];
  return new Set(definition?.anyOf.flatMap((a) => ('enum' in a && Array.isArray(a.enum) ? (a.enum as string[]) : [])) ?? []);
}

const known = Object.fromEntries((Object.keys(spec) as VocabularyName[]).map((n) => [n, terms(n)])) as Record<VocabularyName, ReadonlySet<string>>;

const CBV_WEB = ['https://ref.gs1.org/cbv/', 'https://gs1.org/voc/', 'https://ns.gs1.org/voc/', 'http://ref.gs1.org/cbv/'];

/**
 * The short name of a CBV term given as a short name or any of its URIs; a URI outside the CBV (a
 * company's own vocabulary) is kept as it is. Returns `{ problem }` for a CBV URI naming no CBV term.
 */
export function normaliseTerm(name: VocabularyName, value: string): { value: string } | { problem: string } {
  const list = known[name];
  if (list.has(value)) return { value };
  const { web, urn, label } = spec[name];
  let term: string | undefined;
  if (value.toLowerCase().startsWith(urn)) term = value.slice(urn.length);
  for (const base of CBV_WEB) if (value.startsWith(base + web)) term = value.slice(base.length + web.length);
  if (term !== undefined) return list.has(term) ? { value: term } : { problem: `${value} is not a CBV ${label}` };
  if (/^(urn:epcglobal:cbv:|https?:\/\/(ref\.gs1\.org\/cbv|gs1\.org\/voc|ns\.gs1\.org)\/)/.test(value)) {
    return { problem: `${value} is not a CBV ${label}` };
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return { problem: `"${value}" is not a CBV ${label}; a company's own ${label} must be a URI` };
  return { value };
}

/** The canonical web URI of a CBV short name (what the event hash uses); other values unchanged. */
export function termUri(name: VocabularyName, value: string): string {
  return known[name].has(value) ? `https://ref.gs1.org/cbv/${spec[name].web}${value}` : value;
}
