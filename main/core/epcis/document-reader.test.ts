// The streaming reader against JSON.parse: the same events and the same header, whatever the chunk size, with
// escapes, quotes and brackets inside strings, escaped keys and non-ASCII text cut anywhere between chunks.
import { describe, expect, it } from 'vitest';
import { scanDocument, textSource } from './document-reader';

const DOCS = [
  JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    epcisBody: { eventList: [{ a: 'q"uo\\te\\\\', 'k\\"ey': { '"': [1, '}]{['] } }, { b: 'é😀', c: 'x\\', d: [{}, [], null, 1.5e3] }] },
    tail: 'after the events',
  }),
  // A key that only looks like eventList once unescaped is not it; the real one comes after.
  JSON.stringify({ epcisBody: { 'event\\List': [{ not: 'an event' }], eventList: [{ x: '\\\\\\"' }, {}] }, '@context': 'z' }),
];

describe('EPCIS document reader', () => {
  for (const [n, doc] of DOCS.entries()) {
    it(`hands over the events and the header JSON.parse reads (document ${n + 1}, chunks of 1 to 4,096 characters)`, () => {
      const parsed = JSON.parse(doc) as { epcisBody: { eventList: unknown[] } } & Record<string, unknown>;
      for (const size of [1, 2, 3, 5, 7, 64, 4096]) {
        const events: unknown[] = [];
        let header = '';
        const count = scanDocument(textSource(doc, size), (text) => events.push(JSON.parse(text)), (h) => (header = h));
        expect(count).toBe(parsed.epcisBody.eventList.length);
        expect(events).toEqual(parsed.epcisBody.eventList);
        expect(JSON.parse(header)).toEqual({ ...parsed, epcisBody: { ...parsed.epcisBody, eventList: [] } });
      }
    });
  }

  it('refuses a document that ends inside a string', () => {
    expect(() => scanDocument(textSource('{"epcisBody":{"eventList":[{"a":"open', 4), () => undefined)).toThrow(/ends before its last value is closed/);
  });
});
