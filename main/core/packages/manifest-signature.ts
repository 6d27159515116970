// manifest.signature.json: the exporter's e-signature of manifest.json. It is written after the manifest (a manifest
// cannot list the file that signs it) and carries what anyone can check without Lotline — the signed content as
// canonical JSON, whose SHA-256 is the signature's content hash and which names manifest.json's SHA-256 — and the
// signature record's id, which `export verify` looks up in the database when it has it.
import { z } from 'zod';
import type { SignatureView } from '../../../common/api/signatures';
import { signatureMeanings } from '../../../common/api/signatures';
import { sha256 } from '../audit/canonical';
import { MANIFEST_FILE } from './plan';
import { PACKAGE_RECORD } from './record';

export const SIGNATURE_FILE = 'manifest.signature.json';
export const SIGNATURE_FORMAT = 'lotline-manifest-signature/1';

const signatureFileSchema = z.object({
  format: z.literal(SIGNATURE_FORMAT),
  manifest: z.object({ file: z.literal(MANIFEST_FILE), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  package: z.object({ id: z.number().int().positive() }),
  signature: z.object({
    id: z.number().int().positive(),
    meaning: z.enum(signatureMeanings),
    username: z.string(),
    printedName: z.string(),
    signedAt: z.string(),
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  signedContent: z.string(),
});

export type ManifestSignature = z.infer<typeof signatureFileSchema>;

export function manifestSignature(packageId: number, manifestSha256: string, view: SignatureView, canonical: string): ManifestSignature {
  return {
    format: SIGNATURE_FORMAT,
    manifest: { file: MANIFEST_FILE, sha256: manifestSha256 },
    package: { id: packageId },
    signature: { id: view.id, meaning: view.meaning, username: view.username, printedName: view.printedName, signedAt: view.signedAt, contentSha256: view.contentSha256 },
    signedContent: canonical,
  };
}

/** Reads the file back; its problems in words when it cannot be read. */
export function parseManifestSignature(text: string): { value: ManifestSignature } | { problem: string } {
  try {
    return { value: signatureFileSchema.parse(JSON.parse(text)) };
  } catch (error) {
    return { problem: `${SIGNATURE_FILE} cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}` };
  }
}

/**
 * Checks the signature against the package alone: the signed content hashes to the signature's content hash, is the
 * package record the file names, and binds the SHA-256 that manifest.json has now.
 */
export function checkManifestSignature(sig: ManifestSignature, manifestSha256Now: string): string[] {
  const problems: string[] = [];
  if (sha256(sig.signedContent) !== sig.signature.contentSha256) problems.push(`${SIGNATURE_FILE}: the signed content does not hash to the signature's content SHA-256 (the file was edited)`);
  let signed: { kind?: unknown; id?: unknown; content?: { manifestSha256?: unknown } } = {};
  try {
    signed = JSON.parse(sig.signedContent) as typeof signed;
  } catch {
    problems.push(`${SIGNATURE_FILE}: the signed content is not JSON`);
  }
  if (signed.kind !== PACKAGE_RECORD || signed.id !== String(sig.package.id)) problems.push(`${SIGNATURE_FILE}: the signed content is not the record of package ${sig.package.id}`);
  const bound = signed.content?.manifestSha256;
  if (bound !== sig.manifest.sha256) problems.push(`${SIGNATURE_FILE}: the manifest SHA-256 it states (${sig.manifest.sha256}) is not the one signed (${String(bound)})`);
  if (bound !== manifestSha256Now) problems.push(`${MANIFEST_FILE} was changed after it was signed: its SHA-256 is ${manifestSha256Now}, the signature binds ${String(bound)}`);
  return problems;
}
