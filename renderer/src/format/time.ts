// Times are shown in the viewer's zone with the zone's name; the exact instant and UTC offset go in a tooltip.

const pad = (n: number) => String(n).padStart(2, '0');

function zoneName(date: Date): string {
  const part = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

function utcOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-03-01T07:30:00Z` → `2026-03-01 08:30 CET` (in the viewer's zone). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDate(iso)} ${pad(date.getHours())}:${pad(date.getMinutes())} ${zoneName(date)}`.trim();
}

/** The tooltip: the instant as recorded, in UTC, and the local offset used for display. */
export function describeInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `Recorded ${iso} · ${date.toISOString().replace('.000Z', 'Z')} UTC · shown at ${utcOffset(date)}`;
}

/** Whole days from now until a `YYYY-MM-DD` date or ISO time (negative when past). */
export function daysUntil(iso: string, now = new Date()): number {
  const target = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((target.getTime() - today.getTime()) / 86_400_000);
}

/** The viewer's local calendar date of an instant: `2026-03-01`. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
