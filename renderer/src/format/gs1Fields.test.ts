import { describe, expect, it } from 'vitest';
import { decodeScan, identityLabel } from './gs1Fields';
import { looksLikeGs1, readScan, showScan } from './scanText';

const GS = '\x1D';

describe('decodeScan', () => {
  it('decodes a DataMatrix scan field by field, with dates written out and check digits confirmed', () => {
    const result = decodeScan(`]d20109506000134352172705311026-117${GS}21PX-1`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.symbologyLabel).toBe('GS1 DataMatrix (]d2)');
    expect(result.form).toBe('element-string');
    expect(result.fields.map((f) => [f.ai, f.value])).toEqual([
      ['01', '09506000134352'],
      ['17', '270531'],
      ['10', '26-117'],
      ['21', 'PX-1'],
    ]);
    expect(result.fields[0]!.meaning).toEqual(['check digit 2 ✓']);
    expect(result.fields[0]!.name).toBe('Global Trade Item Number (GTIN)');
    expect(result.fields[1]!.meaning).toEqual(['31 May 2027 (2027-05-31)']);
    expect(result.identity).toEqual({ gtin: '09506000134352', lot: '26-117', serial: 'PX-1' });
    expect(result.canonical.bracketed).toBe('(01)09506000134352(17)270531(10)26-117(21)PX-1');
    expect(result.canonical.elementString).toBe(`0109506000134352172705311026-117${GS}21PX-1`);
    expect(result.canonical.digitalLink).toEqual({ ok: true, value: 'https://id.gs1.org/01/09506000134352/10/26-117/21/PX-1?17=270531' });
    expect(result.canonical.epcUrn.ok).toBe(true);
  });

  it('reads day 00 of an expiry date as the last day of the month', () => {
    const result = decodeScan('(01)09506000134352(17)270200(10)A1');
    expect(result.ok && result.fields[1]!.meaning).toEqual(['28 February 2027 (day 00: the last day of the month)']);
  });

  it('places the implied decimal point of a measure', () => {
    const result = decodeScan('(01)09506000134352(3102)001250');
    expect(result.ok && result.fields[1]!.meaning).toEqual(['12.50']);
  });

  it('reads the Alt+029 artefact and <GS> as separators', () => {
    expect(decodeScan('0109506000134352' + '10A1\u219421X9').ok).toBe(true);
    expect(decodeScan('0109506000134352' + '10A1<GS>21X9').ok).toBe(true);
  });

  it('gives the reason for an invalid scan, naming the AI and the rule', () => {
    const bad = decodeScan('(01)09506000134353(10)A1');
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('AI 01') });
    expect(!bad.ok && bad.error).toMatch(/check digit should be 2/);
    const month = decodeScan('(01)09506000134352(17)271301');
    expect(!month.ok && month.error).toMatch(/AI 17: month 13/);
  });

  it('labels an identity', () => {
    expect(identityLabel({ gtin: '09506000134352', lot: 'A1' })).toBe('GTIN 09506000134352 · Lot A1');
  });
});

describe('scan text in fields', () => {
  it('shows GS as ↔ and reads it back', () => {
    expect(showScan(`10A1${GS}21X`)).toBe('10A1\u219421X');
    expect(readScan('10A1\u219421X')).toBe(`10A1${GS}21X`);
    expect(readScan(showScan('PUMP-2#PX-1'))).toBe('PUMP-2#PX-1');
  });

  it('tells GS1 data from typed references', () => {
    expect(looksLikeGs1('(01)09506000134352(10)A1')).toBe(true);
    expect(looksLikeGs1(']d2010950600013435210A1')).toBe(true);
    expect(looksLikeGs1('https://id.gs1.org/01/09506000134352/10/A1')).toBe(true);
    expect(looksLikeGs1('urn:epc:id:sgtin:9506000.013435.PX1')).toBe(true);
    expect(looksLikeGs1('010950600013435210A1')).toBe(true);
    expect(looksLikeGs1('PUMP-2#PX-1')).toBe(false);
    expect(looksLikeGs1('WO-26156')).toBe(false);
  });
});
