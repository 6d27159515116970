// Gives a frame its meaning: GS1 data (through the GS1 module), a lot or serial by part number (PART:LOT,
// PART#SERIAL), a work order or shipment number, or a refusal that says why. Pure; one decoder for every driver.
import { parseGs1, traceIdentity } from '../../../common/gs1';
import { gs1UnitIdentity, parseRef } from '../../../common/refs';
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
  const edge = (c: number) => c <= 0x20 && c !== 0x1d && c !== 0x1e;
  let start = 0;
  let end = text.length;
  while (start < end && edge(text.charCodeAt(start))) start++;
  while (end > start && edge(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

export function symbologyName(aim: string): string | undefined {
  return SYMBOLOGY_NAMES[aim.charAt(1)];
}

export function decodeFrame(frame: Frame, options: ScanDecoderOptions = {}): Scan {
  const documents = options.documents ?? defaultDocumentPatterns;
  const raw = frame.text;
  const text = trimEdges(raw);
  const aim = AIM_PATTERN.test(text) ? text.slice(0, 3) : undefined;
  const symbology = aim ? symbologyName(aim) : undefined;
  const base = { at: frame.at, device: frame.device, raw, ...(aim ? { aim } : {}), ...(symbology ? { symbology } : {}) };
  const body = aim ? text.slice(3) : text;

  if (body === '') return { ...base, kind: 'unknown', problem: aim ? `The ${aim} scan holds no data` : 'The scan holds no data' };

  const gs1 = aim ? GS1_AIMS.has(aim) || /^https?:\/\//i.test(body) : looksLikeGs1(body);
  if (gs1) {
    const parsed = parseGs1(aim ? aim + body : body);
    if (!parsed.ok) return { ...base, kind: 'gs1', problem: `Not valid GS1 data: ${parsed.error}` };
    const trace = traceIdentity(parsed.elements);
    const found = { ...(trace ? { trace } : {}), elements: parsed.elements };
    if (trace?.gtin !== undefined && (trace.lot !== undefined || trace.serial !== undefined)) {
      const identity = gs1UnitIdentity(parsed);
      if (typeof identity !== 'string') return { ...base, kind: 'unit', identity, ...found };
    }
    return { ...base, kind: 'gs1', ...found };
  }

  if (documents.workOrder.test(body)) return { ...base, kind: 'workOrder', number: body };
  if (documents.shipment.test(body)) return { ...base, kind: 'shipment', number: body };

  if (/[:#]/.test(body)) {
    const ref = parseRef(body);
    if (typeof ref === 'string') return { ...base, kind: 'unknown', problem: ref };
    return { ...base, kind: 'unit', identity: { by: 'part', ...ref } };
  }
  if (aim && !GS1_AIMS.has(aim) && !symbology) return { ...base, kind: 'unknown', problem: `${aim} is not a symbology identifier Lotline knows, and "${shorten(body)}" is not a barcode it reads` };
  return {
    ...base,
    kind: 'unknown',
    problem: `"${shorten(body)}" is not a barcode Lotline reads: expected GS1 data, PART:LOT, PART#SERIAL, a work order (WO-…) or a shipment (SH-…)`,
  };
}

function shorten(text: string): string {
  const visible = text.replaceAll('\x1d', '␝');
  return visible.length > 60 ? `${visible.slice(0, 60)}…` : visible;
}
