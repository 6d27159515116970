// Signing a record and reading its signatures back with their validity.
import type { Database as Db } from 'better-sqlite3';
import type { SignableRecord, SignatureMeaning, SignatureView } from '../../../common/api/signatures';
import { secondPersonMeanings } from '../../../common/api/signatures';
import { LotlineError } from '../../../common/errors';
import { canonicalJson, sha256 } from '../audit/canonical';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { eventTime, withOffset } from '../time';
import { readPolicy } from '../users/policy';
import { rolesOf } from '../users/store';
import type { UserRow } from '../users/store';
import { roleRefusalMessage } from '../users/access';
import { recordContent, signableKind } from './registry';

interface SignatureRow {
  id: number;
  record_kind: string;
  record_id: string;
  meaning: SignatureMeaning;
  user_id: number;
  username: string;
  printed_name: string;
  signed_at: string;
  content_sha256: string;
  binding_sha256: string;
}

const statements = perConnection((db: Db) => ({
  ofRecord: db.prepare<[string, string], SignatureRow>('SELECT * FROM signatures WHERE record_kind = ? AND record_id = ? ORDER BY id'),
  byId: db.prepare<[number], SignatureRow>('SELECT * FROM signatures WHERE id = ?'),
  insert: db.prepare<Omit<SignatureRow, 'id'>>(
    `INSERT INTO signatures (record_kind, record_id, meaning, user_id, username, printed_name, signed_at, content_sha256, binding_sha256)
     VALUES (@record_kind, @record_id, @meaning, @user_id, @username, @printed_name, @signed_at, @content_sha256, @binding_sha256)`,
  ),
}));

/** Binds every field of the row to its record, so a row copied to another record (or edited) no longer matches. */
function bindingOf(row: Omit<SignatureRow, 'id' | 'binding_sha256'>): string {
  return sha256(
    canonicalJson({
      kind: row.record_kind,
      id: row.record_id,
      meaning: row.meaning,
      userId: row.user_id,
      username: row.username,
      printedName: row.printed_name,
      signedAt: row.signed_at,
      contentSha256: row.content_sha256,
    }),
  );
}

/** Meanings that carry QA's authority over a record. */
const QA_MEANINGS: readonly SignatureMeaning[] = ['approved', 'released', 'rejected'];

const MEANING_VERB: Record<SignatureMeaning, string> = {
  authored: 'author',
  performed: 'perform',
  verified: 'verify',
  reviewed: 'review',
  approved: 'approve',
  released: 'release',
  rejected: 'reject',
};

/**
 * Records `signer`'s signature of the record as it is now. The caller has already proved the signer's password in
 * this transaction; the rules here are about the record: QA meanings need the QA role, and under the two-person
 * rule the author or performer of a record may not also verify, review, approve, release or reject it.
 */
export function signRecord(core: Core, record: { kind: string; id: string }, meaning: SignatureMeaning, signer: UserRow): SignatureView {
  const content = recordContent(core.db, record.kind, record.id);
  const signerRoles = rolesOf(signer);
  if (QA_MEANINGS.includes(meaning) && !signerRoles.includes('qa')) {
    throw new LotlineError('FORBIDDEN', roleRefusalMessage(`Signing as ${meaning}`, ['qa'], signerRoles), { needed: ['qa'], has: signerRoles });
  }
  if (secondPersonMeanings.includes(meaning) && (signableKind(record.kind).alwaysTwoPerson === true || readPolicy(core.db).twoPersonKinds.includes(record.kind))) {
    const authors = new Set([
      ...(signableKind(record.kind).authors?.(core.db, record.id) ?? []),
      ...statements(core.db)
        .ofRecord.all(record.kind, record.id)
        .filter((s) => s.meaning === 'authored' || s.meaning === 'performed')
        .map((s) => s.username),
    ]);
    if ([...authors].some((a) => a.toLowerCase() === signer.username.toLowerCase())) {
      throw new LotlineError(
        'FORBIDDEN',
        `The two-person rule applies to ${record.kind} records: ${signer.username} authored or performed ${content.title} and cannot also ${MEANING_VERB[meaning]} it; ask another person to sign`,
        { twoPersonRule: true },
      );
    }
  }
  const now = core.now();
  const time = eventTime(undefined, now);
  const row = {
    record_kind: record.kind,
    record_id: record.id,
    meaning,
    user_id: signer.id,
    username: signer.username,
    printed_name: signer.printed_name,
    signed_at: withOffset(time.utc, time.offset),
    content_sha256: content.sha256,
  };
  const id = Number(statements(core.db).insert.run({ ...row, binding_sha256: bindingOf(row) }).lastInsertRowid);
  auditCreate(core, 'signatures', id, `Signed ${content.title} as ${meaning}`);
  return toView(statements(core.db).byId.get(id) as SignatureRow, content.sha256);
}

function toView(row: SignatureRow, currentSha256: string | null): SignatureView {
  const { binding_sha256: _binding, ...fields } = row;
  const invalidReason =
    bindingOf(fields) !== row.binding_sha256
      ? 'not valid: this signature was made for another record (copied) or altered'
      : currentSha256 === null
        ? 'no longer valid: the record no longer exists'
        : currentSha256 !== row.content_sha256
          ? 'no longer valid: the record changed after signing'
          : null;
  return {
    id: row.id,
    record: { kind: row.record_kind, id: row.record_id },
    meaning: row.meaning,
    username: row.username,
    printedName: row.printed_name,
    signedAt: row.signed_at,
    contentSha256: row.content_sha256,
    invalidReason,
    valid: invalidReason === null,
  };
}

export function listSignatures(db: Db, record: { kind: string; id: string }): SignableRecord {
  const content = recordContent(db, record.kind, record.id);
  return {
    kind: record.kind,
    id: record.id,
    title: content.title,
    contentSha256: content.sha256,
    content: content.canonical,
    signatures: statements(db)
      .ofRecord.all(record.kind, record.id)
      .map((row) => toView(row, content.sha256)),
  };
}
