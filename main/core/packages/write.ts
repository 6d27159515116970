// Writes an audit package: a read snapshot of its own (a second connection, so stations keep writing while it runs),
// the plan, then file by file into the streamed zip — data tables, record PDFs, recall letters and reports, certificates, the audit trail extract,
// EPCIS, the FSMA sheet when asked — and last index.html, manifest.json and manifest.sha256 over everything before.
// Then the package's record is stored (and, when asked, signed: manifest.signature.json follows the manifests).
import type { Database as Db } from 'better-sqlite3';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type { PackageFileEntry, PackageProgress, PackageResult, PackageScope } from '../../../common/api/packages';
import type { SignatureMeaning, SignatureView } from '../../../common/api/signatures';
import { LotlineError } from '../../../common/errors';
import type { PdfSink } from '../../documents/pdf-sink';
import { readRecord, writeRecordPdf } from '../../documents/records/render-record';
import type { Core } from '../context';
import { migrations } from '../db/migrations';
import { openDatabase, schemaVersion } from '../db/open';
import { epcisChunks } from '../epcis/export';
import { FSMA_COLUMNS, rowCells } from '../fsma/columns';
import { fsmaRows } from '../fsma/rows';
import { xlsxFileSink } from '../fsma/xlsx';
import { certificateFile } from '../quality/certificates';
import { recordContent } from '../signatures/registry';
import { signRecord } from '../signatures/signatures';
import type { UserRow } from '../users/store';
import { eventTime, withOffset } from '../time';
import { AUDIT_COLUMNS, auditRows, CHAIN_COLUMNS, chainRows } from './audit-extract';
import { csvChunks, jsonChunks, JsonRowsFile, tapped } from './data-files';
import { indexHtml } from './index-html';
import { manifestOf, sha256sumLines } from './manifest';
import { manifestSignature, SIGNATURE_FILE } from './manifest-signature';
import { AUDIT_FILES, EPCIS_FILE, FSMA_FILE, INDEX_FILE, MANIFEST_FILE, planPackage, previewOf, SHA256_FILE } from './plan';
import type { PackagePlan } from './plan';
import { recallPdfJobs } from './recall-files';
import { PACKAGE_RECORD, recordPackage, recordPackageFailure } from './record';
import { tableColumns, tableRows } from './tables';
import { PackageZip } from './zip-writer';

export interface PackageRequest {
  scope: PackageScope;
  file: string;
  fsma?: boolean | undefined;
  /** Sign the manifest as this person (password already proved) with this meaning. */
  sign?: { meaning: SignatureMeaning; signer: UserRow } | undefined;
}

export interface PackageOptions {
  appVersion: string;
  signal?: AbortSignal | undefined;
  progress?: ((p: Omit<PackageProgress, 'command' | 'job'>) => void) | undefined;
  /** Told as each part of the work ends, with its seconds (the benchmark's time split). */
  phase?: ((name: PackagePhase, seconds: number) => void) | undefined;
}

export type PackagePhase =
  | 'plan'
  | 'estimate'
  | 'tables'
  | 'records'
  | 'recall'
  | 'certificates'
  | 'audit'
  | 'epcis'
  | 'fsma'
  | 'manifests'
  | 'record and signature'
  | 'zip end';

/** Ends one phase and starts the next: the seconds since the last call go to `name`. */
function phaseClock(report: PackageOptions['phase']): (name: PackagePhase) => void {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    report?.(name, (now - last) / 1000);
    last = now;
  };
}

/** A read snapshot on a connection of the package's own, or the core's own connection for an in-memory database. */
function snapshotConnection(core: Core): { db: Db; close: () => void } {
  // The core's connection has brought the schema where it is (a read-only one may stay at an older version): the same list.
  const upTo = schemaVersion(core.db);
  const db = core.db.memory ? core.db : openDatabase(core.db.name, { readonly: true, migrations: migrations.filter((m) => m.version <= upTo) });
  const own = db !== core.db;
  db.exec('BEGIN');
  return {
    db,
    close: () => {
      if (db.inTransaction) db.exec('COMMIT');
      if (own && db.open) db.close();
    },
  };
}

/** A PdfSink feeding a stream that the zip reads (with its backpressure). */
function streamSink(stream: PassThrough): PdfSink {
  return {
    write: (chunk) => stream.write(chunk),
    drained: () => (stream.writableNeedDrain ? new Promise((done) => stream.once('drain', () => done())) : Promise.resolve()),
    close: () => {
      stream.end();
      return Promise.resolve();
    },
  };
}

/** The snapshot connection's page cache while the files stream out (negative: KiB). */
const STREAMING_CACHE_KIB = -8192;

