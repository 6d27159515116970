// Maps request paths onto files of the renderer build. Shared by the web host and the Electron `app://` handler,
// so both doors refuse the same traversal tricks.
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * Resolves a URL pathname (still percent-encoded, as it arrives on the wire) to an absolute path inside `root`,
 * or null when the path tries to leave `root` or cannot be a file name: `..` and `.` segments (also encoded),
 * encoded slashes or backslashes, NUL bytes, malformed escapes. `/` and a trailing `/` mean `index.html`.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  if (!pathname.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // An empty segment comes from `//` or a trailing slash; anything that could climb or name another root is refused.
    if (segment === '') continue;
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  const base = resolve(root);
  if (segments.length === 0 || pathname.endsWith('/')) segments.push('index.html');
  const file = resolve(base, ...segments);
  // Belt and braces: whatever the segments were, the result must still be below the root.
  if (!file.startsWith(base + sep)) return null;
  return file;
}

/**
 * Whether a request that matched no file should get index.html, so client routes (`/lots/P-100:L1`) survive a reload:
 * browser navigations (they accept text/html) and extension-less paths. A missing `/assets/x.js` stays a 404.
 */
export function wantsPageFallback(pathname: string, accept: string | undefined): boolean {
  if (accept !== undefined && accept.includes('text/html')) return true;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return extname(last) === '';
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

export function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file with its size, if it exists and, symlinks resolved, still lies inside `root`; otherwise null. */
export async function existingFileInside(root: string, file: string): Promise<{ path: string; size: number } | null> {
  try {
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!real.startsWith(realRoot + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

/** The page policy for every document the renderer is served from (web host and `app://`). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";
