// A scanner's state in one look: colour, icon and word (never colour alone), the same in the status bar and on the
// Devices screen.
import type { LucideIcon } from 'lucide-react';
import { CircleCheck, CircleOff, CirclePause, CircleX, LoaderCircle, RefreshCw } from 'lucide-react';
import type { DeviceStateName, DeviceStatus } from '../../../common/api/devices';
import classes from './DeviceStateBadge.module.css';

export const deviceStateLooks: Record<DeviceStateName, { word: string; icon: LucideIcon }> = {
  connected: { word: 'Connected', icon: CircleCheck },
  connecting: { word: 'Connecting', icon: LoaderCircle },
  reconnecting: { word: 'Reconnecting', icon: RefreshCw },
  error: { word: 'Error', icon: CircleX },
  disabled: { word: 'Disabled', icon: CircleOff },
  stopped: { word: 'Not running', icon: CirclePause },
};

/** "in 4 s" / "now": when the next attempt to open the device is due. */
export function nextAttemptWords(at: string | undefined, now = Date.now()): string | null {
  if (!at) return null;
  const seconds = Math.max(0, Math.round((Date.parse(at) - now) / 1000));
  return seconds === 0 ? 'next attempt now' : `next attempt in ${seconds} s`;
}

/** The reason and the next attempt, as one sentence for a tooltip or a table cell. */
export function deviceStateDetail(device: DeviceStatus): string {
  const next = device.state === 'reconnecting' || device.state === 'error' ? nextAttemptWords(device.nextAttemptAt) : null;
  return [device.reason, next && `${next}${device.attempt ? ` (attempt ${device.attempt + 1})` : ''}`].filter(Boolean).join('; ');
}

export function DeviceStateBadge({ state, label }: { state: DeviceStateName; label?: string }) {
  const { word, icon: Icon } = deviceStateLooks[state];
  return (
    <span className={classes.badge} data-device-state={state} data-size="sm">
      <Icon aria-hidden size={14} strokeWidth={2.25} />
      <span>
        {label ? `${label}: ` : ''}
        {word}
      </span>
    </span>
  );
}
