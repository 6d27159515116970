// Templates are data: the schema and the binding check refuse a broken one with the template and the place named.
import { expect, it } from 'vitest';
import { parseTemplate } from './templates';

const base = { name: 'test', title: 'Test', description: '', subject: 'lot', widthMm: 50, heightMm: 25 };

it.each([
  [{ elements: [{ type: 'text', x: 1, y: 1, size: 3, text: '{{lot.colour}}' }] }, /^Label template test: elements\.0\.text: \{\{lot\.colour\}\} is not label data \(known: item\.part, /],
  [{ elements: [{ type: 'text', x: 1, y: 1, size: 3, text: '{{lot.expiry|ddmmyy}}' }] }, /^Label template test: elements\.0\.text: "ddmmyy" is not a filter \(known: yymmdd, upper\)$/],
  [{ elements: [{ type: 'text', x: 1, y: 1, size: 3, text: 'Lot {{lot code}}' }] }, /has a placeholder that is not \{\{owner\.name\}\}/],
  [{ elements: [{ type: 'hri', of: 'dm', x: 1, y: 1, size: 3, width: 40 }] }, /^Label template test: elements\.0\.of: no barcode has id "dm"$/],
  [{ elements: [{ type: 'box', x: 60, y: 1, width: 1, height: 1, thickness: 1 }] }, /^Label template test: elements\.0: starts outside the 50 × 25 mm label$/],
  [{ elements: [{ type: 'datamatrix', x: 1, y: 1, module: 0.5 }] }, /a datamatrix carries either gs1 elements or text, not both/],
  [{ elements: [{ type: 'gs1-128', x: 1, y: 1, module: 0.25, height: 10, gs1: [{ ai: '1', value: 'x' }] }] }, /must be a GS1 Application Identifier/],
])('refuses %j', (template, message) => {
  expect(() => parseTemplate({ ...base, ...template })).toThrow(message);
});

it('accepts a small valid template', () => {
  const t = parseTemplate({ ...base, elements: [{ type: 'datamatrix', id: 'dm', x: 1, y: 1, module: 0.5, gs1: [{ ai: '01', value: '{{item.gtin}}' }] }, { type: 'hri', of: 'dm', x: 1, y: 15, size: 2, width: 45 }] });
  expect(t.elements).toHaveLength(2);
});
