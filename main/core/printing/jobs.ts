// The durable print queue's records: a job is queued with the exact bytes it will send (and their SHA-256), then
// moves queued → sending → awaiting (confirmation) → printed, or to failed with the reason. Every step is audited;
// a label printed before can only be printed again as a reprint, with its reason.
import { createHash } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import type { PrintJob, PrintJobState } from '../../../common/api/printing';
import { LotlineError, notFound } from '../../../common/errors';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';

export interface JobRow {
  id: number;
  printer: string;
  content_type: 'zpl' | 'pdf';
  content: Buffer;
  sha256: string;
  copies: number;
  template: string | null;
  ref: string | null;
  reprint_of: number | null;
  reprint_reason: string | null;
  state: PrintJobState;
  problem: string | null;
  attempts: number;
  created_at: string;
  created_by: string;
  sent_at: string | null;
  printed_at: string | null;
}

type ListedRow = Omit<JobRow, 'content'> & { bytes: number; printer_name: string | null };

/** A job's progress: the only columns that change after it is queued. */
export interface JobProgress {
  state: PrintJobState;
  problem: string | null;
  attempts: number;
  sent_at: string | null;
  printed_at: string | null;
}

const listed = `SELECT j.id, j.printer, j.content_type, j.sha256, length(j.content) AS bytes, j.copies, j.template, j.ref, j.reprint_of, j.reprint_reason,
                       j.state, j.problem, j.attempts, j.created_at, j.created_by, j.sent_at, j.printed_at, p.name AS printer_name
                FROM print_jobs j LEFT JOIN printers p ON p.address = j.printer`;

// A label "may have printed" once any of its bytes could have reached the printer.
const mayHavePrinted = `(state IN ('sending', 'awaiting', 'printed') OR (state = 'failed' AND sent_at IS NOT NULL))`;

const statements = perConnection((db: Db) => ({
  byId: db.prepare<[number], JobRow>('SELECT * FROM print_jobs WHERE id = ?'),
  listedById: db.prepare<[number], ListedRow>(`${listed} WHERE j.id = ?`),
  list: db.prepare<{ state: string | null; printer: string | null; limit: number }, ListedRow>(
    `${listed} WHERE (@state IS NULL OR j.state = @state) AND (@printer IS NULL OR j.printer = @printer) ORDER BY j.id DESC LIMIT @limit`,
  ),
  open: db.prepare<[], { id: number }>(`SELECT id FROM print_jobs WHERE state IN ('queued', 'awaiting') ORDER BY id`),
  // The same label: the same template and reference when it has them, else the same bytes.
  earlierByLabel: db.prepare<[string | null, string], Pick<JobRow, 'id' | 'state' | 'created_at' | 'created_by' | 'problem'>>(
    `SELECT id, state, created_at, created_by, problem FROM print_jobs WHERE template IS ? AND ref = ? AND (${mayHavePrinted} OR state = 'queued') ORDER BY id DESC LIMIT 1`,
  ),
  earlierByContent: db.prepare<[string], Pick<JobRow, 'id' | 'state' | 'created_at' | 'created_by' | 'problem'>>(
    `SELECT id, state, created_at, created_by, problem FROM print_jobs WHERE sha256 = ? AND ref IS NULL AND (${mayHavePrinted} OR state = 'queued') ORDER BY id DESC LIMIT 1`,
  ),
  insert: db.prepare<Record<string, unknown>, { id: number }>(
    `INSERT INTO print_jobs (printer, content_type, content, sha256, copies, template, ref, reprint_of, reprint_reason, state, attempts, created_at, created_by)
     VALUES (@printer, @content_type, @content, @sha256, @copies, @template, @ref, @reprint_of, @reprint_reason, 'queued', 0, @created_at, @created_by)
     RETURNING id`,
  ),
  progress: db.prepare(`UPDATE print_jobs SET state = @state, problem = @problem, attempts = @attempts, sent_at = @sent_at, printed_at = @printed_at WHERE id = @id`),
}));

export const contentSha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface NewJob {
  /** Canonical printer address. */
  printer: string;
  content: Buffer;
  copies: number;
  template?: string | undefined;
  ref?: string | undefined;
  reprintReason?: string | undefined;
  /** The earlier job this one repeats (a reprint by job number). */
  reprintOf?: number | undefined;
}

/** What kind of document the bytes are, or why they cannot go to this printer. */
function contentType(printer: string, content: Buffer): 'zpl' | 'pdf' {
  const queue = printer.startsWith('queue:');
  const head = content.subarray(0, 1024).toString('latin1');
  if (queue) {
    if (!head.startsWith('%PDF-')) throw new LotlineError('VALIDATION', `A print queue (${printer}) takes PDF documents; this is not a PDF (it does not start with %PDF-)`);
    return 'pdf';
  }
  if (head.startsWith('%PDF-')) throw new LotlineError('VALIDATION', `${printer} is a label printer and takes ZPL; send a PDF to a print queue (queue:NAME) instead`);
  const text = content.toString('latin1');
  if (!/\^XA/i.test(text) || !/\^XZ/i.test(text)) throw new LotlineError('VALIDATION', 'The label is not ZPL: it needs a format that starts with ^XA and ends with ^XZ');
  return 'zpl';
}

