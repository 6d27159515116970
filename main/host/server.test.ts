import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../common/errors';
import type { ApiEvents, Invoke, LotlineApi } from '../api/types';
import { startHost } from './server';
import type { RunningHost } from './server';

const TOKEN = 'test-session-token-0123456789abcdef';

/** A small but real LotlineApi: a list of parts, one write command that publishes `changed`. */
function createMemoryApi(): LotlineApi & { calls: { command: string; input: unknown }[]; listenerCount(): number } {
  const parts: string[] = ['P-100'];
  const listeners = new Set<(payload: ApiEvents['changed']) => void>();
  const calls: { command: string; input: unknown }[] = [];
  const invoke: Invoke = (command, input) => {
    calls.push({ command, input });
    const ok = (value: unknown): Promise<Envelope<unknown>> => Promise.resolve({ ok: true, value });
    const fail = (code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'STATUS' | 'FORBIDDEN' | 'UNKNOWN_COMMAND' | 'DEVICE', message: string) =>
      Promise.resolve<Envelope<unknown>>({ ok: false, error: { code, message } });
    switch (command) {
      case 'items.list':
        return ok(parts.map((part) => ({ part })));
      case 'items.create': {
        const part = (input as { part?: unknown } | null)?.part;
        if (typeof part !== 'string' || part === '') return fail('VALIDATION', 'part: must be a part number');
        if (parts.includes(part)) return fail('CONFLICT', `Item ${part} already exists`);
        parts.push(part);
        for (const listener of listeners) listener({ command });
        return ok({ part });
      }
      case 'items.get': {
        const part = (input as { part?: unknown } | null)?.part;
        return typeof part === 'string' && parts.includes(part) ? ok({ part }) : fail('NOT_FOUND', `Item ${String(part)} was not found`);
      }
      case 'echo':
        return ok(input);
      case 'units.ship':
        return fail('STATUS', 'Lot P-100:L1 is on hold and cannot ship');
      case 'admin.only':
        return fail('FORBIDDEN', 'Only QA may do this');
      case 'printer.print':
        return fail('DEVICE', 'The printer at 10.0.0.9:9100 does not answer');
      case 'explode':
        return Promise.reject(new Error('kaboom'));
      default:
        return fail('UNKNOWN_COMMAND', `There is no command "${command}"`);
    }
  };
  return {
    dbPath: ':memory:',
    invoke,
    calls,
    subscribe(topic, listener) {
      if (topic !== 'changed') return () => {};
      const changed = listener as (payload: ApiEvents['changed']) => void;
      listeners.add(changed);
      return () => listeners.delete(changed);
    },
    listenerCount: () => listeners.size,
    seedDemoIfEmpty: () => Promise.resolve(false),
    close: () => {},
  };
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A request sent exactly as written: fetch would normalise `..` and the Host header away. */
function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let root: string;
let staticDir: string;
let api: ReturnType<typeof createMemoryApi>;
let host: RunningHost;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lotline-host-'));
  staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Lotline</title><div id="root"></div>');
  await writeFile(join(staticDir, 'assets', 'index-abc123.js'), 'console.log("lotline");');
  await writeFile(join(staticDir, 'assets', 'index-abc123.css'), 'body{margin:0}');
  await writeFile(join(staticDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(root, 'secret.txt'), 'TOP-SECRET');
  await symlink(join(root, 'secret.txt'), join(staticDir, 'escape.txt'));
  api = createMemoryApi();
  host = await startHost({ api, port: 0, token: TOKEN, staticDir, bodyLimit: 64 * 1024 });
});

afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

async function call(
  command: string,
  body: unknown,
  token: string | null = TOKEN,
): Promise<{ status: number; envelope: Envelope<unknown> }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(new URL(`/api/${command}`, host.url), { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, envelope: (await res.json()) as Envelope<unknown> };
}

describe('startHost', () => {
  it('listens on loopback on the port it reports', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
  });

  it('refuses a short session token', async () => {
    await expect(startHost({ api, port: 0, token: 'short', staticDir })).rejects.toThrow(/at least 16 characters/);
  });

  it('says clearly when the port is taken', async () => {
    await expect(startHost({ api, port: host.port, token: TOKEN, staticDir })).rejects.toThrow(
      `Port ${host.port} on 127.0.0.1 is already in use`,
    );
  });
});

