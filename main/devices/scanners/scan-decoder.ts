// Gives a frame its meaning: GS1 data (through the GS1 module), a lot or serial by part number (PART:LOT,
// PART#SERIAL), a work order or shipment number, or a refusal that says why. Pure; one decoder for every driver.
import { parseGs1, traceIdentity } from '../../../common/gs1';
import { gs1UnitIdentity, parseRef } from '../../../common/refs';
import type { UnitIdentity } from '../../../common/refs';
import type { Frame, Scan } from './types';

export interface DocumentPatterns {
  /** Work-order numbers as printed on travellers (default `WO-` and digits, as `WO-{SEQ:6}` numbers them). */
  readonly workOrder: RegExp;
  /** Shipment numbers as printed on packing lists (default `SH-` and digits). */
  readonly shipment: RegExp;
}

export const defaultDocumentPatterns: DocumentPatterns = { workOrder: /^WO-\d{1,12}$/, shipment: /^SH-\d{1,12}$/ };

export interface ScanDecoderOptions {
  readonly documents?: DocumentPatterns;
}

/** Symbology letters of ISO/IEC 15424 (the `c` of `]cm`). */
const SYMBOLOGY_NAMES: Readonly<Record<string, string>> = {
  A: 'Code 39',
  C: 'Code 128',
  d: 'Data Matrix',
  E: 'EAN/UPC',
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  H: 'Code 11',
  I: 'Interleaved 2 of 5',
  J: 'DotCode',
  L: 'PDF417',
  Q: 'QR Code',
  z: 'Aztec',
  X: 'other',
};

/** AIM identifiers that say the data is GS1 element strings (FNC1 in first position) or an EAN/UPC number. */
const GS1_AIMS = new Set([']C1', ']e0', ']d2', ']Q3', ']J1', ']E0', ']E4']);

const AIM_PATTERN = /^\][A-Za-z][0-9A-Za-z]/;

/** Data that is GS1 without an AIM id: FNC1/GS first, bracketed AIs, a URI, or AI 00/01 with their digits. */
function looksLikeGs1(t: string): boolean {
  return t.startsWith('\x1d') || t.startsWith('(') || /^(urn:epc:|https?:\/\/)/i.test(t) || /^(01\d{14}|00\d{18})/.test(t);
}

/** Spaces and control bytes around the data, but never GS (0x1D) or RS (0x1E), which can be data. */
function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isEdge(text.charCodeAt(start))) start++;
  while (end > start && isEdge(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isEdge(c: number): boolean {
  return c <= 0x20 && c !== 0x1d && c !== 0x1e;
}

export function symbologyName(aim: string): string | undefined {
  return SYMBOLOGY_NAMES[aim.charAt(1)];
}

type ScanFields = { -readonly [K in keyof Scan]: Scan[K] };

export function decodeFrame(frame: Frame, options: ScanDecoderOptions = {}): Scan {
  const documents = options.documents ?? defaultDocumentPatterns;
  const raw = frame.text;
  const text = trimEdges(raw);
  const aim = AIM_PATTERN.test(text) ? text.slice(0, 3) : undefined;
  const symbology = aim ? symbologyName(aim) : undefined;
  // The scan's fields are set one by one, in this order, only when present (no spreading on every frame).
  const scan = (kind: Scan['kind']): ScanFields => {
    const s: ScanFields = { at: frame.at, device: frame.device, raw, kind };
    if (aim) s.aim = aim;
    if (symbology) s.symbology = symbology;
    return s;
  };
  const refused = (kind: Scan['kind'], problem: string): Scan => Object.assign(scan(kind), { problem });
  const body = aim ? text.slice(3) : text;

  if (body === '') return refused('unknown', aim ? `The ${aim} scan holds no data` : 'The scan holds no data');

  const gs1 = aim ? GS1_AIMS.has(aim) || /^https?:\/\//i.test(body) : looksLikeGs1(body);
  if (gs1) {
    const parsed = parseGs1(aim ? aim + body : body);
    if (!parsed.ok) return refused('gs1', `Not valid GS1 data: ${parsed.error}`);
    const trace = traceIdentity(parsed.elements);
    const identity = trace?.gtin !== undefined && (trace.lot !== undefined || trace.serial !== undefined) ? gs1UnitIdentity(parsed) : undefined;
    const s = scan(identity !== undefined && typeof identity !== 'string' ? 'unit' : 'gs1');
    if (s.kind === 'unit') s.identity = identity as UnitIdentity;
    if (trace) s.trace = trace;
    s.elements = parsed.elements;
    return s;
  }

  if (documents.workOrder.test(body)) return Object.assign(scan('workOrder'), { number: body });
  if (documents.shipment.test(body)) return Object.assign(scan('shipment'), { number: body });

  if (/[:#]/.test(body)) {
    const ref = parseRef(body);
    if (typeof ref === 'string') return refused('unknown', ref);
    return Object.assign(scan('unit'), { identity: { by: 'part' as const, ...ref } });
  }
  if (aim && !GS1_AIMS.has(aim) && !symbology) return refused('unknown', `${aim} is not a symbology identifier Lotline knows, and "${shorten(body)}" is not a barcode it reads`);
  return refused('unknown', `"${shorten(body)}" is not a barcode Lotline reads: expected GS1 data, PART:LOT, PART#SERIAL, a work order (WO-…) or a shipment (SH-…)`);
}

function shorten(text: string): string {
  const visible = text.replaceAll('\x1d', '␝');
  return visible.length > 60 ? `${visible.slice(0, 60)}…` : visible;
}
