// GET /api/download/<ticket>: streams an audit package's zip to the browser as a download. The ticket comes from
// packages.download (a signed-in QA user's command); the host trades it for the file once and streams it from disk.
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { PackageDownloadFile } from '../../common/api/packages';
import type { LotlineApi } from '../api/types';
import { failure, messageOf, sendEnvelope } from './api-responses';

/** `attachment` with an ASCII name and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function serveDownload(res: ServerResponse, api: LotlineApi, ticket: string, headers: Record<string, string>): Promise<void> {
  const claimed = await api.invoke('packages.claimDownload', { ticket }, null);
  if (!claimed.ok) {
    sendEnvelope(res, claimed, 404, headers);
    return;
  }
  const { file, fileName } = claimed.value as PackageDownloadFile;
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    sendEnvelope(res, failure('NOT_FOUND', `The package file is no longer there (${messageOf(error)}); export it again`), 404, headers);
    return;
  }
  try {
    const { size } = await handle.stat();
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/zip',
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition(fileName),
      'Cache-Control': 'no-store',
    });
    // Streamed from disk with the socket's backpressure: a package of any size in flat memory.
    await pipeline(handle.createReadStream({ start: 0, autoClose: false }), res);
  } finally {
    await handle.close();
  }
}
