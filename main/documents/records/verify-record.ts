// `record verify`: a record PDF checks itself (the attached data against the SHA-256 printed on it) and against the
// database (the record's data now), and says exactly what differs.
import type { Database as Db } from 'better-sqlite3';
import type { RecordKind, RecordVerification } from '../../../common/api/records';
import { recordKinds } from '../../../common/api/records';
import { LotlineError } from '../../../common/errors';
import { sha256 } from '../../core/audit/canonical';
import { jsonDifferences } from '../../core/records/differences';
import { recordData } from '../../core/records/record-data';
import type { RecordContents } from '../record-reader';
import { readRecordPdf } from '../record-reader';
import { ATTACHMENT_NAME } from './render-record';

interface Attached {
  kind: RecordKind;
  id: string;
  content: unknown;
}

function parseAttached(text: string): Attached | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `The attached ${ATTACHMENT_NAME} is not valid JSON (${error instanceof Error ? error.message : String(error)}): it was altered or damaged`;
  }
  const v = value as Partial<Attached> | null;
  if (typeof v !== 'object' || v === null || typeof v.id !== 'string' || !(recordKinds as readonly unknown[]).includes(v.kind) || !('content' in v)) {
    return `The attached ${ATTACHMENT_NAME} is not Lotline record data (it needs kind ${recordKinds.join('/')}, id and content)`;
  }
  return v as Attached;
}

/** Compares what the PDF carries with itself and with the database now (read in one read transaction). */
export function compareRecord(db: Db, pdf: RecordContents): RecordVerification {
  const problems: string[] = [];
  const result: RecordVerification = { ok: false, kind: null, id: null, printedSha256: pdf.printedSha256, attachedSha256: null, currentSha256: null, problems, differences: [] };
  if (pdf.printedSha256 === null) problems.push('Page 1 shows no record data SHA-256: this is not a Lotline record PDF, or its first page was replaced');
  if (pdf.attachmentError !== null) {
    problems.push(`The attached ${ATTACHMENT_NAME} cannot be read (${pdf.attachmentError}): it was damaged or altered after the PDF was made`);
    return result;
  }
  if (pdf.attachment === null) {
    problems.push(`The PDF carries no ${ATTACHMENT_NAME} attachment${pdf.attachmentNames.length ? ` (it has ${pdf.attachmentNames.join(', ')})` : ''}: the record data was removed, or this is not a Lotline record PDF`);
    return result;
  }
  const attachedSha = sha256(pdf.attachment.toString('utf8'));
  result.attachedSha256 = attachedSha;
  if (pdf.printedSha256 !== null && attachedSha !== pdf.printedSha256) {
    problems.push(`The attached data does not match the SHA-256 printed on page 1: printed ${pdf.printedSha256}, the attached data hashes to ${attachedSha}. The attachment or the printed page was altered after the PDF was made`);
  }
  const attached = parseAttached(pdf.attachment.toString('utf8'));
  if (typeof attached === 'string') {
    problems.push(attached);
    return result;
  }
  result.kind = attached.kind;
  result.id = attached.id;
  let current;
  try {
    current = recordData(db, attached.kind, attached.id);
  } catch (error) {
    if (!(error instanceof LotlineError)) throw error;
    problems.push(`The database has no ${attached.kind} record ${attached.id} now: ${error.message}`);
    return result;
  }
  result.currentSha256 = current.sha256;
  if (current.sha256 !== attachedSha) {
    result.differences = jsonDifferences(attached.content, current.record.content, 'content');
    const n = result.differences.length;
    problems.push(
      `The ${attached.kind} record ${attached.id} in the database differs from the PDF's data${n > 0 ? ` in ${n} place${n === 1 ? '' : 's'}: ${result.differences.slice(0, 5).map((d) => d.path).join(', ')}${n > 5 ? ', …' : ''}` : ' (in how it is written, not in its values)'}`,
    );
  }
  result.ok = problems.length === 0;
  return result;
}

export async function verifyRecordPdf(db: Db, bytes: Uint8Array): Promise<RecordVerification> {
  let contents: RecordContents;
  try {
    contents = await readRecordPdf(bytes, ATTACHMENT_NAME);
  } catch (error) {
    throw new LotlineError('VALIDATION', error instanceof Error ? error.message : String(error));
  }
  return db.transaction(() => compareRecord(db, contents)).deferred();
}
