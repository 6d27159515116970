import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './app-protocol';

let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lotline-app-protocol-'));
  const renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(renderer, 'assets', 'index-abc.js'), 'export {};');
  await writeFile(join(root, 'secret.txt'), 'TOP-SECRET');
  await symlink(join(root, 'secret.txt'), join(renderer, 'assets', 'leak.js'));
  handle = createAppProtocolHandler(renderer);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const get = (url: string, accept?: string) => handle(new Request(url, accept ? { headers: { accept } } : {}));

describe('app:// protocol handler', () => {
  it('serves the page with the CSP', async () => {
    const res = await get('app://lotline/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<div id="root">');
  });

  it('serves assets with their content type', async () => {
    const res = await get('app://lotline/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('export {};');
  });

  it('answers a client route with the page so a reload keeps the screen', async () => {
    const res = await get('app://lotline/lots/P-100:24.117', 'text/html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it.each([
    'app://lotline/assets/missing.js',
    'app://lotline/assets/leak.js',
    'app://lotline/..%2fsecret.txt',
    'app://lotline/assets/..%5c..%5csecret.txt',
    'app://other/index.html',
  ])('answers %s with 404 and never a file outside the build', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('TOP-SECRET');
  });

  it('refuses writes', async () => {
    const res = await handle(new Request('app://lotline/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });
});
