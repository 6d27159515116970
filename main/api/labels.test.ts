// Editing label templates through the one door, on a real database file: a save is a new version audited with who,
// when and why, labels are rendered from it (the barcode decoded from the PNG proves it), a revert goes back to the
// shipped template the same way, and broken or stale edits are refused with every issue and its place.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RenderedLabel } from '../../common/api/labels';
import { reprintReasonNeededFor } from '../../common/api/printing';
import type { LabelTemplate } from '../../common/labels/template';
import { tcpPrinter } from '../devices/printers/fake-printer.test-support';
import { decodePng } from '../labels/barcode-reader.test-support';
import { labelPlant, plant } from '../labels/label-plant.test-support';
import { stopZplPreview } from '../labels/preview';
import { tempApi } from './test-plant';
import type { TestApi } from './test-plant';

let t: TestApi;
let shippedUdi: LabelTemplate;

beforeAll(async () => {
  t = tempApi();
  await labelPlant(t);
  shippedUdi = (await t.call('labels.template', { name: 'udi' })).definition;
});
afterAll(async () => {
  await stopZplPreview();
  t.close();
});

const SHIPPED_UDI_DATA = '(01)09506000134352(11)260303(10)WO-26013(21)PX-000231';

async function renderUdi(format: 'zpl' | 'png', extra: Record<string, unknown> = { template: 'udi' }): Promise<RenderedLabel> {
  return await t.call('labels.render', { ref: plant.serial, format, ...extra });
}

/** The shipped udi template with a different title line and without the production date (11) in its DataMatrix. */
function editedUdi(): LabelTemplate {
  const copy = structuredClone(shippedUdi);
  copy.title = 'UDI serial label (no production date)';
  copy.elements = copy.elements.map((e) => {
    if (e.type === 'text' && e.text === 'REF {{item.part}}') return { ...e, text: 'CAT {{item.part}}' };
    if (e.type === 'datamatrix' && e.gs1) return { ...e, gs1: e.gs1.filter((g) => g.ai !== '11') };
    return e;
  });
  return copy;
}

it('lists the shipped templates at version 0 until one is edited', async () => {
  const list = await t.call('labels.templates', {});
  expect(list.map((s) => [s.name, s.source, s.version])).toEqual([
    ['raw-lot', 'shipped', 0],
    ['fg-lot', 'shipped', 0],
    ['udi', 'shipped', 0],
    ['sscc', 'shipped', 0],
  ]);
});

it('refuses a broken template with every issue at its place, and a save without a reason', async () => {
  const broken = structuredClone(shippedUdi) as unknown as { elements: Record<string, unknown>[] };
  broken.elements[0] = { ...broken.elements[0], x: 'left' };
  broken.elements[1] = { ...broken.elements[1], text: 'REF {{item.colour}}' };
  broken.elements.push({ type: 'circle', x: 1, y: 1 });
  const refusal = await t.refuse('labels.saveTemplate', { definition: broken, reason: 'try a broken one' });
  expect(refusal).toMatchObject({
    code: 'VALIDATION',
    message: 'Label template udi: elements.0.x: Invalid input: expected number, received string (and 1 more)',
  });
  expect(refusal.details).toEqual({
    issues: [
      { path: 'elements.0.x', message: 'Invalid input: expected number, received string' },
      { path: `elements.${broken.elements.length - 1}.type`, message: expect.stringMatching(/^Invalid discriminator value/) },
    ],
  });
  // Placeholders are checked once the shape is right, each at its own place.
  const unknownField = structuredClone(shippedUdi);
  unknownField.elements[1] = { type: 'text', x: 3, y: 8.5, size: 2.8, text: 'REF {{item.colour}}' };
  expect(await t.refuse('labels.saveTemplate', { definition: unknownField, reason: 'unknown field' })).toMatchObject({
    code: 'VALIDATION',
    details: { issues: [{ path: 'elements.1.text', message: expect.stringMatching(/^\{\{item\.colour\}\} is not label data/) }] },
  });
  // The same check answers a preview of an unsaved edit.
  expect(await t.refuse('labels.render', { definition: unknownField, ref: plant.serial })).toMatchObject({
    code: 'VALIDATION',
    details: { issues: [{ path: 'elements.1.text' }] },
  });
  expect(await t.refuse('labels.saveTemplate', { definition: editedUdi(), reason: '' })).toMatchObject({
    code: 'VALIDATION',
    message: 'reason: must say why (at least 3 characters)',
  });
  expect(await t.refuse('labels.saveTemplate', { definition: { ...editedUdi(), name: 'udi-2' }, reason: 'a new template' })).toMatchObject({
    code: 'VALIDATION',
    message: expect.stringContaining('"udi-2" is not one of raw-lot, fg-lot, udi, sscc'),
  });
  expect(await t.refuse('labels.saveTemplate', { definition: shippedUdi, reason: 'no change' })).toMatchObject({
    code: 'CONFLICT',
    message: 'Label template udi is the same as the shipped template; change something first',
  });
  expect(await t.call('labels.template', { name: 'udi' })).toMatchObject({ source: 'shipped', version: 0, history: [] });
});

