// `export verify`: re-reads an audit package (no database needed) — every file against the SHA-256 and size in
// manifest.json, manifest.sha256 against manifest.json, and the audit trail extract against its chain and the head
// the manifest names — and names exactly what differs: each file changed, missing or added. A signed package's
// manifest.signature.json is checked against manifest.json, and against the database's signature record when given.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { z } from 'zod';
import type { PackageSignatureCheck, PackageVerification } from '../../../common/api/packages';
import { LotlineError } from '../../../common/errors';
import type { TrailRow } from '../audit/trail';
import { checkAuditExtract } from './audit-extract';
import type { ChainLink } from './audit-extract';
import { parseSha256sum } from './manifest';
import { checkManifestSignature, parseManifestSignature, SIGNATURE_FILE } from './manifest-signature';
import type { ManifestSignature } from './manifest-signature';
import { AUDIT_FILES, MANIFEST_FILE, SHA256_FILE } from './plan';

const manifestSchema = z.object({
  format: z.string(),
  database: z.object({ auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(), auditChain: z.enum(['complete', 'links']).default('complete') }),
  files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() })),
});

const trailRowSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(['create', 'update', 'append']),
  entity: z.string(),
  entity_id: z.number().int(),
  old_values: z.string().nullable(),
  new_values: z.string(),
  reason: z.string().nullable(),
  prev_hash: z.string(),
  hash: z.string(),
  // Packages exported before the audit trail had a moves column have none.
  moves: z.string().nullable().default(null),
});

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      if (!entry.fileName.endsWith('/')) entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/** Hashes an entry; keeps its text when asked (the manifests and the audit extract). */
async function readEntry(zip: ZipFile, entry: Entry, keep: boolean): Promise<{ sha256: string; bytes: number; text: string | null; error: string | null }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of await openEntry(zip, entry)) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
      if (keep) chunks.push(buffer);
    }
  } catch (error) {
    // A damaged entry (its CRC or compressed data no longer matches) counts as changed.
    return { sha256: '', bytes, text: null, error: error instanceof Error ? error.message : String(error) };
  }
  return { sha256: hash.digest('hex'), bytes, text: keep ? Buffer.concat(chunks).toString('utf8') : null, error: null };
}

function chainLinks(csv: string): ChainLink[] {
  return csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => {
      const [seq, prev_hash, hash] = line.split(',');
      return { seq: Number(seq), prev_hash: prev_hash ?? '', hash: hash ?? '' };
    });
}

/** Checks a manifest signature against the database's records: the problems found, or why it could not be checked. */
export type SignatureRecordCheck = (signature: ManifestSignature) => { problems: string[]; unchecked: string | null };

