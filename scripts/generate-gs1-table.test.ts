// The committed AI table is exactly what the generator makes from the dictionary, and the generator reads the
// dictionary's lines as the dictionary defines them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DICTIONARY_PATH, generateTable, parseDictionary, TABLE_PATH } from './generate-gs1-table';

const dictionary = readFileSync(DICTIONARY_PATH, 'utf8');

describe('generate-gs1-table', () => {
  it('common/gs1/ai-table.generated.ts is up to date (run `npm run gs1:table`)', () => {
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(generateTable(dictionary));
  });

  it('keeps the Apache-2.0 attribution of the dictionary', () => {
    const table = generateTable(dictionary);
    expect(table).toContain('// Copyright (c) 2021-2025 GS1 AISBL');
    expect(table).toContain('// Licensed under the Apache License, Version 2.0');
  });

  it('expands ranges and reads flags, components, linters and attributes', () => {
    const entries = parseDictionary(dictionary);
    const lines = dictionary.split('\n').filter((l) => /^\d/.test(l));
    const expected = lines.reduce((n, l) => {
      const [from = '', to] = (l.split(/\s+/)[0] ?? '').split('-');
      return n + (to ? Number(to) - Number(from) + 1 : 1);
    }, 0);
    expect(entries).toHaveLength(expected);
    const byAi = new Map(entries.map((e) => [e.ai, e]));
    expect(byAi.get('3103')).toMatchObject({ predefinedLength: true, dlAttribute: true, minLength: 6, maxLength: 6, req: [[['01'], ['02']]], ex: [['310n']] });
    expect(byAi.get('01')).toMatchObject({ dlPrimaryKey: [['22', '10', '21'], ['235']], components: [{ charset: 'N', min: 14, max: 14, linters: ['csum'], unchecked: ['gcppos2'] }] });
    expect(byAi.get('250')?.req).toEqual([[['01', '21'], ['03', '21'], ['8006', '21']]]);
    expect(byAi.get('423')?.components.map((c) => [c.optional, c.linters])).toEqual([[false, ['iso3166']], ...Array.from({ length: 4 }, () => [true, ['iso3166']])]);
    expect(byAi.get('10')).toMatchObject({ predefinedLength: false, minLength: 1, maxLength: 20, title: 'BATCH/LOT' });
    expect(byAi.get('99')?.title).toBe('INTERNAL');
  });

  it('refuses a dictionary line it cannot read, and a linter it neither checks nor lists', () => {
    expect(() => parseDictionary('01  *  Q14  # GTIN')).toThrow(/no data components/);
    expect(() => parseDictionary('01  *  N14,newlinter  # GTIN')).toThrow(/linter newlinter/);
  });
});
