// Every way a person or a scanner names a lot or serial, and the reason when the text names none.
import { describe, expect, it } from 'vitest';
import { toDigitalLink, toElementString, toEpcUrn, GS } from './gs1';
import { parseUnitIdentity } from './refs';

const lotElements = [
  { ai: '01', value: '09506000134369' },
  { ai: '10', value: '26-001' },
];

describe('parseUnitIdentity', () => {
  it('reads PART:LOT and PART#SERIAL as before', () => {
    expect(parseUnitIdentity('RESIN:R001')).toEqual({ by: 'part', kind: 'lot', part: 'RESIN', code: 'R001' });
    expect(parseUnitIdentity(' PUMP#P-0001 ')).toEqual({ by: 'part', kind: 'serial', part: 'PUMP', code: 'P-0001' });
  });

  it('reads a GTIN with its lot from every GS1 form', () => {
    const dl = toDigitalLink(lotElements, {});
    const urn = toEpcUrn(lotElements, { companyPrefixLength: 7 });
    if (!dl.ok || !urn.ok) throw new Error('formatting failed');
    const forms = {
      bracketed: '(01)09506000134369(10)26-001',
      'element string with AIM and GS': `]d2${toElementString(lotElements, {})}`,
      'element string with ^': `^${toElementString(lotElements, { separator: '^' })}`,
      'digital link': dl.value,
      'EPC class URN': urn.value,
    };
    for (const [name, text] of Object.entries(forms)) {
      expect(parseUnitIdentity(text), name).toMatchObject({ by: 'gtin', kind: 'lot', gtin: '09506000134369', code: '26-001' });
    }
  });

  it('takes the serial when a barcode carries both a lot and a serial', () => {
    expect(parseUnitIdentity(`0109506000134352${'10'}L1${GS}21PX-000231`)).toMatchObject({ by: 'gtin', kind: 'serial', code: 'PX-000231' });
  });

  it('says why a barcode names no lot or serial', () => {
    expect(parseUnitIdentity('(01)09506000134352')).toBe('GTIN 09506000134352 names an item but no lot (AI 10) or serial (AI 21)');
    expect(parseUnitIdentity('(00)106141411234567897')).toMatch(/^SSCC 106141411234567897 names a logistic unit/);
    expect(parseUnitIdentity('(01)09506000134353(10)A')).toBe('Not a valid GS1 barcode: AI 01: check digit should be 2');
    expect(parseUnitIdentity('(17)261331(10)A')).toMatch(/^Not a valid GS1 barcode: AI 17: month 13/);
    expect(parseUnitIdentity('RESIN')).toMatch(/is not a lot or serial reference/);
  });
});
