// One record's data: its id (as signatures name it), the content, and the canonical JSON that is hashed, attached to
// the PDF and signed. The same bytes serve all three, so the SHA-256 printed on a PDF is the one its signatures bind.
import type { Database as Db } from 'better-sqlite3';
import type { RecordContent, RecordKind } from '../../../common/api/records';
import { LotlineError } from '../../../common/errors';
import { canonicalJson, sha256 } from '../audit/canonical';
import { coaContent } from './coa';
import { dhrContent, dhrUnit } from './dhr';
import { ebrContent, ebrWorkOrderOf } from './ebr';
import { coaUnit } from './coa';
import { unitRef } from '../units/rows';

export interface RecordData {
  record: RecordContent & { id: string };
  /** Canonical JSON of { kind, id, content }. */
  canonical: string;
  sha256: string;
}

/** The record id `ref` names for `kind`: a work order number for ebr, the unit reference for dhr and coa. */
export function recordIdOf(db: Db, kind: RecordKind, ref: string): string {
  if (kind === 'ebr') return ebrWorkOrderOf(db, ref);
  return unitRef(kind === 'dhr' ? dhrUnit(db, ref) : coaUnit(db, ref));
}

/** The record's content by id; undefined when there is no such record. */
export function recordContentById(db: Db, kind: RecordKind, id: string): RecordContent | undefined {
  if (kind === 'ebr') {
    const content = ebrContent(db, id);
    return content && { kind, content };
  }
  if (kind === 'dhr') {
    const content = dhrContent(db, id);
    return content && { kind, content };
  }
  const content = coaContent(db, id);
  return content && { kind, content };
}

export function recordData(db: Db, kind: RecordKind, id: string): RecordData {
  const found = recordContentById(db, kind, id);
  if (!found) throw new LotlineError('NOT_FOUND', `There is no ${kind} record ${id}`);
  const record = { ...found, id };
  const canonical = canonicalJson({ kind, id, content: found.content });
  return { record, canonical, sha256: sha256(canonical) };
}
