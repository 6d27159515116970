// EPCIS identifiers Lotline traces: trade items (SGTIN, LGTIN, SGTIN pattern), logistic units (SSCC),
// locations and parties (SGLN, PGLN), as EPC URNs or GS1 Digital Link URIs, and Lotline's own private
// URNs for things without a GS1 key. A thin adapter: common/gs1 (being written alongside) has no index
// yet; once it exports URN and Digital Link parsers these functions should call into it.
//
// Private scheme (items without a GTIN, locations and parties without a GLN, documents):
//   urn:lotline:lot:<PART>:<LOT>          urn:lotline:serial:<PART>:<SERIAL>
//   urn:lotline:location:<CODE>           urn:lotline:party:<CODE>
//   urn:lotline:doc:<TYPE>:<NUMBER>
// with every component percent-encoded (encodeURIComponent), so `:` inside a part number stays unambiguous.
import { gs1CheckDigit } from '../../../common/gtin';

export type ObjectId =
  | { kind: 'serial'; gtin: string; serial: string }
  | { kind: 'lot'; gtin: string; lot: string }
  /** A GTIN without lot or serial (an SGTIN pattern or a Digital Link with only AI 01). */
  | { kind: 'class'; gtin: string }
  | { kind: 'sscc'; sscc: string }
  | { kind: 'private'; unit: 'lot' | 'serial'; part: string; code: string };

export type PlaceId = { kind: 'gln'; gln: string; extension: string | null } | { kind: 'private'; code: string } | { kind: 'uri'; uri: string };

/** The lot code Lotline gives a GTIN-only quantity (no lot or serial named): one unit per item for "unspecified lot". */
export const CLASS_LOT = '*';
/** The item that holds SSCCs (logistic units: pallets, cases) as serials. */
export const SSCC_PART = 'SSCC';

const DL_BASE = 'https://id.gs1.org';