export async function writePackage(core: Core, request: PackageRequest, options: PackageOptions): Promise<PackageResult> {
  const started = Date.now();
  const file = resolve(request.file);
  if (request.sign && core.db.readonly)
    throw new LotlineError(
      'VALIDATION',
      'sign: the database is open read-only, so the package cannot be recorded and signed; open it for writing to sign',
    );
  const snapshot = snapshotConnection(core);
  const db = snapshot.db;
  // The package reads the snapshot connection; the record builders and EPCIS take a core, so they get one over it.
  const reader: Core = { ...core, db };
  const temp = mkdtempSync(join(tmpdir(), 'lotline-package-'));
  let zip: PackageZip | undefined;
  /** The package's record, once committed: a failure after it is noted in its trail (recordPackageFailure). */
  let recorded: number | null = null;
  const done = phaseClock(options.phase);
  try {
    const plan = planPackage(db, request.scope, request.fsma ?? false);
    done('plan');
    const estimatedBytes = previewOf(db, plan).estimatedBytes;
    done('estimate');
    // From here each row is read about once, in order: a small page cache does as well as the 64 MB one that the plan's
    // trace used, and the memory goes back (bench/RESULTS-packages.md: RSS grew by the cache as records and audit rows were read).
    if (db !== core.db) db.pragma(`cache_size = ${STREAMING_CACHE_KIB}`);
    const now = core.now();
    let current = '';
    let lastReport = 0;
    const report = (bytes: number, force = false) => {
      // Every file, and within a long file about every 256 KB.
      if (!force && bytes - lastReport < 1 << 18) return;
      lastReport = bytes;
      options.progress?.({ current, files: zip?.entries.length ?? 0, totalFiles: plan.files.length, bytes, estimatedBytes });
    };
    const out = new PackageZip(file, { mtime: now, signal: options.signal, onBytes: (b) => report(b) });
    zip = out;
    const add = async (
      path: string,
      title: string,
      mediaType: string,
      source: Parameters<PackageZip['add']>[3],
    ): Promise<PackageFileEntry> => {
      current = path;
      report(out.bytes, true);
      const entry = await out.add(path, title, mediaType, source);
      return entry;
    };

    // One read of each table's query: the CSV into the zip, the JSON beside it on disk, then into the zip.
    const csvAndJson = async (paths: { csv: string; json: string }, title: string, columns: readonly string[], rows: Iterable<Record<string, unknown>>) => {
      const json = new JsonRowsFile(join(temp, 'rows.json'));
      try {
        await add(paths.csv, title, 'text/csv', csvChunks(columns, tapped(rows, (row) => json.add(row))));
      } finally {
        json.close();
      }
      await add(paths.json, title, 'application/json', createReadStream(json.path));
    };
    for (const { table } of plan.tables) {
      await csvAndJson({ csv: `data/${table.name}.csv`, json: `data/${table.name}.json` }, table.title, tableColumns(db, table), tableRows(db, table, plan.resolved));
    }
    done('tables');
    for (const record of plan.records)
      await add(record.path, `${record.kind.toUpperCase()} ${record.ref}`, 'application/pdf', recordPdf(db, core, record));
    done('records');
    for (const job of recallPdfJobs(db, plan.recalls, core.actor, now))
      await add(job.path, job.title, 'application/pdf', pdfStream(job.write));
    done('recall');
    for (const certificate of plan.certificates) {
      const content = Buffer.from(certificateFile(db, certificate.id).contentBase64, 'base64');
      await add(certificate.path, `Supplier certificate ${certificate.fileName} of ${certificate.ref}`, certificate.mediaType, [content]);
    }
    done('certificates');
    // The audit rows are read twice (CSV, then JSON): measured, writing their JSON aside and reading it back was no faster.
    const extracted = () => auditRows(db, plan.auditSeqs) as Iterable<Record<string, unknown>>;
    await add(AUDIT_FILES.rowsCsv, 'Audit trail rows of the records in scope', 'text/csv', csvChunks(AUDIT_COLUMNS, extracted()));
    await add(AUDIT_FILES.rowsJson, 'Audit trail rows of the records in scope', 'application/json', jsonChunks(extracted()));
    const chain = chainRows(db, plan.auditSeqs, plan.head) as Iterable<Record<string, unknown>>;
    await add(AUDIT_FILES.chain, 'The audit hash chain from the first extracted row to the head', 'text/csv', csvChunks(CHAIN_COLUMNS, chain));
    done('audit');
    await add(
      EPCIS_FILE,
      'GS1 EPCIS 2.0 document of the events in scope',
      'application/ld+json',
      epcisChunks(reader, { eventIds: JSON.parse(plan.resolved.json.events) as number[] }),
    );
    done('epcis');
    if (plan.fsma)
      await add(
        FSMA_FILE,
        'FSMA 204 electronic sortable spreadsheet',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        await fsmaSheet(db, plan, temp),
      );
    done('fsma');

    const time = eventTime(undefined, now);
    const exportedBy = core.user ? `${core.user.printedName} (${core.user.username})` : core.actor;
    const version = schemaVersion(db);
    const signing = request.sign
      ? { by: `${request.sign.signer.printed_name} (${request.sign.signer.username})`, meaning: request.sign.meaning }
      : null;
    const exportedAt = { local: withOffset(time.utc, time.offset), utc: time.utc };
    await add(INDEX_FILE, 'This page', 'text/html', [
      indexHtml({ plan, entries: out.entries, exportedBy, exportedAt, appVersion: options.appVersion, schemaVersion: version, signing }),
    ]);
    const manifest = manifestOf({
      plan,
      entries: [...out.entries],
      exportedBy,
      exportedAt: time.utc,
      appVersion: options.appVersion,
      schemaVersion: version,
      database: basename(core.db.name),
    });
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    const manifestEntry = await add(
      MANIFEST_FILE,
      'Every file with its SHA-256 and size, the scope and the audit chain head',
      'application/json',
      [manifestText],
    );
    await add(SHA256_FILE, 'The same hashes for sha256sum -c', 'text/plain', [sha256sumLines([...out.entries])]);
    done('manifests');
    // The snapshot ends here: the package's record (and its signature) is written on the core's own connection.
    snapshot.close();
    // A database opened read-only (an archived copy, the benchmark's dataset) cannot record the package: it is written unrecorded.
    const stored = core.db.readonly
      ? { id: null, signature: null }
      : core.db
          .transaction(() => {
            const id = recordPackage(core, {
              title: plan.resolved.title,
              scope: plan.resolved.scope,
              file,
              fileName: basename(file),
              files: out.entries.length,
              manifestSha256: manifestEntry.sha256,
              auditHead: plan.head,
              exportedAt: exportedAt.local,
              exportedBy,
            });
            if (request.sign === undefined) return { id, signature: null };
            const record = { kind: PACKAGE_RECORD, id: String(id) };
            const view = signRecord(core, record, request.sign.meaning, request.sign.signer);
            return { id, signature: { view, canonical: recordContent(core.db, record.kind, record.id).canonical } };
          })
          .immediate();
    recorded = stored.id;
    let signature: SignatureView | null = null;
    if (stored.signature && stored.id !== null) {
      signature = stored.signature.view;
      const text = `${JSON.stringify(manifestSignature(stored.id, manifestEntry.sha256, signature, stored.signature.canonical), null, 2)}\n`;
      await add(
        SIGNATURE_FILE,
        'The signature of manifest.json by the exporting user (written after it, so not listed in it)',
        'application/json',
        [text],
      );
    }
    done('record and signature');
    current = '';
    report(out.bytes, true);
    const bytes = await out.finish();
    done('zip end');
    return {
      file,
      bytes,
      files: out.entries.length,
      manifestSha256: manifestEntry.sha256,
      auditHead: plan.head,
      packageId: stored.id,
      signature,
      title: plan.resolved.title,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    zip?.abort();
    if (recorded === null) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    try {
      recordPackageFailure(core, recorded, reason);
    } catch (noted) {
      throw new LotlineError(
        'INTERNAL',
        `Package ${recorded} was recorded but its file could not be completed (${reason}), and noting that in its audit trail failed too (${noted instanceof Error ? noted.message : String(noted)}). Nothing was written to ${file}.`,
      );
    }
    throw new LotlineError(
      'INTERNAL',
      `Package ${recorded} was recorded but its file could not be completed (${reason}). Nothing was written to ${file}; the package's audit trail says so. Export the package again.`,
    );
  } finally {
    snapshot.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

function recordPdf(db: Db, core: Core, record: PackagePlan['records'][number]): PassThrough {
  let snapshot;
  try {
    snapshot = readRecord(db, record.kind, record.ref);
  } catch (error) {
    throw new LotlineError(
      'INTERNAL',
      `The ${record.kind.toUpperCase()} of ${record.ref} could not be built for the package: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return pdfStream((sink) => writeRecordPdf(snapshot, sink, { generatedBy: core.actor, now: core.now() }));
}

/** A PDF written into a stream that the zip reads; a failure while writing fails the stream (and the package). */
function pdfStream(write: (sink: PdfSink) => Promise<unknown>): PassThrough {
  const stream = new PassThrough();
  write(streamSink(stream)).catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return stream;
}

/** The FSMA 204 sheet through the FSMA module's own xlsx writer, into a temporary file that the zip then reads. */
async function fsmaSheet(db: Db, plan: PackagePlan, temp: string) {
  const path = join(temp, 'fsma204.xlsx');
  const scope = plan.resolved.scope;
  const range = scope.by === 'item' ? { from: scope.from, to: scope.to } : { from: '0001-01-01', to: '9999-12-31' };
  const sink = xlsxFileSink(path);
  await sink.begin(FSMA_COLUMNS);
  for (const row of fsmaRows(db, { ...range, units: plan.resolved.unitIds })) {
    const wait = sink.row(rowCells(row));
    if (wait) await wait;
  }
  await sink.end();
  return createReadStream(path);
}
