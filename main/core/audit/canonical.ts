// Canonical JSON (sorted keys, no spaces) so that the same values always hash the same.
import { hash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** One-shot hashing (`crypto.hash`): the same digest as createHash().update().digest() without a Hash object per call. */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
