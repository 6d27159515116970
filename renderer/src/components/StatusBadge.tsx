// The one status vocabulary: every status has a colour, an icon and a word, never colour alone.
import type { LucideIcon } from 'lucide-react';
import { CalendarX, CircleCheck, CirclePause, CircleX, Hourglass, PackageOpen, Siren, Truck } from 'lucide-react';
import type { UnitStatus } from '../../../common/domain';
import classes from './StatusBadge.module.css';

/** Unit statuses plus `expired`, which follows from the expiry date rather than being set. */
export type DisplayStatus = UnitStatus | 'expired';

interface StatusLook {
  word: string;
  icon: LucideIcon;
}

export const statusLooks: Record<DisplayStatus, StatusLook> = {
  quarantine: { word: 'Quarantine', icon: Hourglass },
  released: { word: 'Released', icon: CircleCheck },
  on_hold: { word: 'On hold', icon: CirclePause },
  rejected: { word: 'Rejected', icon: CircleX },
  recalled: { word: 'Recalled', icon: Siren },
  consumed: { word: 'Consumed', icon: PackageOpen },
  shipped: { word: 'Shipped', icon: Truck },
  expired: { word: 'Expired', icon: CalendarX },
};

export interface StatusBadgeProps {
  status: DisplayStatus;
  /** Shown after the word, e.g. a count in an aggregated trace node. */
  suffix?: string;
  size?: 'sm' | 'md' | 'lg';
}

export function StatusBadge({ status, suffix, size = 'md' }: StatusBadgeProps) {
  const { word, icon: Icon } = statusLooks[status];
  return (
    <span className={classes.badge} data-status={status} data-size={size}>
      <Icon aria-hidden size={size === 'lg' ? 18 : size === 'sm' ? 12 : 14} strokeWidth={2.25} />
      <span>
        {word}
        {suffix ? ` ${suffix}` : ''}
      </span>
    </span>
  );
}

/** A unit is shown as expired when its expiry date has passed while it is still in stock. */
export function isExpired(unit: { status: UnitStatus; expiresAt: string | null }, now = new Date()): boolean {
  if (!unit.expiresAt || unit.status === 'consumed' || unit.status === 'shipped') return false;
  return new Date(unit.expiresAt).getTime() < now.getTime();
}
