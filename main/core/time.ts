// Event times keep the zone they happened in: stored as UTC plus the original offset.

export interface EventTime {
  utc: string;
  offset: string;
}

function localOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** From an ISO 8601 time with zone (validated at the api), or now in the machine's zone. */
export function eventTime(at: string | undefined, now: Date): EventTime {
  if (at === undefined) return { utc: now.toISOString(), offset: localOffset(now) };
  const m = /(Z|[+-]\d{2}:?\d{2})$/.exec(at);
  const zone = m?.[1] ?? 'Z';
  const offset = zone === 'Z' ? '+00:00' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return { utc: new Date(at).toISOString(), offset };
}

/** The UTC time shown back in its original zone: `2026-03-01T08:30:00+01:00`. */
export function withOffset(utc: string, offset: string): string {
  // Most events happen in UTC: a stored time as toISOString writes it is then its own answer (the usual case on a scan).
  if (offset === '+00:00' && utc.length === 24 && utc.endsWith('Z')) return `${utc.slice(0, 19)}${offset}`;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const shifted = new Date(Date.parse(utc) + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
  return `${shifted.toISOString().slice(0, 19)}${offset}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}
