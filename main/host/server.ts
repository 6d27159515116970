// The web host: serves the renderer build and the api over HTTP, for browsers and for the e2e suite.
// It offers exactly what IPC offers (`invoke` and events) and nothing wider.
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Envelope } from '../../common/errors';
import type { LotlineApi } from '../api/types';
import { BodyError, DEFAULT_BODY_LIMIT, failure, messageOf, parseJsonBody, readBody, sendEnvelope } from './api-responses';
import { openEventStream } from './event-stream';
import { serveDownload } from './package-download';
import { allowedHostHeaders, bearerToken, hostForUrl, isLoopbackHost, tokenMatches } from './request-guards';
import { CONTENT_SECURITY_POLICY, contentTypeFor, existingFileInside, resolveStaticPath, wantsPageFallback } from './static-files';

export interface HostOptions {
  api: LotlineApi;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1. Anything but loopback exposes the api to the network (still behind the token). */
  host?: string;
  /** The session token every api request must present. */
  token: string;
  /** The renderer build (out/renderer). */
  staticDir: string;
  /** Largest accepted request body; 5 MB unless a test needs less. */
  bodyLimit?: number;
}

export interface RunningHost {
  /** The base URL, without the token (`http://127.0.0.1:4310/`). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const baseHeaders: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const MIN_TOKEN_LENGTH = 16;

/** The header that carries the user's session token (from auth.login) beside the host's token in Authorization. */
export const SESSION_HEADER = 'x-lotline-session';

/** The user's session, or null: a web page always speaks for a person, never for the local system identity. */
function sessionOf(req: IncomingMessage): string | null {
  const value = req.headers[SESSION_HEADER];
  return typeof value === 'string' && value !== '' ? value : null;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const host = opts.host ?? '127.0.0.1';
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (opts.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`The session token must be at least ${MIN_TOKEN_LENGTH} characters long.`);
  }
  const loopback = isLoopbackHost(host);
  const streams = new Set<{ stop(): void }>();
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Reached when a request breaks off mid-way (the client aborted its upload) or the response cannot be written.
      if (!res.headersSent) sendEnvelope(res, failure('INTERNAL', `The host failed: ${messageOf(error)}`), 500, baseHeaders);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only origin-form targets (`/path?query`): `//other/x` or a proxy's `http://other/x` would resolve to another URL.
    const target = req.url ?? '';
    if (!target.startsWith('/') || target.startsWith('//')) {
      sendText(res, 400, 'Request a path on this host, like /api/items.list.');
      return;
    }
    const url = new URL(`http://host.invalid${target}`);
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');

    if (loopback && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      const message = `This host answers only to ${[...allowedHosts].join(', ')}; the request named "${req.headers.host ?? ''}".`;
      if (isApi) sendEnvelope(res, failure('FORBIDDEN', message), 403, baseHeaders);
      else sendText(res, 403, message);
      return;
    }

    if (isApi) return handleApi(req, res, url);
    return serveStatic(req, res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const command = url.pathname.slice('/api/'.length);
    const isSubscribe = command === 'subscribe' && req.method === 'GET';
    const download = req.method === 'GET' && command.startsWith('download/') ? command.slice('download/'.length) : null;
    // EventSource and a followed download link cannot set headers, so those two alone may carry the token in the query.
    const presented = bearerToken(req.headers.authorization) ?? (isSubscribe || download !== null ? url.searchParams.get('token') : null);
    if (!tokenMatches(opts.token, presented)) {
      sendEnvelope(
        res,
        failure('FORBIDDEN', 'This request needs the session token: open the address printed by `lotline serve`, which carries it.'),
        401,
        { ...baseHeaders, 'WWW-Authenticate': 'Bearer realm="lotline"' },
      );
      return;
    }

    if (isSubscribe) {
      const stream = openEventStream(res, opts.api, baseHeaders);
      streams.add(stream);
      res.once('close', () => streams.delete(stream));
      return;
    }

    if (download !== null) return serveDownload(res, opts.api, download, baseHeaders);

    if (req.method !== 'POST') {
      sendEnvelope(res, failure('VALIDATION', `Commands are sent with POST, not ${req.method ?? 'an unknown method'}.`), 405, {
        ...baseHeaders,
        Allow: 'POST',
      });
      return;
    }

    let name: string;
    try {
      name = decodeURIComponent(command);
    } catch {
      name = command;
    }

    let body: Buffer;
    try {
      body = await readBody(req, bodyLimit);
    } catch (error) {
      if (error instanceof BodyError) {
        // Stop reading the rest of an oversized upload; the connection closes after this answer.
        sendEnvelope(res, failure('VALIDATION', error.message), error.status, { ...baseHeaders, Connection: 'close' });
        return;
      }
      throw error;
    }
    const parsed = parseJsonBody(body);
    if (!parsed.ok) {
      sendEnvelope(res, parsed, 400, baseHeaders);
      return;
    }

    // The host's own half of a download hands back where the file is on this machine: never over the wire.
    if (name === 'packages.claimDownload') {
      sendEnvelope(res, failure('UNKNOWN_COMMAND', 'packages.claimDownload is the web host’s own step of a download: follow the link packages.download gives (GET /api/download/…)'), 404, baseHeaders);
      return;
    }
    let envelope: Envelope<unknown>;
    try {
      envelope = await opts.api.invoke(name, parsed.value, sessionOf(req));
    } catch (error) {
      envelope = failure('INTERNAL', `The command ${name} failed unexpectedly: ${messageOf(error)}`);
    }
    sendEnvelope(res, envelope, undefined, baseHeaders);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' });
      return;
    }
    // A path that cannot name a file (`..`, encoded slashes) may still be a client route; it only never reaches the disk.
    const file = resolveStaticPath(opts.staticDir, pathname);
    const index = join(opts.staticDir, 'index.html');
    const found =
      (file === null ? null : await existingFileInside(opts.staticDir, file)) ??
      (wantsPageFallback(pathname, req.headers.accept) ? await existingFileInside(opts.staticDir, index) : null);
    if (found === null) {
      const missingBuild = (await existingFileInside(opts.staticDir, index)) === null;
      sendText(
        res,
        404,
        missingBuild ? `The renderer build is missing from ${opts.staticDir}: run \`npm run build\` first.` : 'Not found.',
      );
      return;
    }
    // Vite names assets by content hash, so they never change; the page itself must always be fetched fresh.
    const immutable = pathname.startsWith('/assets/');
    res.writeHead(200, {
      ...baseHeaders,
      'Content-Type': contentTypeFor(found.path),
      'Content-Length': String(found.size),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.path);
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  }

  function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      ...baseHeaders,
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-store',
    });
    res.end(text);
  }

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${opts.port} on ${host} is already in use (is Lotline already serving?); choose another with --port.`)
          : error,
      );
    };
    server.once('error', onError);
    server.listen(opts.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(host, port);

  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl(host)}:${port}/`,
    port,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const stream of streams) stream.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open until they time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
