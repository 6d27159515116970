// Canonical JSON (sorted keys, no spaces) so that the same values always hash the same.
import { hash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || inOrder(value)) return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * Whether the value is canonical as it is (plain objects with their keys in sorted order, all the way down), so
 * that it is written without a copy: a writer that builds its rows with sorted keys (an import's thousands of
 * audit snapshots) pays only this check.
 */
function inOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const v of value as unknown[]) if (!inOrder(v)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    if (!inOrder((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

/** `row` with its keys in the order `keys` gives (canonical order), so that the trail writes it without sorting a copy. */
export function inKeyOrder<T extends Record<string, unknown>>(row: T, keys: readonly string[]): T & Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = row[k];
  return out as T & Record<string, unknown>;
}

/** One-shot hashing (`crypto.hash`): the same digest as createHash().update().digest() without a Hash object per call. */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
