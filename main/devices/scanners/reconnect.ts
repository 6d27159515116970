// How long to wait before each attempt to reopen a device that went away: doubling from `initialMs` up to `maxMs`,
// so a replugged scanner is back within a second and an absent one costs almost nothing.

export interface ReconnectOptions {
  /** Wait before the first reopen attempt (default 100 ms). */
  readonly initialMs?: number;
  /** Longest wait between attempts (default 5000 ms). */
  readonly maxMs?: number;
}

export const DEFAULT_RECONNECT: Required<ReconnectOptions> = { initialMs: 100, maxMs: 5000 };

export function reconnectSettings(options: ReconnectOptions = {}): Required<ReconnectOptions> {
  const initialMs = options.initialMs ?? DEFAULT_RECONNECT.initialMs;
  const maxMs = options.maxMs ?? Math.max(initialMs, DEFAULT_RECONNECT.maxMs);
  if (!Number.isInteger(initialMs) || initialMs < 1 || initialMs > 600_000) throw new RangeError(`The first reconnect wait must be 1 to 600000 ms, not ${initialMs}`);
  if (!Number.isInteger(maxMs) || maxMs < initialMs || maxMs > 600_000) throw new RangeError(`The longest reconnect wait must be ${initialMs} to 600000 ms, not ${maxMs}`);
  return { initialMs, maxMs };
}

/** The wait before attempt `attempt` (1-based). */
export function reconnectDelay(attempt: number, settings: Required<ReconnectOptions>): number {
  return Math.min(settings.maxMs, settings.initialMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
}
