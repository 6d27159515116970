// `lotline fsma204` on a real database file: the spreadsheet written, --lot by GS1 data, and refusals
// (exit 2 on bad arguments, exit 1 when the export itself cannot be done) in plain words.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { miniPlant, tempApi } from '../api/test-plant';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'lotline-cli-fsma-'));
let db = '';
let resin = '';

beforeAll(async () => {
  const t = tempApi();
  resin = (await miniPlant(t)).resin;
  await t.call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 10 });
  await t.call('workOrders.produce', { workOrder: 'WO-1', quantity: 10, lot: 'B-1', components: [{ ref: resin, quantity: '0.5' }] });
  t.api.close();
  db = t.dbPath;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const today = new Date().toISOString().slice(0, 10);
const range = ['--from', '2000-01-01', '--to', '2100-12-31'];

it('writes the CSV and the xlsx and says what it wrote', async () => {
  const csv = join(dir, 'all.csv');
  const done = await cli('fsma204', ...range, '--out', csv);
  expect(done.code, done.err).toBe(0);
  expect(done.out).toBe(`Wrote 4 CTE rows to ${csv} (3 receiving, 1 transformation, 0 shipping) for 2000-01-01 to 2100-12-31`);
  const lines = readFileSync(csv, 'utf8').split('\r\n');
  expect(lines[0]).toMatch(/^\uFEFFCritical Tracking Event,Event Date,Traceability Lot Code,/);
  expect(lines.filter((l) => l.startsWith('Receiving,')).map((l) => l.split(',')[2]).sort()).toEqual(['C-1', 'D-1', 'S-1']);
  const xlsx = join(dir, 'bottle.XLSX');
  const traced = await cli('fsma204', ...range, '--lot', `(01)09506000134369(10)B-1`, '--out', xlsx, '--json');
  expect(traced.code, traced.err).toBe(0);
  expect(JSON.parse(traced.out)).toMatchObject({ format: 'xlsx', rows: 2, byCte: { Receiving: 1, Transformation: 1, Shipping: 0 }, traceUnits: 2 });
  expect(existsSync(xlsx)).toBe(true);
});

it('exits 2 with a clear reason on bad arguments, and writes nothing', async () => {
  const cases: [string[], string][] = [
    [['--from', '2026-02-30', '--to', today, '--out', join(dir, 'a.csv')], 'lotline: --from: 2026-02-30 is not a calendar date'],
    [['--from', '1/3/2026', '--to', today, '--out', join(dir, 'a.csv')], 'lotline: --from: "1/3/2026" is not a date; give it as YYYY-MM-DD, e.g. 2026-03-01'],
    [['--from', '2026-03-02', '--to', '2026-03-01', '--out', join(dir, 'a.csv')], 'lotline: --from 2026-03-02 is after --to 2026-03-01; the range would be empty'],
    [[...range, '--out', join(dir, 'a.pdf')], `lotline: --out: ${join(dir, 'a.pdf')} must end in .xlsx or .csv (the format is taken from the name)`],
    [[...range, '--out', join(dir, 'missing', 'a.csv')], `lotline: --out: the folder ${join(dir, 'missing')} does not exist`],
    [[...range, '--lot', 'NO SUCH THING', '--out', join(dir, 'a.csv')], 'lotline: --lot NO SUCH THING:'],
    [['--to', today, '--out', join(dir, 'a.csv')], "lotline: required option '--from <date>' not specified"],
  ];
  mkdirSync(join(dir, 'folder.csv'));
  cases.push([[...range, '--out', join(dir, 'folder.csv')], `lotline: --out: ${join(dir, 'folder.csv')} is a folder; name the spreadsheet file to write`]);
  for (const [args, message] of cases) {
    const r = await cli('fsma204', ...args);
    expect([r.code, r.err.slice(0, message.length)], args.join(' ')).toEqual([2, message]);
  }
  expect(existsSync(join(dir, 'a.csv'))).toBe(false);
});

it('exits 1 when the lot or the database does not exist', async () => {
  const lot = await cli('fsma204', ...range, '--lot', 'BOTTLE:NOPE', '--out', join(dir, 'b.csv'));
  expect(lot.code).toBe(1);
  expect(lot.err).toMatch(/^lotline: .*NOPE/);
  expect(existsSync(join(dir, 'b.csv'))).toBe(false);
  const out: string[] = [];
  const missing = join(dir, 'none.db');
  const code = await runCli(['--db', missing, 'fsma204', ...range, '--out', join(dir, 'c.csv')], { out: (t) => out.push(t), err: (t) => out.push(t) });
  expect([code, out.join('')]).toEqual([1, `lotline: There is no trace database at ${missing}; create it with \`lotline init\` or name it with --db`]);
});
