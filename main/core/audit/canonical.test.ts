// Canonical JSON: sorted keys all the way down, the same text for the same values whatever order they were
// built in, and values already in canonical order written as they are (the import's snapshots).
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';

/** The definition, written the plain way: every object copied with its keys sorted. */
function reference(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(sort);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) out[key] = sort((v as Record<string, unknown>)[key]);
    return out;
  };
  return JSON.stringify(sort(value));
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['a', 'b', 'B', 'id', 'item_id', 'units', '10', '9', '0', 'é', 'z_1', 'z-1', ''];

function value(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.4) return [null, 1, -2.5, 'x', true, undefined, 'ü'][Math.floor(next() * 7)];
  if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  const keys = KEYS.filter(() => next() < 0.4);
  if (next() < 0.5) keys.sort();
  return Object.fromEntries(keys.map((k) => [k, value(next, depth + 1)]));
}

describe('canonicalJson', () => {
  it('writes the same text as sorting every object, on random values in and out of order', () => {
    const next = random(42);
    for (let i = 0; i < 3000; i++) {
      const v = value(next, 0);
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('gives the same text for the same values built in any key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 })).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
  });

  it('treats what is not a plain object as the plain way does (a Date, a class, integer-like keys, inherited keys)', () => {
    class Row {
      a = 1;
      toJSON() {
        return 'row';
      }
    }
    const inherited = Object.create({ z: 1 }) as Record<string, unknown>;
    inherited.a = 1;
    const cases: unknown[] = [new Date('2026-01-01T00:00:00Z'), new Row(), { 9: 'a', 10: 'b' }, { a: 1, 10: 'x' }, inherited, [new Date(0), { b: 1, a: 2 }], Object.create(null)];
    for (const c of cases) expect(canonicalJson(c)).toBe(reference(c));
    expect(canonicalJson(new Date(0))).toBe('{}');
  });
});
