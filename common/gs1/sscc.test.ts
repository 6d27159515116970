import { describe, expect, it } from 'vitest';
import { buildSscc, ssccProblem } from './sscc';
import { parseGs1 } from './index';

describe('SSCC', () => {
  it("builds GS1's example SSCC with its check digit", () => {
    expect(buildSscc({ extension: '1', companyPrefix: '0614141', serialReference: 234567890 })).toBe('106141412345678908');
    expect(buildSscc({ extension: '0', companyPrefix: '0614141', serialReference: 123456789 })).toBe('006141411234567890');
  });

  it('pads the serial reference to fill 17 digits, whatever the prefix length', () => {
    expect(buildSscc({ extension: '0', companyPrefix: '9506000', serialReference: 1 })).toBe('095060000000000015');
    expect(buildSscc({ extension: '3', companyPrefix: '950600013', serialReference: 7 })).toHaveLength(18);
    expect(parseGs1(`(00)${buildSscc({ extension: '3', companyPrefix: '950600013', serialReference: 7 })}`).ok).toBe(true);
  });

  it('refuses parts that cannot make an SSCC, saying why', () => {
    expect(() => buildSscc({ extension: '0', companyPrefix: '12345', serialReference: 1 })).toThrow('A GS1 company prefix has 6 to 12 digits, not "12345"');
    expect(() => buildSscc({ extension: '0', companyPrefix: '950600013', serialReference: 10_000_000 })).toThrow('at most 7 digits');
    expect(() => buildSscc({ extension: 'x', companyPrefix: '9506000', serialReference: 1 })).toThrow('extension digit');
  });

  it('checks an SSCC', () => {
    expect(ssccProblem('106141412345678908')).toBeUndefined();
    expect(ssccProblem('106141412345678907')).toBe('SSCC 106141412345678907: check digit should be 8');
    expect(ssccProblem('1061414')).toBe('An SSCC has 18 digits, not "1061414"');
  });
});
