// The kinds of record that can be signed. Each kind says how to read a record's content from the database: a
// signature hashes exactly that content, so a later change to the record shows in the hash. Register a kind once,
// at module load, beside the code that owns the record:
//
//   registerSignableRecord('ebr', { title: (db, id) => `Batch record ${id}`, content: (db, id) => ebrContent(db, id) });
import type { Database as Db } from 'better-sqlite3';
import { LotlineError } from '../../../common/errors';
import { canonicalJson, sha256 } from '../audit/canonical';

export interface SignableRecordKind {
  /** What the record is, for people ("Status decision: Lot RES-PC:R26124-01 released"); undefined when it does not exist. */
  title(db: Db, id: string): string | undefined;
  /** The record's content as plain JSON values (no Dates, no functions); undefined when the record does not exist. */
  content(db: Db, id: string): unknown;
  /** Who authored or performed the record (user IDs): under the two-person rule they may not also approve it. */
  authors?(db: Db, id: string): readonly string[];
  /** The two-person rule always applies to this kind, whatever the site's policy (a step's verification). */
  alwaysTwoPerson?: true;
}

const kinds = new Map<string, SignableRecordKind>();

export function registerSignableRecord(kind: string, record: SignableRecordKind): void {
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(kind)) throw new Error(`Record kind "${kind}" must be lower-case letters, digits and -`);
  if (kinds.has(kind)) throw new Error(`Record kind "${kind}" is registered twice`);
  kinds.set(kind, record);
}

export function signableKinds(): string[] {
  return [...kinds.keys()].sort();
}

export function signableKind(kind: string): SignableRecordKind {
  const found = kinds.get(kind);
  if (found === undefined) throw new LotlineError('VALIDATION', `record.kind: there is no signable record kind "${kind}" (known: ${signableKinds().join(', ')})`);
  return found;
}

export interface RecordContent {
  title: string;
  /** Canonical JSON of { kind, id, content }: what a signature hashes, so the hash names its record too. */
  canonical: string;
  sha256: string;
}

export function recordContent(db: Db, kind: string, id: string): RecordContent {
  const record = signableKind(kind);
  const content = record.content(db, id);
  const title = record.title(db, id);
  if (content === undefined || title === undefined) throw new LotlineError('NOT_FOUND', `There is no ${kind} record ${id}`);
  const canonical = canonicalJson({ kind, id, content });
  return { title, canonical, sha256: sha256(canonical) };
}
