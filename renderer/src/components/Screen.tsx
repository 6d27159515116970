// Every screen's frame: a title row, the error banner when loading failed, and the `data-ready` marker e2e waits on.
import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import type { ScreenName } from '../app/routes';
import { ErrorBanner } from './ResultBanner';
import classes from './Screen.module.css';

export interface ScreenProps {
  name: ScreenName;
  title?: ReactNode;
  /** Replaces title and subtitle with the caller's own heading (it must contain the page's h1). */
  heading?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** True once the screen's data has loaded. */
  ready: boolean;
  error?: Error | undefined;
  /** Fill the window's height (graphs) instead of scrolling the page. */
  fill?: boolean;
  children?: ReactNode;
}

export function Screen({ name, title, heading, subtitle, actions, ready, error, fill = false, children }: ScreenProps) {
  return (
    <section className={classes.screen} data-screen={name} data-ready={ready ? 'true' : 'false'} data-fill={fill} aria-busy={!ready}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" className={classes.header}>
        {heading ?? (
          <Stack gap={2} className={classes.titles}>
            <Title order={1} className={classes.title}>
              {title}
            </Title>
            {subtitle ? (
              <Text component="div" c="dimmed" size="md">
                {subtitle}
              </Text>
            ) : null}
          </Stack>
        )}
        {actions ? (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        ) : null}
      </Group>
      {error ? <ErrorBanner error={error} title="Could not load" /> : null}
      <div className={classes.body}>{children}</div>
    </section>
  );
}
