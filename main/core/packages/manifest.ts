// manifest.json (every file of the package with its SHA-256, size and what it is; the scope; the app version; the
// database's audit chain head at export time) and manifest.sha256 in the format `sha256sum -c` reads.
import type { PackageFileEntry, PackageScope } from '../../../common/api/packages';
import { chainIsComplete } from './audit-extract';
import type { PackagePlan } from './plan';
import { recallFileCount } from './recall-files';

export const MANIFEST_FORMAT = 'lotline-audit-package/1';

export interface PackageManifest {
  format: typeof MANIFEST_FORMAT;
  title: string;
  scope: PackageScope;
  roots: string[];
  exportedBy: string;
  exportedAt: string;
  app: { name: 'Lotline'; version: string };
  database: {
    file: string;
    schemaVersion: number;
    auditHead: { seq: number; hash: string } | null;
    /** complete: every chain row from the first extracted row to the head; links: each extracted row's link and the next, and the head. */
    auditChain: 'complete' | 'links';
  };
  counts: { units: number; events: number; auditRows: number; records: number; recall: { campaigns: number; letters: number; reports: number }; certificates: number; tables: Record<string, number> };
  files: PackageFileEntry[];
}

export function manifestOf(facts: {
  plan: PackagePlan;
  entries: PackageFileEntry[];
  exportedBy: string;
  exportedAt: string;
  appVersion: string;
  schemaVersion: number;
  database: string;
}): PackageManifest {
  const { plan } = facts;
  return {
    format: MANIFEST_FORMAT,
    title: plan.resolved.title,
    scope: plan.resolved.scope,
    roots: plan.resolved.roots,
    exportedBy: facts.exportedBy,
    exportedAt: facts.exportedAt,
    app: { name: 'Lotline', version: facts.appVersion },
    database: { file: facts.database, schemaVersion: facts.schemaVersion, auditHead: plan.head, auditChain: chainIsComplete(plan.auditSeqs, plan.head) ? 'complete' : 'links' },
    counts: {
      units: plan.resolved.counts.units,
      events: plan.resolved.counts.events,
      auditRows: plan.auditSeqs.length,
      records: plan.records.length,
      recall: recallFileCount(plan.recalls),
      certificates: plan.certificates.length,
      tables: Object.fromEntries(plan.tables.map(({ table, rows }) => [table.name, rows])),
    },
    files: facts.entries,
  };
}

/** `HASH  PATH` per line (two spaces: text mode), as sha256sum writes and `sha256sum -c` checks. */
export function sha256sumLines(entries: readonly PackageFileEntry[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
}

/** Reads manifest.sha256 back: path → hash; lines that are not `HASH  PATH` are returned as problems. */
export function parseSha256sum(text: string): { hashes: Map<string, string>; problems: string[] } {
  const hashes = new Map<string, string>();
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m === null) problems.push(`manifest.sha256 line ${i + 1} is not "SHA-256  file"`);
    else hashes.set(m[2] ?? '', m[1] ?? '');
  });
  return { hashes, problems };
}