it('previews an unsaved edit, saves it as version 1 audited with the reason, and renders labels from it', async () => {
  const before = await renderUdi('zpl');
  const preview = await renderUdi('png', { definition: editedUdi() });
  expect((await decodePng(Buffer.from(preview.content, 'base64'))).map((d) => d.text)).toEqual([
    '(01)09506000134352(10)WO-26013(21)PX-000231',
  ]);
  // Previewing saved nothing.
  expect((await renderUdi('zpl')).content).toBe(before.content);

  const saved = await t.call('labels.saveTemplate', {
    definition: editedUdi(),
    reason: 'Customer asks for CAT instead of REF',
    expectedVersion: 0,
  });
  expect(saved).toMatchObject({ name: 'udi', title: 'UDI serial label (no production date)', source: 'edited', version: 1 });
  expect(saved.history).toEqual([
    { version: 1, source: 'edited', at: expect.any(String), by: 'tester', reason: 'Customer asks for CAT instead of REF' },
  ]);
  expect(saved.shipped).toEqual(shippedUdi);

  const zpl = await renderUdi('zpl');
  expect(zpl.content).not.toBe(before.content);
  expect(zpl.content).toContain('CAT PUMP-PX2');
  expect(zpl.content).not.toContain('REF PUMP-PX2');
  const png = await renderUdi('png');
  expect(png.zpl).toBe(zpl.content);
  expect((await decodePng(Buffer.from(png.content, 'base64'))).map((d) => d.text)).toEqual(['(01)09506000134352(10)WO-26013(21)PX-000231']);

  const [trail] = await t.call('audit.list', { entity: 'label_templates', limit: 5 });
  expect(trail).toMatchObject({
    actor: 'tester',
    action: 'create',
    reason: 'Customer asks for CAT instead of REF',
    newValues: { name: 'udi', version: 1, created_by: 'tester' },
  });
  expect(await t.call('audit.verify', {})).toMatchObject({ ok: true });
  const list = await t.call('labels.templates', {});
  expect(list.find((s) => s.name === 'udi')).toMatchObject({ source: 'edited', version: 1 });
});

it('refuses a save or revert from a stale version, naming who changed it', async () => {
  const again = editedUdi();
  again.title = 'Someone else’s edit';
  expect(
    await t.refuse('labels.saveTemplate', { definition: again, reason: 'edited from the shipped one', expectedVersion: 0 }),
  ).toMatchObject({
    code: 'CONFLICT',
    message: expect.stringMatching(
      /^Label template udi was changed since you opened it: it is at version 1 by tester at .* UTC \(Customer asks for CAT instead of REF\), you edited version 0/,
    ),
    details: { version: 1 },
  });
  expect(await t.refuse('labels.saveTemplate', { definition: editedUdi(), reason: 'same again' })).toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('already saved exactly like this (version 1)'),
  });
  expect(await t.refuse('labels.revertTemplate', { name: 'udi', reason: 'back', expectedVersion: 0 })).toMatchObject({ code: 'CONFLICT' });
});

