import { describe, expect, it } from 'vitest';
import { decodeFrame } from './scan-decoder';

const frame = (text: string) => ({ device: 'serial:/dev/test', at: '2026-03-02T08:00:00.000Z', text });
const GS = '\x1d';

describe('decodeFrame', () => {
  it('GS1 DataMatrix with AIM id, GS separator, lot and serial: a unit by GTIN', () => {
    const scan = decodeFrame(frame(`]d20109501101530003172612311024-117${GS}21SN0042`));
    expect(scan).toMatchObject({ kind: 'unit', aim: ']d2', symbology: 'Data Matrix', identity: { by: 'gtin', kind: 'serial', gtin: '09501101530003', code: 'SN0042' } });
    expect(scan.trace).toEqual({ gtin: '09501101530003', lot: '24-117', serial: 'SN0042' });
    expect(scan.elements?.map((e) => e.ai)).toEqual(['01', '17', '10', '21']);
    expect(scan.raw).toContain(GS);
    expect(scan.problem).toBeUndefined();
  });

  it('GS1 data without a lot or serial (an SSCC) is kind gs1', () => {
    const scan = decodeFrame(frame(']C100095011015300000027'));
    expect(scan).toMatchObject({ kind: 'gs1', symbology: 'Code 128', trace: { sscc: '095011015300000027' } });
  });

  it('invalid GS1 data is refused with the GS1 module reason', () => {
    const scan = decodeFrame(frame(']d20109501101530004'));
    expect(scan.kind).toBe('gs1');
    expect(scan.problem).toMatch(/^Not valid GS1 data: .*check digit/);
  });

  it('internal codes, with or without an AIM id', () => {
    expect(decodeFrame(frame('RES-PC:24-117'))).toMatchObject({ kind: 'unit', identity: { by: 'part', kind: 'lot', part: 'RES-PC', code: '24-117' } });
    expect(decodeFrame(frame(']C0PUMP-200#26000123'))).toMatchObject({ kind: 'unit', aim: ']C0', identity: { by: 'part', kind: 'serial', part: 'PUMP-200', code: '26000123' } });
    expect(decodeFrame(frame('WO-26101'))).toMatchObject({ kind: 'workOrder', number: 'WO-26101' });
    expect(decodeFrame(frame(']A0SH-000042'))).toMatchObject({ kind: 'shipment', number: 'SH-000042', symbology: 'Code 39' });
  });

  it('a GS1 Digital Link in a plain QR code', () => {
    const scan = decodeFrame(frame(']Q1https://id.gs1.org/01/09501101530003/10/ABC'));
    expect(scan).toMatchObject({ kind: 'unit', identity: { by: 'gtin', kind: 'lot', code: 'ABC' } });
  });

  it('anything else is refused with a reason', () => {
    expect(decodeFrame(frame('hello world')).problem).toMatch(/^"hello world" is not a barcode Lotline reads/);
    expect(decodeFrame(frame('PART:')).problem).toMatch(/not a lot or serial reference/);
    expect(decodeFrame(frame(']d1')).problem).toBe('The ]d1 scan holds no data');
  });

  it('takes other document number patterns', () => {
    const documents = { workOrder: /^\d{7}$/, shipment: /^DN\d+$/ };
    expect(decodeFrame(frame('1234567'), { documents })).toMatchObject({ kind: 'workOrder', number: '1234567' });
    expect(decodeFrame(frame('DN99'), { documents })).toMatchObject({ kind: 'shipment' });
  });
});
