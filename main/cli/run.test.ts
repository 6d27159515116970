// The CLI on real database files: each command, its --json shape, and bad input (one line, exit 2).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'lotline-cli-'));
const db = join(dir, 'plant.db');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  expect((await cli('init')).out).toBe(`Lotline database ready: ${db}`);
  const demo = await cli('demo');
  expect(demo.code).toBe(0);
  expect(demo.out).toMatch(/^Demo plant loaded into .*: \d+ lots, \d+ serials, \d+ shipments$/);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lotline CLI', () => {
  it('refuses to load the demo twice', async () => {
    expect(await cli('demo')).toMatchObject({ code: 1, err: expect.stringMatching(/already holds data/) });
  });

  it('lists lots and serials with filters, as text and JSON', async () => {
    const text = await cli('lots', '--item', 'RES-PC', '--status', 'on_hold');
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[0]).toMatch(/^type\s+item\s+lot\/serial\s+gtin\s+status\s+on hand\s+expires$/);
    expect(text.out).toMatch(/lot\s+RES-PC\s+\S+\s+04012345000016\s+on_hold/);
    const json = JSON.parse((await cli('serials', '--item', 'PUMP-PX2', '--json')).out) as { type: string; item: string; serial: string; gtin: string; status: string }[];
    expect(json.length).toBeGreaterThan(100);
    expect(json.every((s) => s.type === 'serial' && s.item === 'PUMP-PX2' && s.gtin === '09506000134352' && /^PX-\d{6}$/.test(s.serial))).toBe(true);
  });

  it('traces a shipped pump backward to its raw lots and forward to its customer', async () => {
    const [pump] = JSON.parse((await cli('serials', '--item', 'PUMP-PX2', '--status', 'shipped', '--json', '--limit', '1')).out) as { serial: string }[];
    const ref = `PUMP-PX2#${pump?.serial}`;
    const back = JSON.parse((await cli('trace', 'backward', ref, '--json')).out) as { nodes: { type: string; item: string; depth: number; lot?: string; serial?: string; status: string }[]; truncated: boolean };
    expect(back.truncated).toBe(false);
    expect(new Set(back.nodes.map((n) => n.item))).toEqual(new Set(['PUMP-PX2', 'CTRL-PX', 'HOUSING-PX', 'MOTOR-S', 'PCB-BARE', 'MCU-32', 'RES-PC']));
    expect(back.nodes.find((n) => n.item === 'RES-PC')?.depth).toBe(2);
    const fwd = JSON.parse((await cli('trace', 'forward', ref, '--json')).out) as { shipments: { number: string }[]; customers: { code: string }[] };
    expect(fwd.shipments).toHaveLength(1);
    expect(fwd.customers).toHaveLength(1);
    const shallow = JSON.parse((await cli('trace', 'backward', ref, '--depth', '1', '--json')).out) as { truncated: boolean; nodes: { depth: number }[] };
    expect(shallow.truncated).toBe(true);
    expect(Math.max(...shallow.nodes.map((n) => n.depth))).toBe(1);
    const human = await cli('trace', 'forward', ref);
    expect(human.out).toMatch(/^Forward trace of PUMP-PX2#PX-\d+ \(Infusion pump PX-2\): 1 lots and serials/);
    expect(human.out).toMatch(/shipment\s+date\s+customer/);
    // The same pump named by its GS1 DataMatrix data, as printed on its label: GTIN 09506000134352 and serial.
    const scanned = await cli('trace', 'forward', `(01)09506000134352(21)${pump?.serial}`, '--json');
    expect((JSON.parse(scanned.out) as { root: { ref: string } }).root.ref).toBe(ref);
  });

  it('reads a wide trace window by window, with the summary of the whole', async () => {
    const [resin] = (JSON.parse((await cli('lots', '--item', 'RES-PC', '--json')).out) as { lot: string }[]).reverse();
    const whole = JSON.parse((await cli('trace', 'forward', `RES-PC:${resin?.lot}`, '--json')).out) as { total: { nodes: number }; nodes: { ref: string }[] };
    const first = JSON.parse((await cli('trace', 'forward', `RES-PC:${resin?.lot}`, '--limit', '3', '--json')).out) as { total: { nodes: number }; nodes: { ref: string }[] };
    const rest = JSON.parse((await cli('trace', 'forward', `RES-PC:${resin?.lot}`, '--offset', '3', '--limit', '50000', '--json')).out) as { nodes: { ref: string }[] };
    expect(whole.total.nodes).toBeGreaterThan(3);
    expect(first.total).toEqual(whole.total);
    expect(first.nodes).toHaveLength(3);
    expect([...first.nodes, ...rest.nodes].map((n) => n.ref).sort()).toEqual(whole.nodes.map((n) => n.ref).sort());
    expect((await cli('trace', 'forward', `RES-PC:${resin?.lot}`, '--limit', '3')).out).toMatch(/lots and serials \(rows 1–3 shown; --offset and --limit for the others\)/);
  });

  it('reports recall impact of a resin lot: finished goods, customers and stock in house', async () => {
    const [resin] = (JSON.parse((await cli('lots', '--item', 'RES-PC', '--json')).out) as { lot: string }[]).reverse();
    const impact = JSON.parse((await cli('recall', 'impact', `RES-PC:${resin?.lot}`, '--json')).out) as { finished: { item: string }[]; customers: unknown[]; affected: unknown[] };
    expect(impact.affected.length).toBeGreaterThan(10);
    expect(new Set(impact.finished.map((f) => f.item))).toEqual(new Set(['PUMP-PX2', 'SET-IV2']));
    expect(impact.customers.length).toBeGreaterThan(0);
    expect((await cli('recall', 'impact', `RES-PC:${resin?.lot}`)).out).toMatch(/^Recall impact of RES-PC:/);
  });

  it('verifies the audit trail', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Audit trail intact: \d+ rows/);
    expect(JSON.parse((await cli('audit', 'verify', '--json')).out)).toMatchObject({ ok: true, problems: [] });
  });

  it('runs any api command through `call`, with the api’s own validation', async () => {
    const items = JSON.parse((await cli('call', 'items.list')).out) as { part: string }[];
    expect(items.map((i) => i.part)).toContain('PUMP-PX2');
    expect(await cli('call', 'items.create', '{"part":"X"}')).toMatchObject({ code: 2, err: expect.stringMatching(/^lotline: description: is required/) });
    expect(await cli('call', 'items.list', '{nope')).toMatchObject({ code: 2, err: 'lotline: The input is not valid JSON: {nope' });
    expect(await cli('call', 'no.such')).toMatchObject({ code: 2, err: 'lotline: There is no command "no.such"' });
  });

  it('answers bad arguments with one clear line and exit code 2', async () => {
    for (const [args, message] of [
      [['trace', 'sideways', 'X'], "lotline: unknown command 'sideways'"],
      [['trace', 'forward'], "lotline: missing required argument 'ref'"],
      [['trace', 'forward', 'PUMP-PX2#PX-000001', '--depth', 'deep'], "lotline: option '--depth <n>' argument 'deep' is invalid. --depth must be a whole number from 1 to 1000"],
      [['lots', '--status', 'lost'], "lotline: option '--status <status>' argument 'lost' is invalid. Allowed choices are quarantine, released, on_hold, rejected, consumed, shipped, recalled."],
      [['trace', 'forward', 'nonsense'], 'lotline: ref: "nonsense" is not a lot or serial reference: write PART:LOT for a lot or PART#SERIAL for a serial'],
      [['lots', '--frobnicate'], "lotline: unknown option '--frobnicate'"],
    ] as const) {
      const r = await cli(...args);
      expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 2, err: message });
    }
    expect(await cli('trace', 'forward', 'PUMP-PX2#NOPE')).toMatchObject({ code: 1, err: 'lotline: There is no serial NOPE of item PUMP-PX2' });
  });
});

describe('lotline demo --scale', () => {
  it('generates a synthetic plant into a new file and refuses an existing one', async () => {
    const file = join(dir, 'scale.db');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runCli(['--db', file, 'demo', '--scale', 'quick', '--seed', '3'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^Synthetic plant \(quick, seed 3\) in .*: \d+ lots, \d+ serials, \d+ lineage edges/);
    expect(err.at(-1)).toBe('generating: day 30 of 30 (100%)');
    expect(await runCli(['--db', file, 'demo', '--scale', 'quick'], io)).toBe(1);
    expect(await runCli(['--db', file, 'demo', '--scale', 'huge'], io)).toBe(2);
  }, 120_000);
});
