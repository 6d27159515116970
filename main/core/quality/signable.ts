// A spec version as a signable record (kind `spec`, id `PART@VERSION`): its approval is a signature with the meaning
// approved over exactly this content; the author of the version is its author under the two-person rule.
import type { Database as Db } from 'better-sqlite3';
import { registerSignableRecord } from '../signatures/registry';
import { itemByPart } from '../masterdata/items';
import { characteristicsOf, criterionOf, specRowOrUndefined } from './specs';
import type { SpecRow } from './specs';

export const SPEC_RECORD = 'spec';

export function specRecordId(part: string, version: number): string {
  return `${part}@${version}`;
}

function specOf(db: Db, id: string): SpecRow | undefined {
  const m = /^(.+)@(\d+)$/.exec(id);
  if (!m) return undefined;
  try {
    return specRowOrUndefined(db, itemByPart(db, m[1] ?? '').id, Number(m[2]));
  } catch {
    return undefined;
  }
}

registerSignableRecord(SPEC_RECORD, {
  title: (db, id) => {
    const spec = specOf(db, id);
    return spec && `Test specification ${spec.part} version ${spec.version}`;
  },
  content: (db, id) => {
    const spec = specOf(db, id);
    if (spec === undefined) return undefined;
    return {
      part: spec.part,
      description: spec.description,
      version: spec.version,
      stage: spec.stage,
      note: spec.note,
      status: spec.status,
      effectiveFrom: spec.effective_from,
      createdAt: spec.created_at,
      createdBy: spec.created_by,
      characteristics: characteristicsOf(db, spec.id).map((c) => ({ name: c.name, method: c.method, sampleSize: c.sample_size, criterion: criterionOf(c) })),
    };
  },
  authors: (db, id) => {
    const spec = specOf(db, id);
    return spec ? [spec.created_by] : [];
  },
});
