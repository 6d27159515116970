// Audit packages for regulators: one zip that opens without Lotline (index.html, record PDFs, the data as CSV and JSON,
// the audit trail extract with its chain hashes, EPCIS, certificates) and proves itself with manifest.json and a
// `sha256sum -c` manifest. A scope is resolved and previewed first, then written as a stream with progress and cancel.
import { z } from 'zod';
import { command, deviceCommand } from './contract';
import { dateField, partField, unitRefField } from './fields';
import type { SignatureView } from './signatures';
import { passwordProofField, usernameField } from './users';

export const packageScopeKinds = ['lot', 'serial', 'item', 'workOrder', 'campaign'] as const;
export type PackageScopeKind = (typeof packageScopeKinds)[number];

const workOrderNumberField = z.string().trim().min(1, 'name the work order number').max(60, 'must be at most 60 characters');

export const packageScopeField = z
  .discriminatedUnion(
    'by',
    [
      z.strictObject({ by: z.literal('lot'), ref: unitRefField }),
      z.strictObject({ by: z.literal('serial'), ref: unitRefField }),
      z.strictObject({ by: z.literal('item'), part: partField, from: dateField, to: dateField }),
      z.strictObject({ by: z.literal('workOrder'), number: workOrderNumberField }),
      z.strictObject({ by: z.literal('campaign'), id: z.string().trim().min(1, 'name the recall campaign by its number').max(60) }),
    ],
    { error: `scope.by: must be one of ${packageScopeKinds.join(', ')}` },
  )
  .refine((s) => s.by !== 'item' || s.from <= s.to, { message: 'from is after to: the date range would be empty', path: ['from'] });

export type PackageScope = z.output<typeof packageScopeField>;

/** A data table of the package: data/<name>.csv and data/<name>.json. */
export interface PackageTableCount {
  name: string;
  rows: number;
}

export interface PackagePreview {
  /** The scope in words: "Lot R26124-01 of RES-PC with its backward and forward trace". */
  title: string;
  scope: PackageScope;
  /** Lots and serials in scope (the trace included). */
  units: number;
  tables: PackageTableCount[];
  records: { ebr: number; dhr: number; coa: number };
  certificates: { files: number; bytes: number };
  /** Recall and field-action campaigns in scope, their notification letters (one per customer) and reports. */
  recall: { campaigns: number; letters: number; reports: number };
  auditRows: number;
  events: number;
  /** Files the package will hold, index and manifests included. */
  files: number;
  /** Uncompressed size, estimated from a sample of each table's rows and the usual size of a record PDF. */
  estimatedBytes: number;
}

/** Pushed on the api's `progress` topic while a package is written: after each file and every few thousand rows. */
export interface PackageProgress {
  command: 'packages.export';
  job: string | null;
  /** The file being written inside the package. */
  current: string;
  /** Files finished, of `totalFiles`. */
  files: number;
  totalFiles: number;
  /** Bytes written into the package so far (uncompressed). */
  bytes: number;
  estimatedBytes: number;
}

export interface PackageFileEntry {
  path: string;
  sha256: string;
  bytes: number;
  mediaType: string;
  title: string;
}

export interface PackageResult {
  file: string;
  /** Size of the zip. */
  bytes: number;
  files: number;
  /** SHA-256 of manifest.json, as a signature of the manifest binds it. */
  manifestSha256: string;
  auditHead: { seq: number; hash: string } | null;
  title: string;
  seconds: number;
  /** The package's record (signable record kind `package`); null when the database is open read-only. */
  packageId: number | null;
  /** The exporter's signature of the manifest (manifest.signature.json), when asked for. */
  signature: SignatureView | null;
}

/** What `export verify` found of manifest.signature.json; null when the package is not signed. */
export interface PackageSignatureCheck {
  ok: boolean;
  signatureId: number;
  packageId: number;
  meaning: string;
  username: string;
  printedName: string;
  signedAt: string;
  /** The manifest SHA-256 the signature binds. */
  manifestSha256: string;
  /** Whether the signature record was looked up in the database (it exists, is valid and binds this manifest). */
  checkedInDatabase: boolean;
  /** Why the signature record was not looked up (no database asked for, or the package is not recorded in it). */
  notChecked: string | null;
  problems: string[];
}