it('reverts to the shipped template as version 2, audited, and renders the shipped label again', async () => {
  const reverted = await t.call('labels.revertTemplate', { name: 'udi', reason: 'Customer withdrew the request', expectedVersion: 1 });
  expect(reverted).toMatchObject({ source: 'shipped', version: 2, title: shippedUdi.title, definition: shippedUdi });
  expect(reverted.history.map((h) => [h.version, h.source, h.reason])).toEqual([
    [2, 'shipped', 'Customer withdrew the request'],
    [1, 'edited', 'Customer asks for CAT instead of REF'],
  ]);
  const png = await renderUdi('png');
  expect(png.zpl).toContain('REF PUMP-PX2');
  expect((await decodePng(Buffer.from(png.content, 'base64'))).map((d) => d.text)).toEqual([SHIPPED_UDI_DATA]);
  expect(await t.refuse('labels.revertTemplate', { name: 'udi', reason: 'again' })).toMatchObject({
    code: 'CONFLICT',
    message: 'Label template udi is already the shipped template; there is nothing to revert',
  });
  expect(await t.refuse('labels.revertTemplate', { name: 'nope', reason: 'no such' })).toMatchObject({ code: 'NOT_FOUND' });
  const trail = await t.call('audit.list', { entity: 'label_templates' });
  expect(trail.map((r) => [r.newValues.version, r.newValues.definition === null, r.reason])).toEqual([
    [2, true, 'Customer withdrew the request'],
    [1, false, 'Customer asks for CAT instead of REF'],
  ]);
  expect(await t.call('audit.verify', {})).toMatchObject({ ok: true });
});

it('keeps every stored version as it was: the file refuses changes and deletions, and audit verify catches a version edited behind its back', async () => {
  const db = new Database(t.dbPath);
  try {
    expect(() => db.prepare(`UPDATE label_templates SET reason = 'rewritten' WHERE version = 1`).run()).toThrow(
      'A label template version is fixed once saved; save a new version instead',
    );
    expect(() => db.prepare('DELETE FROM label_templates').run()).toThrow(
      'Label template versions are part of the record and cannot be deleted',
    );
    db.exec('DROP TRIGGER label_templates_fixed');
    db.prepare(`UPDATE label_templates SET reason = 'rewritten' WHERE version = 1`).run();
  } finally {
    db.close();
  }
  const verify = await t.call('audit.verify', {});
  expect(verify.ok).toBe(false);
  expect(verify.problems).toContainEqual(expect.objectContaining({ kind: 'record', entity: 'label_templates' }));
});

it('prints a rendered label to a loopback printer; printing the same label again asks for a reprint reason', async () => {
  const fake = await tcpPrinter();
  try {
    const printer = `tcp://127.0.0.1:${fake.port}`;
    const zpl = (await renderUdi('zpl')).content;
    const job = await t.call('printing.print', { printer, zpl, template: 'udi', ref: plant.serial });
    expect(job).toMatchObject({ state: 'printed', template: 'udi', ref: plant.serial, reprint: null });
    expect(fake.printer.labels).toBe(zpl);
    const again = await t.refuse('printing.print', { printer, zpl, template: 'udi', ref: plant.serial });
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('a reprint needs a reason') });
    expect(reprintReasonNeededFor(again.details)).toBe(job.id);
    const reprint = await t.call('printing.print', { printer, zpl, template: 'udi', ref: plant.serial, reprintReason: 'label smudged' });
    expect(reprint).toMatchObject({ state: 'printed', reprint: { of: job.id, reason: 'label smudged' } });
    expect(fake.printer.labels).toBe(zpl + zpl);
  } finally {
    await fake.close();
  }
});
