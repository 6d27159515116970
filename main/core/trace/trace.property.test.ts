// Trace against an independent model: for many random plants (merges, splits, multi-level work orders,
// per-unit components, rework cycles, reversed consumptions) built through the api, forward and backward
// trace and recall impact must return exactly what a breadth-first search over the modelled genealogy finds —
// through the api (the in-memory lineage index once it is ready) and through the recursive CTE that answers
// until then.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_DEPTH } from '../../../common/api/trace';
import type { RecallImpact, TraceResult, UnitSummary } from '../../../common/domain';
import { createApi } from '../../api';
import type { LotlineApi } from '../../api';
import { mulberry32 } from '../../../common/random';
import { buildRandomGenealogy, reachable } from './random-genealogy';
import type { Genealogy, GenealogyStats } from './random-genealogy';
import { startLineageIndex, walkCte } from './walk';
import { nextLevelParts } from '../recall/impact';
import { consumedByItem, consumedByItemFromLedger } from '../production/consumed';

const SEEDS = Array.from({ length: 40 }, (_, i) => 7001 + i);
const SAMPLE = 30;
const FULL_DEPTH = 1000;
const sizeOf = (seed: number) => 20 + ((seed * 37) % 101); // 20–120 lots and serials

// Forty plants are thousands of committed writes, each an fsync under synchronous=FULL: on Linux they go to
// a tmpfs folder (still real SQLite files), where the fsync costs nothing; durability is not what this tests.
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'lotline-trace-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const built: { seed: number; stats: GenealogyStats; cyclic: boolean }[] = [];

async function value<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const result = await p;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** ref → depth, sorted by ref so that a failure shows a readable diff. */
const byRef = <V>(entries: Iterable<[string, V]>) => Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));
const nodesOf = (r: TraceResult | RecallImpact) => byRef(('nodes' in r ? r.nodes : r.affected).map((n) => [n.ref, n.depth]));
const within = (depths: Map<string, number>, limit: number) => byRef([...depths].filter(([, d]) => d <= limit));

/** Model edges with both ends in `nodes`, as "from → to". */
function modelEdgesAmong(g: Genealogy, nodes: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const from of nodes) for (const to of g.forward.get(from) ?? []) if (nodes.has(to)) out.push(`${from} → ${to}`);
  return out.sort();
}