function withCheckDigit(body: string): string {
  return `${body}${gs1CheckDigit(body)}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** GS1 company prefix + reference of the given total length, both digits, 6–12 digits of prefix. */
function split(value: string, total: number): [string, string] | undefined {
  const m = /^(\d{6,12})\.(\d*)$/.exec(value);
  if (!m || (m[1] as string).length + (m[2] as string).length !== total) return undefined;
  return [m[1] as string, m[2] as string];
}

function gtinFrom(prefix: string, itemRef: string): string {
  return withCheckDigit(`${itemRef.slice(0, 1)}${prefix}${itemRef.slice(1)}`);
}

function checkKey(key: string, digits: number, what: string): string | undefined {
  if (!new RegExp(`^\\d{${digits}}$`).test(key)) return `${what} must have ${digits} digits`;
  const expected = gs1CheckDigit(key.slice(0, -1));
  return Number(key.at(-1)) === expected ? undefined : `${what} ${key}: check digit should be ${expected}`;
}

/** Parses an EPC URN, a GS1 Digital Link URI or a private Lotline URN naming what an event is about. */
export function parseObjectId(uri: string): ObjectId | string {
  let m = /^urn:epc:id:sgtin:([^.]+\.[^.]+)\.(.+)$/.exec(uri);
  if (m) {
    const parts = split(m[1] as string, 13);
    if (!parts) return `${uri} is not an SGTIN: company prefix and item reference must have 13 digits together`;
    return { kind: 'serial', gtin: gtinFrom(...parts), serial: decode(m[2] as string) };
  }
  m = /^urn:epc:class:lgtin:([^.]+\.[^.]+)\.(.+)$/.exec(uri);
  if (m) {
    const parts = split(m[1] as string, 13);
    if (!parts) return `${uri} is not an LGTIN: company prefix and item reference must have 13 digits together`;
    return { kind: 'lot', gtin: gtinFrom(...parts), lot: decode(m[2] as string) };
  }
  m = /^urn:epc:idpat:sgtin:([^.]+\.[^.]+)\.\*$/.exec(uri);
  if (m) {
    const parts = split(m[1] as string, 13);
    if (!parts) return `${uri} is not an SGTIN pattern: company prefix and item reference must have 13 digits together`;
    return { kind: 'class', gtin: gtinFrom(...parts) };
  }
  m = /^urn:epc:id:sscc:(.+)$/.exec(uri);
  if (m) {
    const parts = split(m[1] as string, 17);
    if (!parts) return `${uri} is not an SSCC: company prefix and serial reference must have 17 digits together`;
    const [prefix, ref] = parts;
    return { kind: 'sscc', sscc: withCheckDigit(`${ref.slice(0, 1)}${prefix}${ref.slice(1)}`) };
  }
  m = /^urn:lotline:(lot|serial):([^:]+):([^:]+)$/.exec(uri);
  if (m) return { kind: 'private', unit: m[1] as 'lot' | 'serial', part: decode(m[2] as string), code: decode(m[3] as string) };
  const dl = digitalLink(uri);
  if (dl) {
    const gtin = dl.get('01');
    if (gtin !== undefined) {
      const gtin14 = gtin.padStart(14, '0');
      const problem = /^(\d{8}|\d{12,14})$/.test(gtin) ? checkKey(gtin14, 14, 'GTIN') : `GTIN ${gtin} must have 8, 12, 13 or 14 digits`;
      if (problem) return `${uri}: ${problem}`;
      const serial = dl.get('21');
      const lot = dl.get('10');
      if (serial !== undefined) return { kind: 'serial', gtin: gtin14, serial };
      if (lot !== undefined) return { kind: 'lot', gtin: gtin14, lot };
      return { kind: 'class', gtin: gtin14 };
    }
    const sscc = dl.get('00');
    if (sscc !== undefined) {
      const problem = checkKey(sscc, 18, 'SSCC');
      return problem ? `${uri}: ${problem}` : { kind: 'sscc', sscc };
    }
  }
  return `${uri} is not an identifier Lotline can trace: use an SGTIN, LGTIN, SGTIN pattern or SSCC (EPC URN or GS1 Digital Link)`;
}

/** Parses a location or party identifier; anything else that is a URI is kept as it is. */
export function parsePlaceId(uri: string): PlaceId {
  let m = /^urn:epc:id:sgln:([^.]+\.[^.]*)\.(.+)$/.exec(uri);
  if (m) {
    const parts = split(m[1] as string, 12);
    if (parts) {
      const extension = decode(m[2] as string);
      return { kind: 'gln', gln: withCheckDigit(parts.join('')), extension: extension === '0' ? null : extension };
    }
  }
  m = /^urn:epc:id:pgln:(.+)$/.exec(uri);
  if (m) {
    const parts = split(m[1] as string, 12);
    if (parts) return { kind: 'gln', gln: withCheckDigit(parts.join('')), extension: null };
  }
  m = /^urn:lotline:(?:location|party):([^:]+)$/.exec(uri);
  if (m) return { kind: 'private', code: decode(m[1] as string) };
  const dl = digitalLink(uri);
  const gln = dl?.get('414') ?? dl?.get('417');
  if (gln !== undefined && checkKey(gln, 13, 'GLN') === undefined) return { kind: 'gln', gln, extension: dl?.get('254') ?? null };
  return { kind: 'uri', uri };
}

/** The AI values of a GS1 Digital Link URI's path (any domain, any path prefix), or undefined when it is none. */
function digitalLink(uri: string): Map<string, string> | undefined {
  if (!/^https?:\/\//.test(uri)) return undefined;
  const segments = pathSegments(uri);
  if (segments === undefined) return undefined;
  const start = segments.findIndex((s, i) => ['01', '00', '414', '417'].includes(s) && i + 1 < segments.length);
  if (start < 0 || (segments.length - start) % 2 !== 0) return undefined;
  const values = new Map<string, string>();
  for (let i = start; i < segments.length; i += 2) values.set(segments[i] as string, decode(segments[i + 1] as string));
  return values;
}

/**
 * A URI made only of a host and a path of unreserved characters (how Digital Links are written) is its own
 * path, with nothing to decode or resolve; only other URIs go through the URL parser (`.` and `..`
 * segments, percent-encoding, queries, ports, user info).
 */
const PLAIN_URI = /^https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*((?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*)\/?$/;

function pathSegments(uri: string): string[] | undefined {
  const plain = PLAIN_URI.exec(uri);
  if (plain) return (plain[1] as string).split('/').filter((s) => s.length > 0);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  return url.pathname.split('/').filter((s) => s.length > 0);
}

const enc = encodeURIComponent;

/** A lot or serial as Lotline exports it: Digital Link when the item has a GTIN, an SSCC for logistic units, else the private URN. */
export function unitUri(unit: { kind: 'lot' | 'serial'; code: string; part: string; gtin: string | null }): string {
  if (unit.gtin !== null) {
    if (unit.kind === 'lot' && unit.code === CLASS_LOT) return `${DL_BASE}/01/${unit.gtin}`;
    return `${DL_BASE}/01/${unit.gtin}/${unit.kind === 'lot' ? '10' : '21'}/${enc(unit.code)}`;
  }
  if (unit.kind === 'serial' && unit.part === SSCC_PART && checkKey(unit.code, 18, 'SSCC') === undefined) return `${DL_BASE}/00/${unit.code}`;
  return `urn:lotline:${unit.kind}:${enc(unit.part)}:${enc(unit.code)}`;
}

/** Location and party codes made from a GLN on import, and read back on export. */
export function glnCode(gln: string, extension: string | null): string {
  return extension === null ? `GLN-${gln}` : `GLN-${gln}.${extension}`;
}

export function locationUri(code: string, name: string): string {
  const m = /^GLN-(\d{13})(?:\.(.+))?$/.exec(code);
  if (m) return m[2] === undefined ? `${DL_BASE}/414/${m[1]}` : `${DL_BASE}/414/${m[1]}/254/${enc(m[2])}`;
  if (/^URI-[0-9a-f]{12}$/.test(code)) return name;
  return `urn:lotline:location:${enc(code)}`;
}

export function documentUri(type: string, number: string): string {
  return `urn:lotline:doc:${enc(type)}:${enc(number)}`;
}
