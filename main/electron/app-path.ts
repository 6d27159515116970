// The `app://lotline/` origin the windows load from, and how its URLs map to files of the renderer build.
import { resolveStaticPath } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lotline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for `app://lotline/...` only: parsed, so `app://lotline.evil/`, `app://x@lotline/` or `https://lotline/` do not pass. */
export function isLotlineAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}

const dotSegment = /\/(?:\.|%2e){1,2}(?=\/|$)/i;

/**
 * The absolute path inside `root` that an `app://lotline/...` request names, or null: other schemes and hosts,
 * `..` (also percent-encoded), encoded slashes and backslashes, drive letters and NUL bytes are all refused.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  if (!isLotlineAppUrl(requestUrl)) return null;
  // The URL parser folds `..` and `%2e%2e` segments away, which would turn an attack into a quiet success;
  // a dot segment in the raw request is refused outright, so the guard never depends on that folding.
  if (dotSegment.test(requestUrl.split(/[?#]/, 1)[0] ?? '')) return null;
  return resolveStaticPath(root, new URL(requestUrl).pathname);
}
