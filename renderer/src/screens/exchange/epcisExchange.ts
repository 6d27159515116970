// Pure parts of the EPCIS import and export screens: what a refusal points at, what a file holds, what to name a download.

export interface ImportRefusal {
  /** Position of the event in the document's eventList (0-based), when one event is at fault. */
  index: number | null;
  eventID: string | null;
  /** The field the problem is in, e.g. "epcList[0]" or "bizStep". */
  field: string | null;
  /** The rule it breaks, as the api wrote it. */
  reason: string;
}

function detailsOf(details: unknown): { index?: number; eventID?: string | null } {
  if (typeof details !== 'object' || details === null) return {};
  const d = details as Record<string, unknown>;
  return {
    index: typeof d.index === 'number' ? d.index : undefined,
    eventID: typeof d.eventID === 'string' ? d.eventID : null,
  };
}

/**
 * Splits the api's refusal — "eventList[3] (eventID urn:uuid:…): epcList[0]: not a GS1 identifier" — into the event,
 * the field and the reason. A problem with the whole document keeps its message as the reason.
 */
export function readImportRefusal(message: string, details?: unknown): ImportRefusal {
  const fromDetails = detailsOf(details);
  const head = /^eventList\[(\d+)\](?: \(eventID (.+?)\))?: /.exec(message);
  if (!head) {
    const field = /^([A-Za-z@][\w@:.[\]-]*): /.exec(message);
    return { index: fromDetails.index ?? null, eventID: fromDetails.eventID ?? null, field: field?.[1] ?? null, reason: field ? message.slice(field[0].length) : message };
  }
  const rest = message.slice(head[0].length);
  const field = /^([A-Za-z@][\w@:.[\]-]*): /.exec(rest);
  return {
    index: fromDetails.index ?? Number(head[1]),
    eventID: fromDetails.eventID ?? head[2] ?? null,
    field: field?.[1] ?? null,
    reason: field ? rest.slice(field[0].length) : rest,
  };
}

/** How many events a document holds, read before sending it (null when it is not JSON: the api will say why). */
export function countEvents(text: string): number | null {
  try {
    const doc = JSON.parse(text) as { epcisBody?: { eventList?: unknown } };
    const list = doc?.epcisBody?.eventList;
    return Array.isArray(list) ? list.length : null;
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function offsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The first (`start`) or last (`end`) instant of a local calendar day `YYYY-MM-DD`, as an ISO time with the local
 * offset: export ranges are whole days in the viewer's zone, both ends included.
 */
export function localDayBound(day: string, which: 'start' | 'end'): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = which === 'start' ? new Date(y, m - 1, d, 0, 0, 0, 0) : new Date(y, m - 1, d, 23, 59, 59, 999);
  const time = which === 'start' ? '00:00:00.000' : '23:59:59.999';
  return `${day}T${time}${offsetOf(date)}`;
}

/** `epcis-2026-03-01-to-2026-03-31.jsonld`, `epcis-all.jsonld`, with the lot when one is chosen. */
export function exportFileName(range: { from?: string; to?: string }, lot?: string): string {
  const parts = ['epcis'];
  if (lot) parts.push(lot.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40));
  if (range.from || range.to) parts.push(`${range.from ?? 'start'}-to-${range.to ?? 'now'}`);
  else if (!lot) parts.push('all');
  return `${parts.join('-')}.jsonld`;
}

/** Hands a document to the browser as a download. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