export async function verifyPackage(file: string, checkRecord?: SignatureRecordCheck): Promise<PackageVerification> {
  let zip: ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    throw new LotlineError('VALIDATION', `${file} cannot be read as a zip: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const entries = await listEntries(zip);
    const problems: string[] = [];
    const keep = new Set<string>([MANIFEST_FILE, SHA256_FILE, SIGNATURE_FILE, AUDIT_FILES.rowsJson, AUDIT_FILES.chain]);
    const read = new Map<string, Awaited<ReturnType<typeof readEntry>>>();
    for (const entry of entries) read.set(entry.fileName, await readEntry(zip, entry, keep.has(entry.fileName)));

    const manifestRead = read.get(MANIFEST_FILE);
    if (manifestRead?.text == null) throw new LotlineError('VALIDATION', `${file} holds no readable ${MANIFEST_FILE}: it is not a Lotline audit package, or its manifest was removed`);
    let manifest: z.infer<typeof manifestSchema>;
    try {
      manifest = manifestSchema.parse(JSON.parse(manifestRead.text));
    } catch (error) {
      throw new LotlineError('VALIDATION', `${MANIFEST_FILE} in ${file} cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
    }

    const changed: string[] = [];
    const missing: string[] = [];
    let matching = 0;
    const listed = new Set<string>();
    for (const f of manifest.files) {
      listed.add(f.path);
      const found = read.get(f.path);
      if (found === undefined) {
        missing.push(f.path);
        problems.push(`${f.path} is missing from the package`);
      } else if (found.error !== null || found.sha256 !== f.sha256 || found.bytes !== f.bytes) {
        changed.push(f.path);
        problems.push(found.error !== null ? `${f.path} is damaged: ${found.error}` : `${f.path} was changed: its SHA-256 is ${found.sha256}, the manifest says ${f.sha256}${found.bytes !== f.bytes ? ` (${found.bytes} bytes, the manifest says ${f.bytes})` : ''}`);
      } else matching++;
    }
    const extra = [...read.keys()].filter((name) => !listed.has(name) && name !== MANIFEST_FILE && name !== SHA256_FILE && name !== SIGNATURE_FILE);
    for (const name of extra) problems.push(`${name} was added: it is not in the manifest`);

    // manifest.sha256 must list the same hashes, and manifest.json's own hash as it is now.
    const sums = read.get(SHA256_FILE);
    if (sums?.text == null) {
      missing.push(SHA256_FILE);
      problems.push(`${SHA256_FILE} is missing from the package`);
    } else {
      const parsed = parseSha256sum(sums.text);
      problems.push(...parsed.problems);
      const manifestHash = parsed.hashes.get(MANIFEST_FILE);
      if (manifestHash !== manifestRead.sha256) {
        changed.push(MANIFEST_FILE);
        problems.push(`${MANIFEST_FILE} was changed: its SHA-256 is ${manifestRead.sha256}, ${SHA256_FILE} says ${manifestHash ?? '(not listed)'}`);
      }
      const differing = manifest.files.filter((f) => parsed.hashes.get(f.path) !== f.sha256).map((f) => f.path);
      if (differing.length > 0 || parsed.hashes.size !== manifest.files.length + 1) {
        if (!changed.includes(SHA256_FILE)) changed.push(SHA256_FILE);
        problems.push(`${SHA256_FILE} does not list the same files and hashes as ${MANIFEST_FILE}${differing.length > 0 ? ` (differs for ${differing.slice(0, 5).join(', ')}${differing.length > 5 ? '…' : ''})` : ''}`);
      }
    }

    const audit = auditCheck(read.get(AUDIT_FILES.rowsJson)?.text ?? null, read.get(AUDIT_FILES.chain)?.text ?? null, manifest.database.auditHead, manifest.database.auditChain === 'complete');
    problems.push(...audit.problems);
    const signatureText = read.get(SIGNATURE_FILE);
    const signature = signatureText === undefined ? null : signatureCheck(signatureText.text ?? '', manifestRead.sha256, checkRecord);
    if (signature !== null) problems.push(...signature.problems);
    return { ok: problems.length === 0, file, listed: manifest.files.length, matching, changed, missing, extra, audit, signature, problems };
  } finally {
    zip.close();
  }
}

function auditCheck(rowsJson: string | null, chainCsv: string | null, head: { seq: number; hash: string } | null, complete: boolean): PackageVerification['audit'] {
  if (rowsJson === null || chainCsv === null) {
    return { ok: false, rows: 0, chainRows: 0, head: head?.hash ?? null, problems: [`the audit trail extract (${AUDIT_FILES.rowsJson} and ${AUDIT_FILES.chain}) is missing`] };
  }
  let rows: TrailRow[];
  try {
    rows = z.array(trailRowSchema).parse(JSON.parse(rowsJson));
  } catch (error) {
    return { ok: false, rows: 0, chainRows: 0, head: head?.hash ?? null, problems: [`${AUDIT_FILES.rowsJson} cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`] };
  }
  const { problems, chainRows } = checkAuditExtract(rows, chainLinks(chainCsv), head, complete);
  return { ok: problems.length === 0, rows: rows.length, chainRows, head: head?.hash ?? null, problems };
}

function signatureCheck(text: string, manifestSha256: string, checkRecord: SignatureRecordCheck | undefined): PackageSignatureCheck {
  const parsed = parseManifestSignature(text);
  if ('problem' in parsed) {
    return { ok: false, signatureId: 0, packageId: 0, meaning: '', username: '', printedName: '', signedAt: '', manifestSha256: '', checkedInDatabase: false, notChecked: null, problems: [parsed.problem] };
  }
  const sig = parsed.value;
  const record = checkRecord?.(sig) ?? { problems: [], unchecked: 'not looked up in a database' };
  const problems = [...checkManifestSignature(sig, manifestSha256), ...record.problems];
  return {
    ok: problems.length === 0,
    signatureId: sig.signature.id,
    packageId: sig.package.id,
    meaning: sig.signature.meaning,
    username: sig.signature.username,
    printedName: sig.signature.printedName,
    signedAt: sig.signature.signedAt,
    manifestSha256: sig.manifest.sha256,
    checkedInDatabase: record.unchecked === null,
    notChecked: record.unchecked,
    problems,
  };
}
