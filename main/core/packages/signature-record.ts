// A package's manifest signature checked against the database: the package's record is there and binds the same
// manifest SHA-256, and the signature record the file names exists, is still valid and is the one the file states.
import type { Database as Db } from 'better-sqlite3';
import { basename } from 'node:path';
import { listSignatures } from '../signatures/signatures';
import { SIGNATURE_FILE } from './manifest-signature';
import type { ManifestSignature } from './manifest-signature';
import { PACKAGE_RECORD, packageRow } from './record';

/**
 * `unchecked`: the database at hand does not hold the package (verified on another computer, or with another site's
 * database) — not a failure of the package, but its signature record was not looked up.
 */
export function checkSignatureRecord(db: Db, sig: ManifestSignature): { problems: string[]; unchecked: string | null } {
  const problems = (list: string[]) => ({ problems: list, unchecked: null });
  const row = packageRow(db, sig.package.id);
  if (row === undefined) {
    return { problems: [], unchecked: `package ${sig.package.id} is not recorded in this database (${basename(db.name)}), so its signature record was not checked: verify with --db and the database it was exported from` };
  }
  if (row.manifest_sha256 !== sig.manifest.sha256) {
    return problems([`this database's package ${sig.package.id} (${row.file_name}) has manifest SHA-256 ${row.manifest_sha256}, not the ${sig.manifest.sha256} the signature states: it is another package, or the signature file was altered`]);
  }
  const found = listSignatures(db, { kind: PACKAGE_RECORD, id: String(row.id) }).signatures.find((s) => s.id === sig.signature.id);
  if (found === undefined) return problems([`signature ${sig.signature.id} of package ${row.id} is not in this database`]);
  const list: string[] = [];
  if (!found.valid) list.push(`signature ${found.id} in the database is ${found.invalidReason ?? 'not valid'}`);
  if (found.contentSha256 !== sig.signature.contentSha256 || found.username !== sig.signature.username || found.meaning !== sig.signature.meaning || found.signedAt !== sig.signature.signedAt) {
    list.push(`signature ${found.id} in the database (${found.username}, ${found.meaning}, ${found.signedAt}) is not the one ${SIGNATURE_FILE} states (${sig.signature.username}, ${sig.signature.meaning}, ${sig.signature.signedAt})`);
  }
  return problems(list);
}
