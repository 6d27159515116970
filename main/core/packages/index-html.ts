// index.html of an audit package: one static page (no script, no outside resource) that opens offline in any browser,
// states the scope, who exported it and when, links every file and says how to check the package without Lotline.
import type { PackageFileEntry } from '../../../common/api/packages';
import { recordKindTitles } from '../../../common/api/records';
import { chainIsComplete } from './audit-extract';
import { AUDIT_FILES, EPCIS_FILE, FSMA_FILE, MANIFEST_FILE, SHA256_FILE } from './plan';
import type { PackagePlan } from './plan';
import { SIGNATURE_FILE } from './manifest-signature';

export interface IndexFacts {
  plan: PackagePlan;
  entries: readonly PackageFileEntry[];
  exportedBy: string;
  /** Local time with its offset, and UTC. */
  exportedAt: { local: string; utc: string };
  appVersion: string;
  schemaVersion: number;
  /** The exporter signs the manifest once it is written: who, with what meaning. */
  signing?: { by: string; meaning: string } | null | undefined;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

function link(entry: PackageFileEntry | undefined, label?: string): string {
  if (entry === undefined) return '';
  return `<a href="${escapeHtml(entry.path)}">${escapeHtml(label ?? entry.path)}</a>`;
}

function fileRow(entry: PackageFileEntry, first: string): string {
  return `<tr><td>${first}</td><td>${link(entry)}</td><td class="num">${kb(entry.bytes)}</td><td class="hash">${entry.sha256}</td></tr>`;
}

const FILE_HEAD = '<tr><th>What</th><th>File</th><th>Size</th><th>SHA-256</th></tr>';

export function indexHtml(facts: IndexFacts): string {
  const { plan } = facts;
  const byPath = new Map(facts.entries.map((e) => [e.path, e]));
  const head = plan.head;
  const dataRows = plan.tables
    .map(({ table, rows }) => {
      const csv = byPath.get(`data/${table.name}.csv`);
      const json = byPath.get(`data/${table.name}.json`);
      return `<tr><td>${escapeHtml(table.name)}</td><td>${escapeHtml(table.title)}</td><td class="num">${rows.toLocaleString('en')}</td><td class="files">${link(csv, 'CSV')} · ${link(json, 'JSON')}</td></tr>`;
    })
    .join('\n');
  const recordRows = plan.records
    .map((r) => {
      const entry = byPath.get(r.path);
      return entry ? fileRow(entry, `${escapeHtml(recordKindTitles[r.kind])}: ${escapeHtml(r.ref)}`) : '';
    })
    .join('\n');
  const certificateRows = plan.certificates
    .map((c) => {
      const entry = byPath.get(c.path);
      return entry ? fileRow(entry, `${escapeHtml(c.fileName)} (${escapeHtml(c.ref)})`) : '';
    })
    .join('\n');
  const recallRows = plan.recalls
    .map((c) => {
      const kind = `${c.kind === 'recall' ? 'Recall' : 'Field action'}${c.drill ? ' drill' : ''}`;
      const files = [...c.letters.map((l) => ({ path: l.path, what: `Letter to ${escapeHtml(l.customer.name)} (${escapeHtml(l.customer.code)})` })), ...(c.report === null ? [] : [{ path: c.report, what: c.drill ? 'Drill report: impact, mass balance, time against target' : 'Impact and mass-balance report' }])];
      const rows = files.map((f) => {
        const entry = byPath.get(f.path);
        return entry ? fileRow(entry, `${escapeHtml(c.number)}: ${f.what}`) : '';
      });
      const note = c.report === null ? ' (a draft: no letters or report until it is opened)' : c.drill ? ' (a mock recall: no letters are sent)' : '';
      return `<tr><th colspan="4">${kind} ${escapeHtml(c.number)}: ${escapeHtml(c.title)}${note}</th></tr>\n${rows.join('\n')}`;
    })
    .join('\n');
  const audit = [AUDIT_FILES.rowsCsv, AUDIT_FILES.rowsJson, AUDIT_FILES.chain].map((p) => byPath.get(p));
  const exchange = [EPCIS_FILE, FSMA_FILE].map((p) => byPath.get(p)).filter((e): e is PackageFileEntry => e !== undefined);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">
<title>Audit package — ${escapeHtml(plan.resolved.title)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e5e5e5; vertical-align: top; }
th { background: #f4f4f4; } .files { white-space: nowrap; } .num { text-align: right; white-space: nowrap; } .hash { font: 12px ui-monospace, monospace; word-break: break-all; color: #444; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dt { font-weight: 600; } code, pre { font: 13px ui-monospace, monospace; background: #f4f4f4; }
pre { padding: .75rem; overflow-x: auto; } a { color: #0b57d0; }
</style>
</head>
<body>
<h1>Audit package</h1>
<p id="scope"><strong>Scope:</strong> ${escapeHtml(plan.resolved.title)}</p>
<dl>
<dt>Exported by</dt><dd id="exported-by">${escapeHtml(facts.exportedBy)}</dd>
<dt>Exported at</dt><dd id="exported-at">${escapeHtml(facts.exportedAt.local)} (UTC ${escapeHtml(facts.exportedAt.utc)})</dd>
<dt>Software</dt><dd>Lotline ${escapeHtml(facts.appVersion)}, database schema ${facts.schemaVersion}</dd>
<dt>Lots and serials</dt><dd>${plan.resolved.counts.units.toLocaleString('en')} (the trace included), ${plan.resolved.counts.events.toLocaleString('en')} events</dd>
<dt>Audit chain head</dt><dd class="hash">${head ? `row ${head.seq}: ${head.hash}` : 'the audit trail is empty'}</dd>
<dt>Manifest</dt><dd><a href="${MANIFEST_FILE}">${MANIFEST_FILE}</a> (every file with its SHA-256 and size) · <a href="${SHA256_FILE}">${SHA256_FILE}</a> (for sha256sum -c)</dd>
${facts.signing ? `<dt>Signature</dt><dd id="signature"><a href="${SIGNATURE_FILE}">${SIGNATURE_FILE}</a>: manifest.json signed by ${escapeHtml(facts.signing.by)} as ${escapeHtml(facts.signing.meaning)}</dd>\n` : ''}</dl>
${facts.signing ? signatureSection(facts.signing) : ''}
<h2>How to check this package</h2>
<p>Every file of the package is listed with its SHA-256 in <code>${MANIFEST_FILE}</code> and <code>${SHA256_FILE}</code>. From the unpacked folder, with no Lotline needed:</p>
<pre>sha256sum -c ${SHA256_FILE}</pre>
<p>With Lotline, <code>lotline export verify PACKAGE.zip</code> checks every hash and the audit trail extract, and names every file changed, missing or added.</p>
<p>The audit trail extract holds the trail rows of the records in scope exactly as stored. Events that came in by EPCIS import are audited in batches
(entity <code>import</code>, one row per batch of snapshots): such a row is extracted whole, so that its hash can be recomputed, and may also hold events of the batch outside this scope. Each row's <code>hash</code> is
SHA-256 of <code>prev_hash</code>, a line break, the canonical JSON (keys sorted, no spaces) of
<code>{seq, at, actor, action, entity, entityId, reason}</code>, a line break, <code>old_values</code> (or <code>null</code>), a line break and <code>new_values</code>;
when the row has <code>moves</code> (the lots and serials an event booked in or out, each as it stood after with the fields it changed), a line break and <code>moves</code> follow.
${
    chainIsComplete(plan.auditSeqs, head)
      ? `<code>${AUDIT_FILES.chain}</code> lists every row of the chain from the first extracted row to the head above, so each link (<code>prev_hash</code> = the hash of the row before) can be followed to the head.`
      : `The trail runs to millions of rows, so <code>${AUDIT_FILES.chain}</code> lists, for each extracted row, its link and the next row's (whose <code>prev_hash</code> is the row's hash), and the head above; <code>lotline audit verify</code> on the database checks the whole chain.`
  }</p>

<h2>Records</h2>
${plan.records.length === 0 ? '<p>No batch records, device history records or certificates of analysis fall in this scope.</p>' : `<p>Generated from the database at export time; each PDF carries its record data attached and the SHA-256 of that data on page 1.</p>\n<table>${FILE_HEAD}\n${recordRows}\n</table>`}

<h2>Recall campaigns</h2>
${plan.recalls.length === 0 ? '<p>No recall or field-action campaign started from or held a lot or serial in this scope.</p>' : `<p>Each campaign that started from or held a lot or serial in scope: the notification letter to each customer and the impact and mass-balance report, generated from the database at export time (a report already completed shows the figures as of now, timed as when it was completed).</p>\n<table>${FILE_HEAD}\n${recallRows}\n</table>`}

<h2>Data</h2>
<p>Each table as CSV (RFC 4180, UTF-8; text that a spreadsheet would run as a formula — starting with = + - @, a tab or a line break, and not a plain number or time such as -5 or +00:00 — has an apostrophe in front) and as JSON (exact values).</p>
<table><tr><th>Table</th><th>What it holds</th><th>Rows</th><th>Files</th></tr>
${dataRows}
</table>

<h2>Audit trail</h2>
<table>${FILE_HEAD}
${audit[0] ? fileRow(audit[0], `Audit trail rows of the records in scope (${plan.auditSeqs.length.toLocaleString('en')}), CSV`) : ''}
${audit[1] ? fileRow(audit[1], 'The same rows, JSON') : ''}
${audit[2] ? fileRow(audit[2], 'The hash chain from the first extracted row to the head') : ''}
</table>

<h2>Exchange formats</h2>
<table>${FILE_HEAD}
${exchange.map((e) => fileRow(e, e.path === EPCIS_FILE ? 'GS1 EPCIS 2.0 JSON-LD document of the events' : 'FSMA 204 electronic sortable spreadsheet')).join('\n')}
</table>

<h2>Supplier certificates</h2>
${plan.certificates.length === 0 ? '<p>No supplier certificates are attached to lots in this scope.</p>' : `<table>${FILE_HEAD}\n${certificateRows}\n</table>`}
</body>
</html>
`;
}

/** What the signature file is, and why the manifest cannot list it. */
function signatureSection(signing: { by: string; meaning: string }): string {
  return `
<h2>Signature of the manifest</h2>
<p>${escapeHtml(signing.by)} signed <code>${MANIFEST_FILE}</code> electronically (meaning: ${escapeHtml(signing.meaning)}) when the package was exported.
The signature is in <code>${SIGNATURE_FILE}</code>. It is written after the manifest, so it is <strong>not listed in <code>${MANIFEST_FILE}</code>
or <code>${SHA256_FILE}</code></strong>: a manifest cannot hold the hash of the signature that signs it. Check it instead:</p>
<pre>sha256sum ${MANIFEST_FILE}</pre>
<p>must print the hash that <code>${SIGNATURE_FILE}</code> gives under <code>"manifest"</code>, which is also inside its <code>signedContent</code> (as
<code>manifestSha256</code>); the SHA-256 of the <code>signedContent</code> text is the signature's <code>contentSha256</code>. <code>lotline export verify PACKAGE.zip</code>
does these checks and, with the database the package came from, checks that the signature record exists and is valid.</p>
`;
}
