// parseGs1 on each form a plant meets: scanner data with and without AIM identifiers and with every separator a
// scanner or keyboard wedge sends, bracketed text, Digital Link, EPC URNs; the messages of rejections; associations.
import { describe, expect, it } from 'vitest';
import { parseGs1, toBracketed, toDigitalLink, toElementString, toEpcUrn, traceIdentity } from './index';

const SCAN = '01095060001343521724123110A1B2\x1D21SER1';
const ELEMENTS = [
  { ai: '01', value: '09506000134352', title: 'GTIN' },
  { ai: '17', value: '241231', title: 'USE BY or EXPIRY' },
  { ai: '10', value: 'A1B2', title: 'BATCH/LOT' },
  { ai: '21', value: 'SER1', title: 'SERIAL' },
];

describe('parseGs1: scanner data', () => {
  it.each([
    [']d2', 'DM'],
    [']Q3', 'QR'],
    [']C1', 'GS1_128_CCA'],
    [']e0', 'DataBarExpanded'],
    [']J1', 'DotCode'],
  ])('strips and reports the AIM identifier %s', (aim, symbology) => {
    expect(parseGs1(aim + SCAN)).toEqual({ ok: true, form: 'element-string', aim, symbology, elements: ELEMENTS });
  });

  it.each([
    ['GS', '\x1D'],
    ['the ^ placeholder', '^'],
    ['literal <GS>', '<GS>'],
    ['↔ from a wedge typing Alt+29', '↔'],
  ])('reads %s as the separator, with or without FNC1 in first position', (_name, sep) => {
    const data = SCAN.replace('\x1D', sep);
    expect(parseGs1(data)).toEqual({ ok: true, form: 'element-string', elements: ELEMENTS });
    expect(parseGs1(sep + data)).toMatchObject({ ok: true, elements: ELEMENTS });
    expect(parseGs1(`]d2${data}${sep}`)).toMatchObject({ ok: true, elements: ELEMENTS });
  });

  it('ignores the Enter or Tab a wedge types after the scan', () => {
    expect(parseGs1(`]d2${SCAN}\r\n`)).toMatchObject({ ok: true, elements: ELEMENTS });
    expect(parseGs1(`${SCAN}\t`)).toMatchObject({ ok: true, elements: ELEMENTS });
  });

  it('cannot tell "0029" typed as digits (a wedge whose Alt code was not composed) from data: the lot swallows the serial', () => {
    // Why wedges must send GS, "^", "<GS>" or "↔": the digits are valid lot characters, so nothing can flag them.
    expect(parseGs1('01095060001343521724123110A1B2002921SER1')).toMatchObject({ ok: true, elements: [ELEMENTS[0], ELEMENTS[1], { ai: '10', value: 'A1B2002921SER1' }] });
  });

  it('reads an EAN-13 as a GTIN-14, and its composite part', () => {
    expect(parseGs1(']E09506000134352')).toEqual({ ok: true, form: 'element-string', aim: ']E0', symbology: 'EAN13', elements: [{ ai: '01', value: '09506000134352', title: 'GTIN' }] });
    expect(parseGs1(']E09506000134352|]e01724123110A1B2')).toMatchObject({ ok: true, elements: ELEMENTS.slice(0, 3) });
  });

  it('reads a Digital Link in a plain QR code, refuses plain text', () => {
    expect(parseGs1(']Q1https://example.com/01/09506000134352/10/A1B2/21/SER1?17=241231')).toMatchObject({ ok: true, form: 'digital-link', aim: ']Q1' });
    expect(parseGs1(']Q1TESTING')).toEqual({ ok: false, error: 'The ]Q1 scan holds plain text, not GS1 data' });
  });
});

describe('parseGs1: rejections name the AI and the rule', () => {
  it.each([
    ['(01)09506000134352(17)241331(10)A', 'AI 17: month 13 is not a month'],
    ['(01)09506000134352(17)250229(10)A', 'AI 17: day 29 is not a day of month 02 in 2025'],
    ['(01)09506000134353(10)A', 'AI 01: check digit should be 2'],
    ['(21)SER1', 'AI 21 requires AI 01, 03 or 8006'],
    ['(01)09506000134352(02)09506000134352', 'AI 02 cannot be used with AI 01'],
    ['(01)09506000134352(3103)000195(3102)001950', 'AI 3103 cannot be used with AI 3102'],
    ['(01)09506000134352(10)A(10)B', 'AI 10 appears twice with different values (A and B)'],
    ['(01)09506000134352(250)X', 'AI 250 requires AI 01 with 21, 03 with 21 or 8006 with 21'],
    ['(01)09506000134352(10)A~B', 'AI 10: character "~" at position 2 is not allowed (GS1 character set 82)'],
    ['(01)0950600013435', 'AI 01: too short (13 characters; 14 needed)'],
    ['(99)', 'AI 99: the value is empty'],
    ['(89)X', '(89) is not a GS1 Application Identifier'],
    ['0109506000134352891', 'No GS1 AI starts with "891" (position 17)'],
    ['', 'There is no data'],
  ])('%s → %s', (input, error) => {
    expect(parseGs1(input)).toEqual({ ok: false, error });
  });

  it('lets an AI repeat with the same value and never excludes an AI by its own pattern', () => {
    expect(parseGs1('(01)09506000134352(3103)000195(3103)000195')).toMatchObject({ ok: true });
  });

  it('checks associations only when asked', () => {
    expect(parseGs1('(21)SER1', { associations: false })).toEqual({ ok: true, form: 'bracketed', elements: [{ ai: '21', value: 'SER1', title: 'SERIAL' }] });
  });
});

