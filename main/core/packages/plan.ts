// Every file an audit package of a scope will hold, decided before a byte is written: the preview shows it with
// counts and an estimated size, and the writer follows it file by file (so progress has a true total).
import type { Database as Db } from 'better-sqlite3';
import type { PackagePreview, PackageScope } from '../../../common/api/packages';
import type { RecordKind } from '../../../common/api/records';
import { perConnection } from '../db/statements';
import { trailHead } from '../audit/trail';
import { auditRows, auditSeqs, chainIsComplete } from './audit-extract';
import { csvChunks, jsonChunks } from './data-files';
import { safeName } from './names';
import { planRecallFiles, recallFileCount, recallFilePaths } from './recall-files';
import type { PlannedRecallCampaign } from './recall-files';
import { resolveScope } from './scope';
import type { ResolvedScope } from './scope';
import { packageTables, tableColumns, tableCount, tableRows } from './tables';
import type { PackageTable } from './tables';

export interface PlannedRecord {
  kind: RecordKind;
  ref: string;
  path: string;
}

export interface PlannedCertificate {
  id: number;
  ref: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  path: string;
}

export interface PackagePlan {
  resolved: ResolvedScope;
  tables: { table: PackageTable; rows: number }[];
  records: PlannedRecord[];
  certificates: PlannedCertificate[];
  /** Recall and field-action campaigns in scope with their letters and report. */
  recalls: PlannedRecallCampaign[];
  signatureIds: number[];
  auditSeqs: number[];
  /** The database's audit chain head at the moment of the snapshot. */
  head: { seq: number; hash: string } | null;
  fsma: boolean;
  /** Every file in writing order, index and manifests last. */
  files: string[];
}

/** A record PDF's usual size (EBR/DHR/CoA of the demo plant with fonts subset and a label specimen: 40–120 KB). */
export const ESTIMATED_PDF_BYTES = 90_000;
/** Bytes of one line of audit/audit-chain.csv (seq and two hashes). */
const CHAIN_LINE_BYTES = 140;
const SAMPLE_ROWS = 20;

