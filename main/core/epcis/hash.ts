// The CBV 2.0 event hash (`ni:///sha-256;<hex>?ver=CBV2.0`): a fingerprint of an EPCIS event that does
// not depend on JSON or XML, key order or identifier syntax. The pre-hash string is `eventType=<type>`
// followed by the standard fields in the CBV's fixed order (each `name=value`, repeated children sorted,
// no separators), then every other field (user extensions, ilmd) with its namespace expanded, sorted.
// Values are normalised: times to UTC with milliseconds, numbers without trailing zeros, CBV short names
// to their web URIs, GS1 identifiers (EPC URNs or Digital Link) to canonical Digital Link on id.gs1.org.
// eventID, recordTime and errorDeclaration are left out, so an error declaration hashes like the event it declares.
import { createHash } from 'node:crypto';
import { parseObjectId, parsePlaceId, unitUri } from './identifiers';
import { termUri } from './vocabulary';
import type { VocabularyName } from './vocabulary';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface Node {
  name: string;
  value: string;
  children: Node[];
}

type Order = readonly (readonly [string, Order | null])[];

const quantity: Order = [['quantityElement', [['epcClass', null], ['quantity', null], ['uom', null]]]];
const PROP_ORDER: Order = [
  ['eventTime', null],
  ['eventTimeZoneOffset', null],
  ['epcList', [['epc', null]]],
  ['parentID', null],
  ['inputEPCList', [['epc', null]]],
  ['childEPCs', [['epc', null]]],
  ['quantityList', quantity],
  ['childQuantityList', quantity],
  ['inputQuantityList', quantity],
  ['outputEPCList', [['epc', null]]],
  ['outputQuantityList', quantity],
  ['action', null],
  ['transformationID', null],
  ['bizStep', null],
  ['disposition', null],
  ['persistentDisposition', [['set', null], ['unset', null]]],
  ['readPoint', [['id', null]]],
  ['bizLocation', [['id', null]]],
  ['bizTransactionList', [['bizTransaction', [['type', null]]]]],
  ['sourceList', [['source', [['type', null]]]]],
  ['destinationList', [['destination', [['type', null]]]]],
  [
    'sensorElementList',
    [
      [
        'sensorElement',
        [
          ['sensorMetadata', ['time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'].map((n) => [n, null] as const)],
          [
            'sensorReport',
            ['type', 'exception', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'time', 'microorganism', 'chemicalSubstance', 'value', 'component', 'stringValue', 'booleanValue', 'hexBinaryValue', 'uriValue', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue', 'uom', 'coordinateReferenceSystem'].map(
              (n) => [n, null] as const,
            ),
          ],
        ],
      ],
    ],
  ],
];

/** Lists whose items are wrapped in a named element (as in the XML binding the hash was defined on). */
const WRAPPED: Record<string, string> = {
  epcList: 'epc',
  inputEPCList: 'epc',
  outputEPCList: 'epc',
  childEPCs: 'epc',
  quantityList: 'quantityElement',
  childQuantityList: 'quantityElement',
  inputQuantityList: 'quantityElement',
  outputQuantityList: 'quantityElement',
  bizTransactionList: 'bizTransaction',
  sourceList: 'source',
  destinationList: 'destination',
  sensorElementList: 'sensorElement',
};

/** Elements whose value is one of their keys, the rest becoming children (`<source type="…">uri</source>`). */
const VALUE_KEY: Record<string, string> = { bizTransaction: 'bizTransaction', source: 'source', destination: 'destination' };

const VOCABULARY_OF: Record<string, VocabularyName> = { bizStep: 'bizStep', disposition: 'disposition', set: 'disposition', unset: 'disposition' };
const TYPE_VOCABULARY: Record<string, VocabularyName> = { bizTransaction: 'bizTransaction-type', source: 'source-dest-type', destination: 'source-dest-type' };

const IGNORED = new Set(['type', 'eventID', 'recordTime', 'errorDeclaration', '@context', 'certificationInfo']);

/** Prefix → namespace of the standard EPCIS context; a document's own prefixes are added to these. */
export const STANDARD_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['epcis', 'https://ref.gs1.org/epcis/'],
  ['cbv', 'https://ref.gs1.org/cbv/'],
  ['cbvmda', 'urn:epcglobal:cbv:mda:'],
  ['gs1', 'https://gs1.org/voc/'],
]);

