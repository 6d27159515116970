// `lotline record ebr|dhr|coa REF --out FILE.pdf` and `lotline record verify FILE.pdf` on a real database file:
// files written, verification passing, then failing with the difference named after the database changed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { plant } from '../labels/label-plant.test-support';
import { labelPlantCli } from './label-plant-cli.test-support';

const { dir, cli } = labelPlantCli('record');

it('writes each record kind and verifies it', async () => {
  for (const [kind, ref, id] of [
    ['ebr', plant.fgLot, 'WO-26011'],
    ['dhr', plant.serial, plant.serial],
    ['coa', plant.fgLot, plant.fgLot],
  ] as const) {
    const file = join(dir, `${kind}.pdf`);
    const made = await cli('record', kind, ref, '--out', file);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(new RegExp(`^Wrote the .* ${id.replace(/[#:]/g, '.')} to .*: \\d+ page\\(s\\), [\\d,]+ bytes, record data SHA-256 [0-9a-f]{64}$`));
    expect(readFileSync(file).subarray(0, 8).toString()).toBe('%PDF-1.7');
    const checked = await cli('record', 'verify', file);
    expect(checked.code, checked.out + checked.err).toBe(0);
    expect(checked.out).toContain(`Record PDF verified: ${kind} ${id}.`);
  }
});

it('exits 1 naming what changed in the database since the PDF was made', async () => {
  const file = join(dir, 'coa-before-hold.pdf');
  expect((await cli('record', 'coa', plant.fgLot, '--out', file)).code).toBe(0);
  expect((await cli('call', 'units.setStatus', JSON.stringify({ ref: plant.fgLot, status: 'on_hold', reason: 'customer complaint' }))).code).toBe(0);
  const checked = await cli('record', 'verify', file);
  expect(checked.code).toBe(1);
  expect(checked.out).toContain(`Record PDF NOT verified (coa ${plant.fgLot})`);
  expect(checked.out).toMatch(/content\.lot\.status: "?quarantine"? → "?on_hold"?|content\.lot\.status: \w+ → on_hold/);
});

it('refuses a record of the wrong kind of unit with exit 2, writing nothing', async () => {
  const file = join(dir, 'serial-coa.pdf');
  const refused = await cli('record', 'coa', plant.serial, '--out', file);
  expect(refused.code).toBe(2);
  expect(refused.err).toBe(`lotline: Serial PX-000231 of PUMP-PX2 is a serial; a certificate of analysis is for a lot (a serial has its device history record, dhr)`);
  expect(existsSync(file)).toBe(false);
});
