// What a GS1 scan identifies for traceability: the trade item (GTIN) with its lot or serial, or a logistic unit (SSCC).
import type { Gs1Element } from './element';

export interface TraceIdentity {
  /** GTIN-14 of the trade item (AI 01). */
  readonly gtin?: string;
  readonly lot?: string;
  readonly serial?: string;
  /** SSCC of a logistic unit (AI 00). */
  readonly sscc?: string;
}

/** The trace identity in the elements, or undefined when they identify neither a trade item nor a logistic unit. */
export function traceIdentity(elements: readonly Gs1Element[]): TraceIdentity | undefined {
  let gtin: string | undefined;
  let lot: string | undefined;
  let serial: string | undefined;
  let sscc: string | undefined;
  for (const e of elements) {
    if (e.ai === '01') gtin = e.value;
    else if (e.ai === '10') lot = e.value;
    else if (e.ai === '21') serial = e.value;
    else if (e.ai === '00') sscc = e.value;
  }
  if (gtin === undefined && sscc === undefined) return undefined;
  // Only the fields present, set one by one (spreading optional objects costs more than the parse on a scan).
  const id: { -readonly [K in keyof TraceIdentity]: TraceIdentity[K] } = {};
  if (gtin !== undefined) id.gtin = gtin;
  if (lot !== undefined) id.lot = lot;
  if (serial !== undefined) id.serial = serial;
  if (sscc !== undefined) id.sscc = sscc;
  return id;
}
