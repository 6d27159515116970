import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLotlineAppUrl, resolveAppFile } from './app-path';

const root = resolve('/srv/lotline/out/renderer');

describe('resolveAppFile', () => {
  it.each([
    ['app://lotline/', 'index.html'],
    ['app://lotline/index.html', 'index.html'],
    ['app://lotline/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://lotline/assets/index-abc.js?v=1#x', 'assets/index-abc.js'],
    ['app://lotline/fonts/DejaVu%20Sans.woff2', 'fonts/DejaVu Sans.woff2'],
    ['app://lotline/docs/', 'docs/index.html'],
    ['app://lotline//assets//a.css', 'assets/a.css'],
  ])('maps %s inside the root', (url, relative) => {
    expect(resolveAppFile(root, url)).toBe(join(root, relative));
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://lotline.evil/index.html'],
    ['another scheme', 'file:///srv/lotline/out/renderer/index.html'],
    ['http on the same host name', 'http://lotline/index.html'],
    ['credentials in the URL', 'app://me@lotline/index.html'],
    ['a port', 'app://lotline:99/index.html'],
    ['encoded ..', 'app://lotline/%2e%2e/%2e%2e/etc/passwd'],
    ['mixed-case encoded ..', 'app://lotline/assets/%2E%2e/%2e%2E/secret'],
    ['an encoded slash', 'app://lotline/..%2f..%2fetc%2fpasswd'],
    ['an encoded absolute path', 'app://lotline/%2Fetc%2Fpasswd'],
    ['an encoded backslash', 'app://lotline/..%5c..%5csecret'],
    ['a drive letter', 'app://lotline/C:%5cWindows%5cwin.ini'],
    ['a NUL byte', 'app://lotline/index.html%00.png'],
    ['a malformed escape', 'app://lotline/%E0%A4%A'],
    ['not a URL', '../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it.each([
    'app://lotline/../../etc/passwd',
    'app://lotline/assets/../../../etc/passwd',
    'app://lotline/assets/./a.js',
    'app://lotline/.%2e/secret',
    'app://lotline/assets/%2e',
  ])('refuses the dot segment in %s even though the URL parser would fold it', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('allows dots inside names', () => {
    expect(resolveAppFile(root, 'app://lotline/assets/index.abc..js')).toBe(join(root, 'assets/index.abc..js'));
    expect(resolveAppFile(root, 'app://lotline/.well-known/x')).toBe(join(root, '.well-known/x'));
  });
});

describe('isLotlineAppUrl', () => {
  it('accepts the app origin only', () => {
    expect(isLotlineAppUrl('app://lotline/')).toBe(true);
    expect(isLotlineAppUrl('app://lotline/lots?status=on_hold')).toBe(true);
    expect(isLotlineAppUrl('app://lotline')).toBe(true);
    expect(isLotlineAppUrl('app://lotlinex/')).toBe(false);
    expect(isLotlineAppUrl('app://127.0.0.1/')).toBe(false);
    expect(isLotlineAppUrl('javascript:alert(1)')).toBe(false);
  });
});
