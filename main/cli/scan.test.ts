// `lotline scan listen` on a real pty (socat): scans written into the other end come out as JSON lines, and
// --count ends the command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ptyPair, scannerEnd, until } from '../devices/scanners/socat.test-support';
import type { ScanEvent } from '../devices/scanners/types';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'lotline-cli-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GS = '\x1d';

function listen(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(['scan', 'listen', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

it('prints each scan, refusal, duplicate and discarded frame as a JSON line, and stops after --count', async () => {
  const pty = await ptyPair(join(dir, 'scanner'), join(dir, 'host'));
  try {
    const run = listen('--serial', pty.scanner, '--json', '--count', '5', '--suffix', 'crlf');
    await until(() => run.out.some((l) => l.includes('"state":"connected"')) || run.err.length > 0, 'the scanner to connect');
    expect(run.err).toEqual([]);
    const host = await scannerEnd(pty.host);
    await host.send(`]d20109501101530003172612311024-117${GS}21SN0042\r\nRES-PC:24-`);
    await host.send('117\r\nRES-PC:24-117\r\nnot a code\r\nAB\x07C\r\n');
    expect(await run.code).toBe(0);
    await host.close();
    const events = run.out.map((l) => JSON.parse(l) as ScanEvent);
    expect(events.map((e) => e.type)).toEqual(['state', 'state', 'scan', 'scan', 'duplicate', 'scan', 'problem', 'state']);
    expect(events.map((e) => (e.type === 'state' ? e.state : ''))).toEqual(['connecting', 'connected', '', '', '', '', '', 'closed']);
    const [, , gs1, lot, dup, refused, problem] = events;
    expect(gs1).toMatchObject({ scan: { kind: 'unit', aim: ']d2', raw: `]d20109501101530003172612311024-117${GS}21SN0042`, identity: { by: 'gtin', kind: 'serial', gtin: '09501101530003', code: 'SN0042' } } });
    expect(lot).toMatchObject({ scan: { kind: 'unit', device: `serial:${pty.scanner}`, identity: { by: 'part', kind: 'lot', part: 'RES-PC', code: '24-117' } } });
    expect(dup).toMatchObject({ type: 'duplicate', message: expect.stringMatching(/^Same barcode as \d+\.\d s ago on this scanner: ignored as a duplicate \(window 1\.5 s\)$/) });
    expect(refused).toMatchObject({ scan: { kind: 'unknown', problem: expect.stringMatching(/^"not a code" is not a barcode Lotline reads/) } });
    expect(problem).toMatchObject({ problem: 'Line noise: control byte 0x07 at position 3 of the frame; discarded' });
  } finally {
    await pty.close();
  }
});

it('prints text without --json, and says why a port cannot be opened', async () => {
  const pty = await ptyPair(join(dir, 'scanner2'), join(dir, 'host2'));
  try {
    const run = listen('--serial', pty.scanner, '--count', '2', '--suffix', 'none', '--timeout', '60');
    await until(() => run.err.some((l) => l.endsWith(`scanner serial:${pty.scanner} connected`)), 'the scanner to connect');
    const host = await scannerEnd(pty.host);
    await host.send('WO-26101');
    await until(() => run.out.length === 1, 'the first scan');
    await host.send(']C1000950110153000000');
    expect(await run.code).toBe(0);
    await host.close();
    expect(run.out).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} {2}work order WO-26101$/), expect.stringMatching(/ {2}REFUSED {4}\]C1000950110153000000: Not valid GS1 data: /)]);
  } finally {
    await pty.close();
  }
  const missing = listen('--serial', join(dir, 'nothing'));
  expect(await missing.code).toBe(1);
  expect(missing.err.at(-1)).toBe(`lotline: Serial port ${join(dir, 'nothing')} is not there (unplugged, or a wrong path)`);
  const bad = listen('--serial', '/dev/x', '--suffix', 'tab');
  expect(await bad.code).toBe(2);
  expect(bad.err.at(-1)).toMatch(/"tab" is not a frame suffix/);
});