/** Queues a job (in the caller's transaction). A label printed before needs a reprint reason. */
export function queueJob(core: Core, job: NewJob): number {
  const s = statements(core.db);
  const type = contentType(job.printer, job.content);
  const sha256 = contentSha256(job.content);
  let reprintOf = job.reprintOf ?? null;
  if (job.reprintOf === undefined) {
    const earlier = job.ref !== undefined ? s.earlierByLabel.get(job.template ?? null, job.ref) : s.earlierByContent.get(sha256);
    const what = job.ref !== undefined ? `The label ${job.template ? `${job.template} ` : ''}for ${job.ref}` : 'This label';
    if (earlier?.state === 'queued' && job.reprintReason === undefined) {
      throw new LotlineError('CONFLICT', `${what} is already queued as job ${earlier.id}${earlier.problem ? ` (${earlier.problem})` : ''}: retry that job instead of queueing it again`, { job: earlier.id });
    }
    if (earlier && earlier.state !== 'queued') {
      if (job.reprintReason === undefined) {
        throw new LotlineError('CONFLICT', `${what} was printed before (job ${earlier.id}, ${earlier.created_at.slice(0, 16).replace('T', ' ')} UTC, by ${earlier.created_by}): a reprint needs a reason`, { job: earlier.id, reprintReasonNeeded: true });
      }
      reprintOf = earlier.id;
    }
  }
  const row = s.insert.get({
    printer: job.printer,
    content_type: type,
    content: job.content,
    sha256,
    copies: job.copies,
    template: job.template ?? null,
    ref: job.ref ?? null,
    reprint_of: reprintOf,
    reprint_reason: job.reprintReason ?? null,
    created_at: core.now().toISOString(),
    created_by: core.actor,
  });
  if (!row) throw new Error('print_jobs: the insert returned no row');
  const reason = job.reprintReason === undefined ? null : `Reprint${reprintOf !== null ? ` of job ${reprintOf}` : ''}: ${job.reprintReason}`;
  auditCreate(core, 'print_jobs', row.id, reason);
  return row.id;
}

export function jobRow(db: Db, id: number): JobRow {
  const row = statements(db).byId.get(id);
  if (!row) throw notFound(`Print job ${id}`);
  return row;
}

/** Records a step of the job (audited with `reason`); a step that changes nothing writes nothing. */
export function recordProgress(core: Core, id: number, next: Partial<JobProgress>, reason: string): void {
  const current = jobRow(core.db, id);
  const progress: JobProgress = {
    state: next.state ?? current.state,
    problem: next.problem === undefined ? current.problem : next.problem,
    attempts: next.attempts ?? current.attempts,
    sent_at: next.sent_at === undefined ? current.sent_at : next.sent_at,
    printed_at: next.printed_at === undefined ? current.printed_at : next.printed_at,
  };
  const same = (Object.keys(progress) as (keyof JobProgress)[]).every((key) => progress[key] === current[key]);
  if (same) return;
  core.db.transaction(() => auditUpdate(core, 'print_jobs', id, reason, () => statements(core.db).progress.run({ id, ...progress }))).immediate();
}

/** Jobs that a retry of everything takes up: queued, and sent but not yet confirmed. */
export function openJobIds(db: Db): number[] {
  return statements(db).open.all().map((r) => r.id);
}

function toJob(row: ListedRow): PrintJob {
  return {
    id: row.id,
    printer: row.printer,
    printerName: row.printer_name,
    contentType: row.content_type,
    sha256: row.sha256,
    bytes: row.bytes,
    copies: row.copies,
    template: row.template,
    ref: row.ref,
    reprint: row.reprint_reason === null ? null : { of: row.reprint_of, reason: row.reprint_reason },
    state: row.state,
    problem: row.problem,
    attempts: row.attempts,
    createdAt: row.created_at,
    createdBy: row.created_by,
    sentAt: row.sent_at,
    printedAt: row.printed_at,
  };
}

export function printJob(db: Db, id: number): PrintJob {
  const row = statements(db).listedById.get(id);
  if (!row) throw notFound(`Print job ${id}`);
  return toJob(row);
}

export function listJobs(db: Db, filter: { state?: PrintJobState | undefined; printer?: string | undefined; limit?: number | undefined }): PrintJob[] {
  return statements(db)
    .list.all({ state: filter.state ?? null, printer: filter.printer ?? null, limit: filter.limit ?? 200 })
    .map(toJob);
}
