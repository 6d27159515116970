// The `app://lotline/` protocol handler: serves the renderer build to Electron windows, with the same path guard,
// client-route fallback and CSP as the web host. Plain Node (global Request/Response), so it is tested without Electron.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, contentTypeFor, existingFileInside, wantsPageFallback } from '../host/static-files';
import { isLotlineAppUrl, resolveAppFile } from './app-path';

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const index = join(rendererDir, 'index.html');
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Only GET and HEAD are served here.');
    if (!isLotlineAppUrl(request.url)) return plain(404, 'Not found.');
    const file = resolveAppFile(rendererDir, request.url);
    const pathname = new URL(request.url).pathname;
    const found =
      (file === null ? null : await existingFileInside(rendererDir, file)) ??
      (wantsPageFallback(pathname, request.headers.get('accept') ?? undefined) ? await existingFileInside(rendererDir, index) : null);
    if (found === null) return plain(404, 'Not found.');
    const headers = {
      'content-type': contentTypeFor(found.path),
      'content-length': String(found.size),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    };
    return new Response(request.method === 'HEAD' ? null : await readFile(found.path), { headers });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