export interface PackageVerification {
  ok: boolean;
  file: string;
  /** Files listed in manifest.json. */
  listed: number;
  /** Files whose bytes match their SHA-256 and size. */
  matching: number;
  changed: string[];
  missing: string[];
  extra: string[];
  /** The audit trail extract: each row's hash recomputed, the chain linked up to the head in the manifest. */
  audit: { ok: boolean; rows: number; chainRows: number; head: string | null; problems: string[] };
  /** manifest.signature.json checked against the manifest (and the database's signature record when checked there). */
  signature: PackageSignatureCheck | null;
  /** Every finding in words, for people; empty when ok. */
  problems: string[];
}

/** Meanings an exporter's signature of a package's manifest can carry. */
export const packageSignatureMeanings = ['authored', 'reviewed', 'approved'] as const;

/** A package ready to download over the web host: GET `path` (with the host's token) streams the zip once. */
export interface PackageDownload {
  /** `/api/download/<ticket>`: single use, valid for a minute. */
  path: string;
  fileName: string;
  bytes: number;
}

/** What the web host streams for a download ticket. */
export interface PackageDownloadFile {
  file: string;
  fileName: string;
  bytes: number;
}

export const DOWNLOAD_PATH = '/api/download/';

const fileField = z.string().trim().min(1, 'name the file').max(4096);
const jobField = z.string().trim().min(1).max(64, 'must be at most 64 characters');

export const packageCommands = {
  'packages.preview': command<PackagePreview>()({
    input: z.strictObject({ scope: packageScopeField }),
    writes: false,
    summary: 'What an audit package of this scope will hold: rows per table, record PDFs, certificates, audit rows and estimated size',
    roles: ['qa', 'admin'],
    action: 'Exporting an audit package',
  }),
  // Long work written off the database's own connection (a read snapshot of its own): it runs outside the command queue.
  'packages.export': deviceCommand<PackageResult>()({
    input: z.strictObject({
      scope: packageScopeField,
      /** The zip to write. */
      file: fileField.refine((f) => f.toLowerCase().endsWith('.zip'), 'must end in .zip'),
      /** Include the FSMA 204 sortable spreadsheet (for foods on the Food Traceability List). */
      fsma: z.boolean().optional(),
      /** An id of the caller's choosing: progress events carry it and packages.cancel names it. */
      job: jobField.optional(),
      /** Sign the manifest (e-signature of the package record): user ID at a session's first signing, password every time. */
      sign: z.strictObject({ meaning: z.enum(packageSignatureMeanings), username: usernameField.optional(), password: passwordProofField }).optional(),
    }),
    writes: true,
    summary: 'Write an audit package (zip): index.html, record PDFs, data as CSV and JSON, audit trail extract, EPCIS, certificates, manifest.json and manifest.sha256',
    roles: ['qa', 'admin'],
    action: 'Exporting an audit package',
  }),
  'packages.cancel': command<{ cancelled: boolean }>()({
    input: z.strictObject({ job: jobField }),
    writes: false,
    summary: 'Stop an audit package being written; nothing is left under its file name',
    roles: ['qa', 'admin'],
    action: 'Exporting an audit package',
  }),
  'packages.download': command<PackageDownload>()({
    input: z.strictObject({ id: z.number().int('must be a package number').positive('must be a package number') }),
    writes: false,
    summary: 'A one-time link (valid a minute) to download a package written by this Lotline over the web host',
    roles: ['qa', 'admin'],
    action: 'Downloading an audit package',
  }),
  // The web host's half of a download: the ticket (unguessable, single use, a minute) names the file; it holds no session.
  'packages.claimDownload': command<PackageDownloadFile>()({
    input: z.strictObject({ ticket: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a download ticket') }),
    writes: false,
    summary: 'The file behind a download ticket (the web host streams it); the ticket is used up',
    anonymous: true,
  }),
  'packages.verify': deviceCommand<PackageVerification>()({
    input: z.strictObject({
      file: fileField,
      /** Look the manifest's signature up in this database too (default true); false checks the package alone. */
      database: z.boolean().optional(),
    }),
    writes: false,
    summary: 'Check an audit package: every file against its SHA-256, the audit trail extract against its chain, and exactly what differs',
  }),
};