describe('formatters', () => {
  it('write each form, exactly', () => {
    expect(toElementString(ELEMENTS)).toBe(SCAN);
    expect(toElementString(ELEMENTS, { separator: '^', prefix: '^' })).toBe('^01095060001343521724123110A1B2^21SER1');
    expect(toBracketed(ELEMENTS)).toBe('(01)09506000134352(17)241231(10)A1B2(21)SER1');
    expect(toBracketed([{ ai: '10', value: 'A(B' }])).toBe('(10)A\\(B');
    expect(toDigitalLink(ELEMENTS)).toEqual({ ok: true, value: 'https://id.gs1.org/01/09506000134352/10/A1B2/21/SER1?17=241231' });
    expect(toDigitalLink(ELEMENTS, { domain: 'https://brand.example.com/p/' })).toEqual({ ok: true, value: 'https://brand.example.com/p/01/09506000134352/10/A1B2/21/SER1?17=241231' });
    expect(toDigitalLink([{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'A/B C' }, { ai: '99', value: 'x y' }])).toEqual({ ok: true, value: 'https://id.gs1.org/01/09506000134352/10/A%2FB%20C?99=x+y' });
    expect(toDigitalLink([{ ai: '10', value: 'A' }])).toEqual({ ok: false, error: 'Digital Link: the data holds no GS1 primary key (GTIN, SSCC, GLN, …)' });
    expect(toEpcUrn(ELEMENTS)).toEqual({ ok: true, value: 'urn:epc:id:sgtin:9506000.013435.SER1' });
    expect(toEpcUrn(ELEMENTS.slice(0, 3), { companyPrefixLength: 9 })).toEqual({ ok: true, value: 'urn:epc:class:lgtin:950600013.0435.A1B2' });
    expect(toEpcUrn([{ ai: '00', value: '106141412345678908' }])).toEqual({ ok: true, value: 'urn:epc:id:sscc:0614141.1234567890' });
    expect(toEpcUrn([{ ai: '414', value: '0614141123452' }, { ai: '254', value: 'a/b' }])).toEqual({ ok: true, value: 'urn:epc:id:sgln:0614141.12345.a%2Fb' });
    expect(toEpcUrn([{ ai: '417', value: '0614141123452' }])).toEqual({ ok: true, value: 'urn:epc:id:pgln:0614141.12345' });
    expect(toEpcUrn([{ ai: '01', value: '09506000134352' }])).toMatchObject({ ok: false });
  });
});

describe('Digital Link and EPC URNs', () => {
  it('reads the Tag Data Standard examples', () => {
    expect(parseGs1('urn:epc:id:sgtin:0614141.112345.400')).toMatchObject({ ok: true, form: 'epc-urn', elements: [{ ai: '01', value: '10614141123459' }, { ai: '21', value: '400' }] });
    expect(parseGs1('urn:epc:id:sscc:0614141.1234567890')).toMatchObject({ ok: true, elements: [{ ai: '00', value: '106141412345678908' }] });
    expect(parseGs1('urn:epc:id:sgln:0614141.12345.400')).toMatchObject({ ok: true, elements: [{ ai: '414', value: '0614141123452' }, { ai: '254', value: '400' }] });
    expect(parseGs1('urn:epc:id:sgln:0614141.12345.0')).toMatchObject({ ok: true, elements: [{ ai: '414', value: '0614141123452' }] });
    expect(parseGs1('urn:epc:class:lgtin:4012345.012345.998877')).toMatchObject({ ok: true, elements: [{ ai: '01', value: '04012345123456' }, { ai: '10', value: '998877' }] });
    expect(parseGs1('urn:epc:id:pgln:0614141.12345')).toMatchObject({ ok: true, elements: [{ ai: '417', value: '0614141123452' }] });
    expect(parseGs1('urn:epc:id:sgtin:0614141.11234.400')).toEqual({ ok: false, error: 'EPC URN: company prefix and item reference of a GTIN have 13 digits together, these 12' });
  });

  it('reads any domain and path prefix, and needs the key qualifiers in dlpkey order', () => {
    expect(parseGs1('https://brand.example.com/some/prefix/01/09506000134352/21/SER1?17=241231&utm=x')).toMatchObject({ ok: true, form: 'digital-link' });
    expect(parseGs1('https://id.gs1.org/01/09506000134352/21/SER1/10/A1B2')).toEqual({ ok: false, error: 'Digital Link: the path AIs 01, 21, 10 are not a primary key with its qualifiers in order' });
    expect(parseGs1('https://id.gs1.org/01/09506000134352?10=A1B2')).toEqual({ ok: false, error: 'AI 10 belongs in the Digital Link path, after AI 01' });
  });

  it('gives the trace identity of any form', () => {
    for (const form of [SCAN, '(01)09506000134352(17)241231(10)A1B2(21)SER1', 'https://id.gs1.org/01/09506000134352/10/A1B2/21/SER1?17=241231']) {
      const r = parseGs1(form);
      expect(r.ok && traceIdentity(r.elements)).toEqual({ gtin: '09506000134352', lot: 'A1B2', serial: 'SER1' });
    }
    const sscc = parseGs1('(00)106141412345678908');
    expect(sscc.ok && traceIdentity(sscc.elements)).toEqual({ sscc: '106141412345678908' });
    const none = parseGs1('(414)0614141123452');
    expect(none.ok && traceIdentity(none.elements)).toBeUndefined();
  });
});