const statements = perConnection((db: Db) => ({
  ebr: db.prepare<[string], { number: string }>(
    `SELECT DISTINCT w.number FROM work_orders w JOIN units u ON u.work_order_id = w.id
      WHERE u.kind = 'lot' AND u.id IN (SELECT value FROM json_each(?)) ORDER BY w.id`,
  ),
  dhr: db.prepare<[string], { part: string; code: string }>(
    `SELECT i.part, u.code FROM units u JOIN items i ON i.id = u.item_id
      WHERE u.kind = 'serial' AND u.work_order_id IS NOT NULL AND u.id IN (SELECT value FROM json_each(?)) ORDER BY u.id`,
  ),
  coa: db.prepare<[string], { part: string; code: string }>(
    `SELECT i.part, u.code FROM units u JOIN items i ON i.id = u.item_id
      WHERE u.kind = 'lot' AND u.id IN (SELECT value FROM json_each(?)) AND EXISTS (SELECT 1 FROM test_results r WHERE r.unit_id = u.id) ORDER BY u.id`,
  ),
  certificates: db.prepare<[string], { id: number; part: string; kind: string; code: string; file_name: string; media_type: string; bytes: number }>(
    `SELECT c.id, i.part, u.kind, u.code, c.file_name, c.media_type, c.bytes FROM certificates c JOIN units u ON u.id = c.unit_id JOIN items i ON i.id = u.item_id
      WHERE c.unit_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
  ),
}));

export { safeName } from './names';

export const INDEX_FILE = 'index.html';
export const MANIFEST_FILE = 'manifest.json';
export const SHA256_FILE = 'manifest.sha256';
export const AUDIT_FILES = { rowsCsv: 'audit/audit-trail.csv', rowsJson: 'audit/audit-trail.json', chain: 'audit/audit-chain.csv' } as const;
export const EPCIS_FILE = 'epcis/events.jsonld';
export const FSMA_FILE = 'fsma/fsma204.xlsx';

export function planPackage(db: Db, scope: PackageScope, fsma: boolean): PackagePlan {
  const resolved = resolveScope(db, scope);
  const s = statements(db);
  const units = resolved.json.units;
  const recordUnits = resolved.json.recordUnits;
  const records: PlannedRecord[] = [
    ...s.ebr.all(recordUnits).map((r) => ({ kind: 'ebr' as const, ref: r.number, path: `records/ebr-${safeName(r.number)}.pdf` })),
    ...s.dhr.all(recordUnits).map((r) => ({ kind: 'dhr' as const, ref: `${r.part}#${r.code}`, path: `records/dhr-${safeName(`${r.part}-${r.code}`)}.pdf` })),
    ...s.coa.all(recordUnits).map((r) => ({ kind: 'coa' as const, ref: `${r.part}:${r.code}`, path: `records/coa-${safeName(`${r.part}-${r.code}`)}.pdf` })),
  ];
  const certificates = s.certificates.all(units).map((c) => ({
    id: c.id,
    ref: `${c.part}${c.kind === 'lot' ? ':' : '#'}${c.code}`,
    fileName: c.file_name,
    mediaType: c.media_type,
    bytes: c.bytes,
    path: `certificates/${c.id}-${safeName(c.file_name)}`,
  }));
  const recalls = planRecallFiles(db, resolved.json.campaigns);
  const signatureTable = packageTables.find((t) => t.name === 'signatures');
  const signatureIds = signatureTable ? [...tableRows(db, signatureTable, resolved)].map((r) => Number(r.id)) : [];
  const seqs = auditSeqs(db, resolved, signatureIds);
  const tables = packageTables.map((table) => ({ table, rows: tableCount(db, table, resolved) }));
  const files = [
    ...tables.flatMap(({ table }) => [`data/${table.name}.csv`, `data/${table.name}.json`]),
    ...records.map((r) => r.path),
    ...recallFilePaths(recalls),
    ...certificates.map((c) => c.path),
    AUDIT_FILES.rowsCsv,
    AUDIT_FILES.rowsJson,
    AUDIT_FILES.chain,
    EPCIS_FILE,
    ...(fsma ? [FSMA_FILE] : []),
    INDEX_FILE,
    MANIFEST_FILE,
    SHA256_FILE,
  ];
  return { resolved, tables, records, certificates, recalls, signatureIds, auditSeqs: seqs, head: trailHead(db), fsma, files };
}

function sampledBytes(chunks: (rows: Record<string, unknown>[]) => Iterable<string>, sample: Record<string, unknown>[], rows: number): number {
  if (sample.length === 0) return 0;
  let bytes = 0;
  for (const chunk of chunks(sample)) bytes += Buffer.byteLength(chunk);
  return Math.round((bytes / sample.length) * rows);
}

function take<T>(rows: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const row of rows) {
    out.push(row);
    if (out.length >= n) break;
  }
  return out;
}

/** Bytes of a row (CSV and JSON each) when a table's sample finds none (lineage among the sample's first units). */
const FALLBACK_ROW_BYTES = 200;
/** Ids of each set the sample reads: its queries then touch a few rows, not the whole scope (a sorted query reads all before its first row). */
const SAMPLE_IDS = 50;

/** The scope with each id set cut to its first few ids, for sampling row sizes. */
function sampleScope(resolved: ResolvedScope): ResolvedScope {
  const cut = (json: string) => JSON.stringify((JSON.parse(json) as unknown[]).slice(0, SAMPLE_IDS));
  const json = Object.fromEntries(Object.entries(resolved.json).map(([k, v]) => [k, cut(v)])) as ResolvedScope['json'];
  return { ...resolved, json };
}

export function previewOf(db: Db, plan: PackagePlan): PackagePreview {
  const { resolved } = plan;
  const sampled = sampleScope(resolved);
  let estimated = 0;
  for (const { table, rows } of plan.tables) {
    const sample = take(tableRows(db, table, sampled), SAMPLE_ROWS);
    const columns = tableColumns(db, table);
    estimated += sample.length === 0 ? 2 * rows * FALLBACK_ROW_BYTES : sampledBytes((r) => csvChunks(columns, r), sample, rows) + sampledBytes((r) => jsonChunks(r), sample, rows);
  }
  const auditSample = take(auditRows(db, plan.auditSeqs), SAMPLE_ROWS) as unknown as Record<string, unknown>[];
  estimated += 2 * sampledBytes((r) => jsonChunks(r), auditSample, plan.auditSeqs.length);
  const firstSeq = plan.auditSeqs[0] ?? plan.head?.seq ?? 0;
  const chainLines = plan.head === null ? 0 : chainIsComplete(plan.auditSeqs, plan.head) ? plan.head.seq - firstSeq + 1 : 2 * plan.auditSeqs.length + 1;
  estimated += chainLines * CHAIN_LINE_BYTES;
  // An EPCIS event is about twice its row in data/events.json.
  const events = plan.tables.find((t) => t.table.name === 'events');
  if (events) estimated += 2 * sampledBytes((r) => jsonChunks(r), take(tableRows(db, events.table, sampled), SAMPLE_ROWS), events.rows);
  const recall = recallFileCount(plan.recalls);
  estimated += (plan.records.length + recall.letters + recall.reports) * ESTIMATED_PDF_BYTES;
  const certificateBytes = plan.certificates.reduce((sum, c) => sum + c.bytes, 0);
  estimated += certificateBytes;
  const count = (kind: RecordKind) => plan.records.filter((r) => r.kind === kind).length;
  return {
    title: resolved.title,
    scope: resolved.scope,
    units: resolved.counts.units,
    tables: plan.tables.map(({ table, rows }) => ({ name: table.name, rows })),
    records: { ebr: count('ebr'), dhr: count('dhr'), coa: count('coa') },
    certificates: { files: plan.certificates.length, bytes: certificateBytes },
    recall,
    auditRows: plan.auditSeqs.length,
    events: resolved.counts.events,
    files: plan.files.length,
    estimatedBytes: estimated,
  };
}
