// `lotline gs1 parse`: the AIs of a scan as a table or JSON, and exit 1 with the reason on invalid data. No database.
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lotline gs1 parse', () => {
  it('prints the AIs of a DataMatrix scan with their meanings', async () => {
    const r = await cli('gs1', 'parse', ']d201095060001343521724123110A1B2\x1D21SER1');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('GS1 element string (symbology identifier ]d2, DM): 4 AIs');
    expect(lines[2]).toMatch(/^AI\s+meaning\s+value$/);
    expect(lines.slice(4, 8)).toEqual([
      expect.stringMatching(/^01\s+GTIN\s+09506000134352$/),
      expect.stringMatching(/^17\s+USE BY or EXPIRY\s+241231$/),
      expect.stringMatching(/^10\s+BATCH\/LOT\s+A1B2$/),
      expect.stringMatching(/^21\s+SERIAL\s+SER1$/),
    ]);
    expect(r.out).toContain('Identifies: GTIN 09506000134352, lot A1B2, serial SER1');
    expect(r.out).toContain('Digital Link: https://id.gs1.org/01/09506000134352/10/A1B2/21/SER1?17=241231');
  });

  it('gives JSON with --json, for every form', async () => {
    for (const data of ['(01)09506000134352(10)A1B2', 'https://example.com/01/09506000134352/10/A1B2', 'urn:epc:class:lgtin:9506000.013435.A1B2']) {
      const r = await cli('gs1', 'parse', data, '--json');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as { ok: boolean; form: string; elements: { ai: string; value: string }[]; identity: unknown; bracketed: string };
      expect(json).toMatchObject({ ok: true, elements: [{ ai: '01', value: '09506000134352', title: 'GTIN' }, { ai: '10', value: 'A1B2', title: 'BATCH/LOT' }], identity: { gtin: '09506000134352', lot: 'A1B2' }, bracketed: '(01)09506000134352(10)A1B2' });
    }
  });

  it('exits 1 with the reason on invalid data', async () => {
    expect(await cli('gs1', 'parse', '(01)09506000134352(17)241331(10)A1B2')).toEqual({ code: 1, out: '', err: 'lotline: Not valid GS1 data: AI 17: month 13 is not a month' });
    expect(await cli('gs1', 'parse', '(01)09506000134353')).toEqual({ code: 1, out: '', err: 'lotline: Not valid GS1 data: AI 01: check digit should be 2' });
    const json = await cli('gs1', 'parse', '(21)SER1', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual({ ok: false, error: 'AI 21 requires AI 01, 03 or 8006' });
    expect(json.err).toBe('lotline: Not valid GS1 data: AI 21 requires AI 01, 03 or 8006');
  });

  it('needs the data argument (exit 2, like any bad usage)', async () => {
    expect(await cli('gs1', 'parse')).toMatchObject({ code: 2, err: expect.stringMatching(/missing required argument/) });
  });
});
