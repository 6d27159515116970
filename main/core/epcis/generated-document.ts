// A synthetic EPCIS 2.0 document for tests and the import benchmark: raw lots received, mixed into
// intermediate lots and serialised finished goods, serials packed onto SSCC pallets, pallets shipped.
// Seeded, so a test sees the same document every run.
import { gs1CheckDigit } from '../../../common/gtin';
import { mulberry32 } from '../../../common/random';

const gtin = (n: number) => {
  const body = `0950600${String(n).padStart(6, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
};
const RAW = [1, 2, 3, 4, 5].map(gtin);
const MIXED = [11, 12, 13].map(gtin);
const FINISHED = [21, 22].map(gtin);
const lotUri = (g: string, lot: string) => `https://id.gs1.org/01/${g}/10/${lot}`;
const serialUri = (g: string, serial: string) => `https://id.gs1.org/01/${g}/21/${serial}`;

export interface GeneratedDocumentOptions {
  /** Raw lots received; the document holds about 2.3 events per lot. */
  lots: number;
  seed: number;
  /** Add one error declaration (of the first transformation). */
  correction?: boolean;
}

/** Calls `event` with each event's JSON text, in document order; returns the count. */
export function generateEvents(options: GeneratedDocumentOptions, event: (json: string) => void): number {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const stock: string[] = [];
  let n = 0;
  let minutes = 0;
  const time = () => {
    minutes += 1 + Math.floor(random() * 30);
    return new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
  };
  // eventIDs as documents give them: random (version 4) UUIDs, from a stream of their own so the rest stays as it was.
  const idRandom = mulberry32(options.seed ^ 0x5bd1e995);
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(idRandom() * 16).toString(16)).join('');
  const eventId = () => `urn:uuid:${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(idRandom() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
  const emit = (e: Record<string, unknown>, id = eventId()) => {
    n++;
    event(JSON.stringify({ eventID: id, ...e }));
  };
  let firstTransformation: Record<string, unknown> | undefined;
  for (let i = 0; i < options.lots; i++) {
    const lot = lotUri(pick(RAW), `R${i}`);
    stock.push(lot);
    emit({
      type: 'ObjectEvent', eventTime: time(), eventTimeZoneOffset: '+01:00', action: 'ADD', bizStep: 'receiving', disposition: 'in_progress',
      quantityList: [{ epcClass: lot, quantity: 100 + Math.floor(random() * 900), uom: 'KGM' }],
      bizLocation: { id: 'urn:epc:id:sgln:0614141.00777.0' },
      sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:4012345.00225' }],
      bizTransactionList: [{ type: 'po', bizTransaction: `urn:lotline:doc:po:PO-${i}` }],
      ilmd: { 'cbvmda:itemExpirationDate': '2027-06-30' },
    });
    if (i % 2 === 1) {
      const inputs = [...new Set([pick(stock), pick(stock)])];
      if (i % 10 === 9) {
        const g = pick(FINISHED);
        const serials = [0, 1, 2, 3].map((k) => serialUri(g, `S${i}-${k}`));
        emit({
          type: 'TransformationEvent', eventTime: time(), eventTimeZoneOffset: '+01:00', bizStep: 'commissioning', disposition: 'active',
          inputQuantityList: inputs.map((epcClass) => ({ epcClass, quantity: 5, uom: 'KGM' })), outputEPCList: serials,
        });
        const sscc = `urn:epc:id:sscc:0614141.${String(i).padStart(10, '0')}`;
        emit({ type: 'AggregationEvent', eventTime: time(), eventTimeZoneOffset: '+01:00', action: 'ADD', bizStep: 'packing', disposition: 'in_progress', parentID: sscc, childEPCs: serials });
        emit({
          type: 'ObjectEvent', eventTime: time(), eventTimeZoneOffset: '-05:00', action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', epcList: [sscc],
          destinationList: [{ type: 'owning_party', destination: 'urn:epc:id:pgln:0614141.00001' }, { type: 'location', destination: 'urn:epc:id:sgln:0614141.00888.0' }],
        });
      } else {
        const out = lotUri(pick(MIXED), `M${i}`);
        const transformation = {
          type: 'TransformationEvent', eventTime: time(), eventTimeZoneOffset: '+01:00', bizStep: 'commissioning', disposition: 'active',
          inputQuantityList: inputs.map((epcClass) => ({ epcClass, quantity: 10.5, uom: 'KGM' })),
          outputQuantityList: [{ epcClass: out, quantity: 20, uom: 'KGM' }],
          readPoint: { id: 'urn:epc:id:sgln:0614141.00777.1' },
        };
        const id = eventId();
        firstTransformation ??= { ...transformation, eventID: id };
        emit(transformation, id);
        stock.push(out);
      }
    }
  }
  if (options.correction && firstTransformation) {
    n++;
    event(JSON.stringify({ ...firstTransformation, errorDeclaration: { declarationTime: time(), reason: 'incorrect_data', 'lotline:reason': 'wrong input lot scanned' } }));
  }
  return n;
}

export function generateDocument(options: GeneratedDocumentOptions): string {
  const events: string[] = [];
  generateEvents(options, (e) => events.push(e));
  const header = {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { lotline: 'https://lotline.app/ns/epcis/' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-03-01T00:00:00Z',
  };
  return `${JSON.stringify(header).slice(0, -1)},"epcisBody":{"eventList":[\n${events.join(',\n')}\n]}}`;
}