describe('api over HTTP', () => {
  afterEach(() => {
    api.calls.length = 0;
  });

  it('invokes the command with the JSON body and answers 200 with the value', async () => {
    const { status, envelope } = await call('echo', { a: 1, list: ['x'] });
    expect(status).toBe(200);
    expect(envelope).toEqual({ ok: true, value: { a: 1, list: ['x'] } });
    expect(api.calls).toEqual([{ command: 'echo', input: { a: 1, list: ['x'] } }]);
  });

  it('treats an empty body as an empty input object', async () => {
    const res = await fetch(new URL('/api/echo', host.url), { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['items.create', { part: '' }, 400, 'VALIDATION'],
    ['items.get', { part: 'NOPE' }, 404, 'NOT_FOUND'],
    ['no.such', {}, 404, 'UNKNOWN_COMMAND'],
    ['items.create', { part: 'P-100' }, 409, 'CONFLICT'],
    ['units.ship', {}, 409, 'STATUS'],
    ['admin.only', {}, 403, 'FORBIDDEN'],
    ['printer.print', {}, 500, 'DEVICE'],
  ])('maps %s → %i %s', async (command, body, expectedStatus, code) => {
    const { status, envelope } = await call(command, body);
    expect(status).toBe(expectedStatus);
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe(code);
      expect(envelope.error.message.length).toBeGreaterThan(5);
    }
  });

  it('turns a throwing command into a 500 INTERNAL envelope that names the command', async () => {
    const { status, envelope } = await call('explode', {});
    expect(status).toBe(500);
    expect(envelope).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The command explode failed unexpectedly: kaboom' } });
  });

  it('answers invalid JSON with a VALIDATION envelope and does not invoke', async () => {
    const res = await fetch(new URL('/api/echo', host.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: '{"part": ',
    });
    expect(res.status).toBe(400);
    const envelope = (await res.json()) as Envelope<unknown>;
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('VALIDATION');
      expect(envelope.error.message).toMatch(/not valid JSON/);
    }
    expect(api.calls).toEqual([]);
  });

  it('refuses a body over the limit with 413, whether declared or streamed', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(70 * 1024) });
    const declared = await fetch(new URL('/api/echo', host.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    const envelope = (await declared.json()) as Envelope<unknown>;
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'The request body is larger than the 64 KB this host accepts; send less data per request.' },
    });

    // Chunked: no Content-Length, so the limit has to trip while reading.
    const chunked = await new Promise<RawResponse>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/echo',
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.write(big.slice(0, 40 * 1024));
      req.end(big.slice(40 * 1024));
    });
    expect(chunked.status).toBe(413);
    expect(chunked.text).toContain('larger than the 64 KB');
    expect(api.calls).toEqual([]);
  });

  it('answers other methods with 405 and Allow: POST', async () => {
    const res = await raw(host.port, '/api/items.list', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(api.calls).toEqual([]);
  });
});

