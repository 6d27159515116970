// The full-width answer to an action or a load: green accepted, red refused, amber needs attention.
import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { CircleCheck, CircleX, Info, TriangleExclamationPoint } from 'lucide-react';
import { CloseButton } from '@mantine/core';
import classes from './ResultBanner.module.css';

export type BannerTone = 'accepted' | 'refused' | 'attention' | 'info';

const toneIcons: Record<BannerTone, LucideIcon> = {
  accepted: CircleCheck,
  refused: CircleX,
  attention: TriangleExclamationPoint,
  info: Info,
};

export interface ResultBannerProps {
  tone: BannerTone;
  title: string;
  children?: ReactNode;
  onClose?: () => void;
  /** One line, smaller: for standing guidance rather than the answer to an action. */
  compact?: boolean;
}

export function ResultBanner({ tone, title, children, onClose, compact = false }: ResultBannerProps) {
  const Icon = toneIcons[tone];
  return (
    <div
      className={classes.banner}
      data-tone={tone}
      data-compact={compact || undefined}
      role={tone === 'refused' ? 'alert' : 'status'}
      data-testid={`banner-${tone}`}
    >
      <Icon aria-hidden size={compact ? 20 : 26} strokeWidth={2.25} className={classes.icon} />
      <div className={classes.text}>
        <div className={classes.title}>{title}</div>
        {children ? <div className={classes.body}>{children}</div> : null}
      </div>
      {onClose ? <CloseButton aria-label="Dismiss" onClick={onClose} className={classes.close} size="lg" /> : null}
    </div>
  );
}

/** A refused command or a failed load, with the api's message shown as it was written. */
export function ErrorBanner({ error, title = 'Refused', onClose }: { error: Error; title?: string; onClose?: () => void }) {
  return (
    <ResultBanner tone="refused" title={title} onClose={onClose}>
      {error.message}
    </ResultBanner>
  );
}

/** A form's last answer under it: the refusal in words, or what was done (compact, green); each closes on its own. */
export function OutcomeBanners({ error, done, title, onClose }: { error: Error | null; done: string | null; title: string; onClose: (which: 'error' | 'done') => void }) {
  return (
    <>
      {error ? <ErrorBanner error={error} onClose={() => onClose('error')} /> : null}
      {done ? (
        <ResultBanner tone="accepted" title={title} compact onClose={() => onClose('done')}>
          {done}
        </ResultBanner>
      ) : null}
    </>
  );
}
