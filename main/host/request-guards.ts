// The checks every request to the web host passes before it reaches a file or a command.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares the presented token with the session token in constant time (hashing first evens out the lengths). */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (presented === null || presented === undefined || presented === '') return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1] ?? null;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** How a host name appears in a URL or a Host header (IPv6 literals in brackets). */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The Host header values a loopback-bound host accepts. A page on another site that rebinds its DNS name to
 * 127.0.0.1 still sends its own name in Host, so it is refused even before the token is checked.
 */
export function allowedHostHeaders(boundHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', hostForUrl(boundHost).toLowerCase()]);
  return new Set([...names].map((name) => `${name}:${port}`));
}