describe('session token', () => {
  afterEach(() => {
    api.calls.length = 0;
  });

  it.each([
    ['missing', null],
    ['wrong', 'test-session-token-0123456789abcdeX'],
    ['a prefix of the right one', TOKEN.slice(0, 20)],
  ])('answers 401 with an envelope when the token is %s, without invoking', async (_label, token) => {
    const { status, envelope } = await call('items.list', {}, token);
    expect(status).toBe(401);
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.message).toMatch(/session token/);
    expect(api.calls).toEqual([]);
  });

  it('does not accept the token in the query string for commands', async () => {
    const res = await fetch(new URL(`/api/items.list?token=${TOKEN}`, host.url), { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('DNS-rebinding guard', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]'])('accepts Host %s:<port>', async (name) => {
    const res = await raw(host.port, '/api/items.list', {
      method: 'POST',
      headers: { Host: `${name}:${host.port}`, Authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1:1', '127.0.0.1'])(
    'refuses Host %s even with the right token',
    async (hostHeader) => {
      const res = await raw(host.port, '/api/items.list', {
        method: 'POST',
        headers: { Host: hostHeader.replace('PORT', String(host.port)), Authorization: `Bearer ${TOKEN}` },
        body: '{}',
      });
      expect(res.status).toBe(403);
      expect((JSON.parse(res.text) as Envelope<unknown>).ok).toBe(false);
      const page = await raw(host.port, '/', { headers: { Host: hostHeader.replace('PORT', String(host.port)) } });
      expect(page.status).toBe(403);
      expect(page.text).not.toContain('Lotline');
    },
  );
});

describe('static files', () => {
  it('serves index.html with the CSP and no-cache', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'",
    );
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="root">');
  });

  it.each([
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8', 'console.log'],
    ['/assets/index-abc123.css', 'text/css; charset=utf-8', 'margin:0'],
    ['/logo.svg', 'image/svg+xml', '<svg'],
  ])('serves %s as %s', async (path, type, content) => {
    const res = await fetch(new URL(path, host.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain(content);
  });

  it('marks hashed assets immutable', async () => {
    const res = await fetch(new URL('/assets/index-abc123.js', host.url));
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('falls back to index.html for client routes and navigations but not for missing assets', async () => {
    for (const path of ['/lots/P-100:L1/trace', '/serials/P-100%23SN-0001']) {
      const route = await fetch(new URL(path, host.url));
      expect(route.status).toBe(200);
      expect(await route.text()).toContain('<div id="root">');
    }
    // A lot code may contain a dot; a browser navigating there still gets the page.
    const navigation = await raw(host.port, '/lots/P-100:24.117', { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(navigation.status).toBe(200);
    expect(navigation.text).toContain('<div id="root">');
    const asset = await fetch(new URL('/assets/missing-999.js', host.url));
    expect(asset.status).toBe(404);
  });

  it('says the build is missing when there is no index.html', async () => {
    const empty = await startHost({ api, port: 0, token: TOKEN, staticDir: join(root, 'no-build') });
    try {
      const res = await fetch(empty.url);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('run `npm run build` first');
    } finally {
      await empty.close();
    }
  });

  it('answers HEAD with headers only', async () => {
    const res = await raw(host.port, '/assets/index-abc123.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('console.log("lotline");'.length));
    expect(res.text).toBe('');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2F..%2Fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/secret.txt%00.html',
    '/escape.txt',
  ])('does not leak files outside the root: %s', async (path) => {
    const res = await raw(host.port, path);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('TOP-SECRET');
  });

  it.each(['/lots/%2e%2e%5csecret', '/%E0%A4%A', '/%2e%2e'])(
    'answers an unsafe route-like path %s with the page, never a file',
    async (path) => {
      const res = await raw(host.port, path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root">');
      expect(res.text).not.toContain('TOP-SECRET');
    },
  );

  it.each(['//evil.example/api/items.list', 'http://evil.example/index.html'])('refuses the request target %s', async (target) => {
    const res = await raw(host.port, target, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(400);
  });

  it('refuses to write', async () => {
    const res = await raw(host.port, '/index.html', { method: 'PUT', body: 'x' });
    expect(res.status).toBe(405);
  });
});

/** Reads an HTTP response as text until `until` matches what has arrived. */
function readUntil(stream: AsyncIterator<Buffer>, seen: { text: string }, until: (text: string) => boolean): Promise<void> {
  return (async () => {
    while (!until(seen.text)) {
      const next = await stream.next();
      if (next.done) throw new Error(`stream ended before the expected text; got: ${seen.text}`);
      seen.text += next.value.toString('utf8');
    }
  })();
}

describe('event stream', () => {
  it('relays changed events to a subscriber that presents the token in the query', async () => {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      request({ host: '127.0.0.1', port: host.port, path: `/api/subscribe?token=${TOKEN}` }, resolve)
        .on('error', reject)
        .end();
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const iterator = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const seen = { text: '' };
    await readUntil(iterator, seen, (t) => t.includes(': ready'));
    expect(api.listenerCount()).toBe(1);

    const created = await call('items.create', { part: 'P-200' });
    expect(created.status).toBe(200);
    await readUntil(iterator, seen, (t) => t.includes('\n\nevent: changed'));
    expect(seen.text).toContain('event: changed\ndata: {"command":"items.create"}\n\n');

    res.destroy();
    await new Promise((resolve) => res.once('close', resolve));
    // The host notices the client left and drops its subscription.
    await expect.poll(() => api.listenerCount()).toBe(0);
  });

  it('refuses a subscriber without the token', async () => {
    const res = await raw(host.port, '/api/subscribe?token=nope');
    expect(res.status).toBe(401);
    expect(api.listenerCount()).toBe(0);
  });

  it('ends open streams when the host closes', async () => {
    const other = await startHost({ api, port: 0, token: TOKEN, staticDir });
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      request({ host: '127.0.0.1', port: other.port, path: '/api/subscribe', headers: { Authorization: `Bearer ${TOKEN}` } }, resolve)
        .on('error', reject)
        .end();
    });
    const iterator = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    await readUntil(iterator, { text: '' }, (t) => t.includes(': ready'));
    expect(api.listenerCount()).toBe(1);
    await other.close();
    expect(api.listenerCount()).toBe(0);
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
