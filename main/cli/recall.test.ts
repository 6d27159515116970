// `lotline recall …` on a database file holding the recall plant: a campaign opened as QA (signed with the password
// from $LOTLINE_PASSWORD), narrowed, contained and lifted, responses, status and closing; a drill with its report.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recallPlant } from '../api/recall-plant.test-support';
import { tempApi } from '../api/test-plant';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'lotline-cli-recall-'));
let db = '';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  const t = tempApi();
  await recallPlant(t);
  t.api.close();
  db = t.dbPath;
  process.env.LOTLINE_PASSWORD = 'qa1-pass-12';
}, 60_000);
afterAll(() => {
  delete process.env.LOTLINE_PASSWORD;
  rmSync(dir, { recursive: true, force: true });
});

describe('lotline recall', () => {
  it('opens a draft, narrows it with a signed rule, opens it signed, lifts a hold, records a response, monitors and closes', async () => {
    const draft = await cli('recall', 'open', 'RESIN:R001', '--title', 'Resin contamination', '--reason', 'Supplier notice 17', '--draft', '--json');
    expect(draft.code).toBe(0);
    const number = (JSON.parse(draft.out) as { number: string }).number;
    const scope = await cli('--user', 'qa1', 'recall', 'scope', number, '--rule', '{"kind":"customer","customers":["CUST2"]}', '--rationale', 'CUST2 scrapped its stock');
    expect(scope.code).toBe(0);
    expect(scope.out).toMatch(/8 lots and serials reached, 8 in scope, 7 finished, 5 in house; 2 shipment lines to 1 customers at 1 ship-to locations/);
    expect(scope.out).toMatch(/SH-B .* no \(rule 1\)/);
    const opened = await cli('--user', 'qa1', 'recall', 'open', number);
    expect(opened.out).toContain(`${number} — Resin contamination: open`);
    expect(opened.out).toContain('Holds: 5 active, 0 lifted');
    expect(opened.out).toMatch(/draft → open by qa1 \(signed qa1 approved\)/);
    const lifted = await cli('--user', 'qa1', 'recall', 'contain', number, '--lift', 'PUMP#P-0006', '--reason', 'Inspected: sealed bottle');
    expect(lifted.out).toMatch(/PUMP#P-0006\s+released\s+1 ea\s+final test passed/);
    expect(lifted.out).toContain(`held by recall ${number}`);
    const respond = await cli('recall', 'respond', number, 'CUST', '--ack', '--returned', '2');
    expect(respond.out).toBe(`${number}: CUST accounted 2 of 2 shipped (100.0 %); overall 100.0 %`);
    const status = await cli('--user', 'qa1', 'recall', 'status', number, '--monitor');
    expect(status.out).toContain(': monitoring');
    expect(status.out).toContain('Effectiveness overall: 2 accounted of 2 shipped = 100.0 %');
    expect(status.out).toContain('Mass balance: 2 lots, 0 with an unexplained difference');
    const closed = await cli('--user', 'qa1', 'recall', 'close', number);
    expect(closed.code).toBe(0);
    expect(closed.out).toMatch(/monitoring → closed by qa1 \(signed qa1 approved\)/);
  });

  it('writes letters and the consignee sheet; refuses a rule without a rationale', async () => {
    const opened = await cli('recall', 'open', 'BOTTLE:B-1', '--title', 'Bottles', '--reason', 'Seal defect', '--contain', 'none', '--json');
    const number = (JSON.parse(opened.out) as { number: string }).number;
    const letters = await cli('recall', 'letters', number, '--out', join(dir, 'letters'));
    expect(letters.out.split('\n').map((l) => l.split(':')[0])).toEqual(['CUST', 'CUST2']);
    expect(existsSync(join(dir, 'letters', `${number}-CUST2.pdf`))).toBe(true);
    expect((await cli('recall', 'consignees', number, '--out', join(dir, 'c.csv'))).out).toBe(`Wrote 4 consignee line(s) to ${join(dir, 'c.csv')}`);
    expect(await cli('recall', 'scope', number, '--rule', '{"kind":"product","parts":["PUMP"]}')).toMatchObject({ code: 2, err: expect.stringContaining('--rule needs --rationale') });
  });

  it('drill: starts, opens and reports a mock recall, printing the elapsed time and the figures', async () => {
    const r = await cli('recall', 'drill', 'RESIN:R001', '--out', join(dir, 'drill.pdf'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^RC-\d{4}-\d{3}: report complete \d+\.\d\d min after opening \(target 240 min: met\)$/m);
    expect(r.out).toContain('8 lots and serials reached, 8 in scope, 7 finished');
    expect(execFileSync('pdftotext', [join(dir, 'drill.pdf'), '-'], { encoding: 'utf8' })).toContain('Mock recall report');
    expect((await cli('recall', 'list', '--drills')).out).toMatch(/RC-\d{4}-\d{3}\s+recall\s+yes\s+open\s+Mock recall/);
  });
});