function traceEdges(r: TraceResult): string[] {
  const refOf = new Map(r.nodes.map((n) => [n.id, n.ref]));
  return [...new Set(r.edges.map((e) => `${refOf.get(e.from) ?? `#${e.from}`} → ${refOf.get(e.to) ?? `#${e.to}`}`))].sort();
}

describe.each(SEEDS)('random genealogy, seed %i', (seed) => {
  let api: LotlineApi;
  let g: Genealogy;
  let sample: string[];
  let cte: Db;
  const refOf = new Map<number, string>();
  const idOf = new Map<string, number>();
  const rnd = mulberry32(seed ^ 0x5eed);

  beforeAll(async () => {
    const file = join(dir, `plant-${seed}.db`);
    api = createApi({ dbPath: file, actor: 'property-test' });
    g = await buildRandomGenealogy(api.invoke, { seed, size: sizeOf(seed) });
    cte = new Database(file, { readonly: true });
    for (const list of ['lots.list', 'serials.list'] as const) {
      for (const u of await value<UnitSummary[]>(api.invoke(list, { limit: 100_000 }))) {
        refOf.set(u.id, u.ref);
        idOf.set(u.ref, u.id);
      }
    }
    const refs = [...g.units.keys()];
    const rest = refs.filter((r) => !g.notable.includes(r)).sort(() => rnd() - 0.5);
    sample = [...g.notable, ...rest].slice(0, SAMPLE);
    const cyclic = refs.some((r) => [...(g.forward.get(r) ?? [])].some((next) => reachable(g.forward, [next]).has(r)));
    built.push({ seed, stats: g.stats, cyclic });
  });
  afterAll(() => {
    cte.close();
    api.close();
  });

  const trace = (direction: 'forward' | 'backward', ref: string, depth: number) =>
    value<TraceResult>(api.invoke(direction === 'forward' ? 'trace.forward' : 'trace.backward', { ref, depth }));

  for (const direction of ['forward', 'backward'] as const) {
    it(`${direction} trace finds exactly the modelled units at their shortest depth, with the modelled edges`, async () => {
      const adjacency = direction === 'forward' ? g.forward : g.backward;
      for (const ref of sample) {
        const expected = reachable(adjacency, [ref]);
        const result = await trace(direction, ref, FULL_DEPTH);
        expect(result.root.ref, ref).toBe(ref);
        expect(result.direction).toBe(direction);
        expect(nodesOf(result), `${direction} trace of ${ref}`).toEqual(byRef(expected));
        expect(result.truncated, `${direction} trace of ${ref} at depth ${FULL_DEPTH}`).toBe(false);
        expect(traceEdges(result), `edges of the ${direction} trace of ${ref}`).toEqual(modelEdgesAmong(g, new Set(expected.keys())));
      }
    });

    it(`${direction} walk by recursive CTE (the answer until the lineage index is ready) agrees, whole and cut short`, () => {
      const adjacency = direction === 'forward' ? g.forward : g.backward;
      // Any depth of at least the number of units reaches everything; the CTE's cost grows with the limit on cycles.
      for (const limit of [1, 2, g.units.size]) {
        for (const ref of sample) {
          const all = reachable(adjacency, [ref]);
          const w = walkCte(cte, [idOf.get(ref) ?? 0], direction, limit);
          expect(
            byRef([...w.depths].map(([id, d]) => [refOf.get(id) ?? `#${id}`, d])),
            `CTE ${direction} walk of ${ref}, depth ${limit}`,
          ).toEqual(within(all, limit));
          expect(w.truncated, `CTE ${direction} walk of ${ref}, depth ${limit}: truncated`).toBe([...all.values()].some((d) => d > limit));
          const edges = [...new Set(w.edges.map((e) => `${refOf.get(e.from) ?? `#${e.from}`} → ${refOf.get(e.to) ?? `#${e.to}`}`))].sort();
          expect(edges, `CTE ${direction} walk of ${ref}, depth ${limit}: edges`).toEqual(
            modelEdgesAmong(g, new Set(Object.keys(within(all, limit)))),
          );
        }
      }
    });

    it(`${direction} trace with a small depth holds exactly the units within it and says whether it cut`, async () => {
      const adjacency = direction === 'forward' ? g.forward : g.backward;
      for (const ref of sample) {
        const all = reachable(adjacency, [ref]);
        for (const limit of [1, 2]) {
          const result = await trace(direction, ref, limit);
          expect(nodesOf(result), `${direction} trace of ${ref}, depth ${limit}`).toEqual(within(all, limit));
          const beyond = [...all.values()].some((d) => d > limit);
          expect(result.truncated, `${direction} trace of ${ref}, depth ${limit}: truncated`).toBe(beyond);
          expect(result.depthLimit).toBe(limit);
        }
      }
    });

    it(`${direction} trace read window by window holds every unit and edge once; its summary counts the whole trace`, async () => {
      const adjacency = direction === 'forward' ? g.forward : g.backward;
      for (const ref of sample.slice(0, 10)) {
        const expected = reachable(adjacency, [ref]);
        const whole = await trace(direction, ref, FULL_DEPTH);
        const size = 1 + Math.floor(rnd() * 6);
        const seen = new Map<string, number>();
        const edges: string[] = [];
        for (let offset = 0; ; offset += size) {
          const part = await value<TraceResult>(
            api.invoke(direction === 'forward' ? 'trace.forward' : 'trace.backward', { ref, depth: FULL_DEPTH, offset, limit: size }),
          );
          expect(part.total).toEqual(whole.total);
          expect(part.nodes.length, `window at ${offset} of ${ref}`).toBe(Math.max(0, Math.min(size, expected.size - offset)));
          for (const n of part.nodes) {
            expect(seen.has(n.ref), `${n.ref} in two windows`).toBe(false);
            seen.set(n.ref, n.depth);
          }
          edges.push(...part.edges.map((e) => `${refOf.get(e.from) ?? ''} → ${refOf.get(e.to) ?? ''}`));
          if (part.nodes.length < size) break;
        }
        expect(byRef(seen), `${direction} trace of ${ref} in windows of ${size}`).toEqual(byRef(expected));
        const wholeRefs = new Map(whole.nodes.map((n) => [n.id, n.ref]));
        expect(edges.sort(), `edges of ${ref} in windows of ${size}`).toEqual(whole.edges.map((e) => `${wholeRefs.get(e.from) ?? ''} → ${wholeRefs.get(e.to) ?? ''}`).sort());
        expect(whole.total.nodes).toBe(expected.size);
        expect(whole.total.edges).toBe(whole.edges.length);
        expect(whole.levels).toEqual(Array.from({ length: Math.max(...expected.values()) + 1 }, (_, d) => [...expected.values()].filter((x) => x === d).length));
        const perItem = new Map<string, number>();
        for (const [r, d] of expected) perItem.set(`${d} ${r.split(/[:#]/)[0] ?? ''}`, (perItem.get(`${d} ${r.split(/[:#]/)[0] ?? ''}`) ?? 0) + 1);
        expect(Object.fromEntries(whole.items.map((i) => [`${i.depth} ${i.item}`, i.units]))).toEqual(Object.fromEntries(perItem));
        const customers = new Map<string, Set<string>>();
        for (const line of whole.shipments) customers.set(line.customer, (customers.get(line.customer) ?? new Set()).add(line.number));
        expect(whole.customers.map((c) => [c.code, c.shipments])).toEqual([...customers].map(([c, set]) => [c, set.size]).sort());
        expect(whole.total.shipmentLines).toBe(whole.shipments.length);
      }
    });
  }

  it('the items each unit went into one level down are the modelled ones, from the lineage index and by SQL alike', async () => {
    const indexed = new Database(join(dir, `plant-${seed}.db`), { readonly: true });
    try {
      await startLineageIndex(indexed);
      const ids = [...idOf.values()];
      const partOf = (ref: string) => ref.split(/[:#]/)[0] ?? '';
      const expected = byRef(
        [...g.units.keys()].map((ref) => [ref, [...new Set([...(g.forward.get(ref) ?? [])].map(partOf))].sort().join(' ')] as [string, string]).filter(([, parts]) => parts),
      );
      for (const [how, db] of [['index', indexed], ['SQL', cte]] as const) {
        const into = nextLevelParts(db, ids);
        expect(byRef([...into].map(([id, parts]) => [refOf.get(id) ?? `#${id}`, [...parts].sort().join(' ')])), `next level by ${how}`).toEqual(expected);
      }
    } finally {
      indexed.close();
    }
  });

  it("each work order's consumption totals (kept per scan) equal the sums of its events not reversed", () => {
    const orders = cte.prepare<[], { id: number }>('SELECT id FROM work_orders ORDER BY id').all();
    expect(orders.length).toBeGreaterThan(0);
    for (const { id } of orders) {
      expect(Object.fromEntries(consumedByItem(cte, id)), `work order ${id}`).toEqual(Object.fromEntries(consumedByItemFromLedger(cte, id)));
    }
  });

  it('recall impact of a few suspects is the union of their forward traces; finished goods are the affected finished items', async () => {
    const refs = [...g.units.keys()];
    for (let round = 0; round < 3; round++) {
      const suspects = [...refs].sort(() => rnd() - 0.5).slice(0, 2 + (round % 2));
      const impact = await value<RecallImpact>(api.invoke('recall.impact', { refs: suspects }));
      const all = reachable(g.forward, suspects);
      expect(impact.suspects.map((s) => s.ref).sort()).toEqual([...suspects].sort());
      expect(nodesOf(impact), `recall impact of ${suspects.join(', ')}`).toEqual(within(all, DEFAULT_TRACE_DEPTH));
      expect(impact.truncated).toBe([...all.values()].some((d) => d > DEFAULT_TRACE_DEPTH));
      const finished = [...all.keys()].filter((r) => g.units.get(r)?.category === 'finished').sort();
      expect(impact.finished.map((f) => f.ref).sort(), `finished goods in the recall of ${suspects.join(', ')}`).toEqual(finished);
    }
  });
});

describe('the random plants', () => {
  it('cover what the property is about: merges, splits, components, rework cycles and reversals after production', () => {
    expect(built).toHaveLength(SEEDS.length);
    const total = (key: keyof GenealogyStats) => built.reduce((n, b) => n + b.stats[key], 0);
    console.log(
      `random plants: ${total('units')} units, ${total('edges')} edges, ${total('workOrders')} work orders, ${total('reworks')} reworks, ` +
        `${total('reversals')} reversals (${total('reversalsAfterProduction')} after production), ${built.filter((b) => b.cyclic).length}/${built.length} cyclic`,
    );
    expect(built.every((b) => b.stats.units >= 20)).toBe(true);
    expect(built.filter((b) => b.cyclic).length).toBeGreaterThanOrEqual(SEEDS.length / 2);
    expect(built.filter((b) => b.stats.reversalsAfterProduction > 0).length).toBeGreaterThanOrEqual(SEEDS.length / 2);
    expect(total('components')).toBeGreaterThan(SEEDS.length);
  });
});
