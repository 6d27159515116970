import { describeInstant, formatTime } from '../format/time';

/** A recorded instant, local with its zone; the exact UTC offset on hover. */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={describeInstant(iso)}>
      {iso.length === 10 ? iso : formatTime(iso)}
    </time>
  );
}
