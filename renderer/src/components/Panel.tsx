// A titled section of a screen.
import type { ReactNode } from 'react';
import { Group, Paper, Title } from '@mantine/core';

export interface PanelProps {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function Panel({ title, actions, children, testId }: PanelProps) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId} component="section">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} fz={17}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