function expandName(name: string, prefixes: ReadonlyMap<string, string>): string {
  const at = name.indexOf(':');
  if (at <= 0) return name;
  const ns = prefixes.get(name.slice(0, at));
  return ns === undefined ? name : ns + name.slice(at + 1);
}

function canonicalTime(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

function canonicalIdentifier(text: string): string {
  if (!/^(urn:epc:|https?:\/\/)/.test(text)) return text;
  const object = parseObjectId(text);
  if (typeof object !== 'string') {
    if (object.kind === 'sscc') return `https://id.gs1.org/00/${object.sscc}`;
    if (object.kind === 'class') return `https://id.gs1.org/01/${object.gtin}`;
    if (object.kind === 'lot') return unitUri({ kind: 'lot', code: object.lot, part: '', gtin: object.gtin });
    if (object.kind === 'serial') return unitUri({ kind: 'serial', code: object.serial, part: '', gtin: object.gtin });
    return text;
  }
  const place = parsePlaceId(text);
  if (place.kind === 'gln') {
    const ai = text.startsWith('urn:epc:id:pgln:') || text.includes('/417/') ? '417' : '414';
    return `https://id.gs1.org/${ai}/${place.gln}${place.extension === null ? '' : `/254/${encodeURIComponent(place.extension)}`}`;
  }
  return text;
}

function canonicalValue(name: string, value: string | number | boolean, parent: string): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  const text = value.trim();
  const lower = name.toLowerCase();
  if (lower.includes('time') && !lower.includes('offset')) return canonicalTime(text);
  const vocabulary = name === 'type' ? TYPE_VOCABULARY[parent] : VOCABULARY_OF[name];
  if (vocabulary) return termUri(vocabulary, text);
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return String(Number(text));
  return canonicalIdentifier(text);
}

function toNodes(name: string, value: Json, prefixes: ReadonlyMap<string, string>, parent: string): Node[] {
  if (value === null) return [];
  if (Array.isArray(value)) {
    const wrapper = WRAPPED[name];
    if (wrapper) return [{ name, value: '', children: value.flatMap((v) => toNodes(wrapper, v, prefixes, name)) }];
    return value.flatMap((v) => toNodes(name, v, prefixes, parent));
  }
  if (typeof value === 'object') {
    const valueKey = VALUE_KEY[name];
    const children: Node[] = [];
    let own = '';
    for (const [key, child] of Object.entries(value)) {
      if (key === valueKey && (typeof child === 'string' || typeof child === 'number')) own = canonicalValue(key, child, name);
      else children.push(...toNodes(expandName(key, prefixes), child, prefixes, name));
    }
    return [{ name, value: own, children }];
  }
  return [{ name, value: canonicalValue(name, value, parent), children: [] }];
}

function render(node: Node, order: Order | null): string {
  const own = node.value ? `=${node.value}` : '';
  const children = order ? ordered(node.children, order) : generic(node.children);
  return own || children ? node.name + own + children : '';
}

function ordered(children: Node[], order: Order): string {
  const used = new Set<Node>();
  let text = '';
  for (const [name, sub] of order) {
    const matching = children.filter((c) => c.name === name);
    matching.forEach((c) => used.add(c));
    text += matching
      .map((c) => render(c, sub))
      .sort()
      .join('');
  }
  return text + generic(children.filter((c) => !used.has(c)));
}

function generic(children: Node[]): string {
  return children
    .map((c) => render(c, null))
    .sort()
    .join('');
}

/** The pre-hash string of an event (exposed for tests and for debugging a mismatch with a partner's hash). */
export function preHash(event: Record<string, unknown>, prefixes: ReadonlyMap<string, string> = STANDARD_PREFIXES): string {
  const root: Node[] = [];
  for (const [key, value] of Object.entries(event)) if (!IGNORED.has(key)) root.push(...toNodes(expandName(key, prefixes), value as Json, prefixes, ''));
  return `eventType=${String(event.type)}${ordered(root, PROP_ORDER)}`;
}

export function eventHash(event: Record<string, unknown>, prefixes: ReadonlyMap<string, string> = STANDARD_PREFIXES): string {
  return `ni:///sha-256;${createHash('sha256').update(preHash(event, prefixes), 'utf8').digest('hex')}?ver=CBV2.0`;
}
