// Download tickets for packages over the web host: a browser cannot send the session header when it follows a link,
// so a signed-in QA user asks for a ticket (packages.download) and the host streams the zip to whoever presents it —
// once, within a minute. Tickets live in memory: a restart forgets them.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import type { PackageDownloadFile } from '../../../common/api/packages';
import { LotlineError } from '../../../common/errors';

const TTL_MS = 60_000;
const tickets = new Map<string, PackageDownloadFile & { expires: number }>();

/** A ticket for the file; refused when the file is gone. */
export function issueTicket(file: string, fileName: string, now: Date): { ticket: string; bytes: number } {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch {
    throw new LotlineError('NOT_FOUND', `The package file ${file} is no longer there (moved or deleted); export the package again`);
  }
  for (const [key, t] of tickets) if (t.expires <= now.getTime()) tickets.delete(key);
  const ticket = randomBytes(32).toString('base64url');
  tickets.set(ticket, { file, fileName, bytes, expires: now.getTime() + TTL_MS });
  return { ticket, bytes };
}

/** The file behind a ticket, which is used up; refused when unknown, used or expired. */
export function claimTicket(ticket: string, now: Date): PackageDownloadFile {
  const found = tickets.get(ticket);
  tickets.delete(ticket);
  if (found === undefined || found.expires <= now.getTime()) {
    throw new LotlineError('NOT_FOUND', 'This download link has expired or was used already; start the download again from the Audit packages screen');
  }
  return { file: found.file, fileName: found.fileName, bytes: found.bytes };
}
