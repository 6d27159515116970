import type { ReactNode } from 'react';
import { Text, UnstyledButton } from '@mantine/core';
import type { Route } from '../../app/routes';
import { linkProps } from '../../app/navigation';
import classes from './CountTile.module.css';

export interface CountTileProps {
  label: string;
  count: number;
  icon: ReactNode;
  to: Route;
  /** What the count covers, when the label alone does not say. */
  detail?: string;
  /** Draws the eye when the count is not zero (things waiting for someone). */
  attention?: boolean;
}

export function CountTile({ label, count, icon, to, detail, attention = false }: CountTileProps) {
  return (
    <UnstyledButton
      component="a"
      {...linkProps(to)}
      className={classes.tile}
      data-attention={attention && count > 0 ? true : undefined}
      data-testid={`count-${label}`}
    >
      <span className={classes.icon}>{icon}</span>
      <Text fz={30} fw={700} lh={1.1}>
        {count.toLocaleString()}
      </Text>
      <Text size="sm" fw={600}>
        {label}
        {detail ? (
          <Text span size="xs" fw={400} c="dimmed">
            {' '}
            · {detail}
          </Text>
        ) : null}
      </Text>
    </UnstyledButton>
  );
}
