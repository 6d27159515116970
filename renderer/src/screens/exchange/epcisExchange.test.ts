import { describe, expect, it } from 'vitest';
import { countEvents, exportFileName, localDayBound, readImportRefusal } from './epcisExchange';

describe('readImportRefusal', () => {
  it('names the event and the field of a refused event', () => {
    expect(readImportRefusal('eventList[2] (eventID urn:uuid:1234): bizStep: urn:x is not a CBV business step', { index: 2, eventID: 'urn:uuid:1234' })).toEqual({
      index: 2,
      eventID: 'urn:uuid:1234',
      field: 'bizStep',
      reason: 'urn:x is not a CBV business step',
    });
  });

  it('reads the event from the message when details are missing', () => {
    expect(readImportRefusal('eventList[0]: epcList[1]: not an identifier')).toEqual({ index: 0, eventID: null, field: 'epcList[1]', reason: 'not an identifier' });
  });

  it('keeps a document-level problem as it is', () => {
    expect(readImportRefusal('The document is not valid JSON: Unexpected token')).toEqual({ index: null, eventID: null, field: null, reason: 'The document is not valid JSON: Unexpected token' });
    expect(readImportRefusal('type: the document is a Foo, not an EPCISDocument').field).toBe('type');
  });
});

describe('countEvents', () => {
  it('counts the events of a document, or says null when it is not one', () => {
    expect(countEvents('{"epcisBody":{"eventList":[{},{}]}}')).toBe(2);
    expect(countEvents('{"epcisBody":{}}')).toBeNull();
    expect(countEvents('not json')).toBeNull();
  });
});

describe('localDayBound', () => {
  it('gives whole local days with the local offset', () => {
    expect(localDayBound('2026-03-01', 'start')).toMatch(/^2026-03-01T00:00:00\.000[+-]\d\d:\d\d$/);
    expect(localDayBound('2026-03-31', 'end')).toMatch(/^2026-03-31T23:59:59\.999[+-]\d\d:\d\d$/);
    expect(new Date(localDayBound('2026-03-01', 'start')).getDate()).toBe(1);
  });
});

describe('exportFileName', () => {
  it('names the range and the lot', () => {
    expect(exportFileName({})).toBe('epcis-all.jsonld');
    expect(exportFileName({ from: '2026-03-01', to: '2026-03-31' })).toBe('epcis-2026-03-01-to-2026-03-31.jsonld');
    expect(exportFileName({ from: '2026-03-01' }, 'SET-IV2:26-117')).toBe('epcis-SET-IV2_26-117-2026-03-01-to-now.jsonld');
  });
});
