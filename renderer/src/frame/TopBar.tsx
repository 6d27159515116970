import { Group, Text } from '@mantine/core';
import { UserRound } from 'lucide-react';
import { useCommand } from '../api/useCommand';
import { SearchBox } from './SearchBox';
import classes from './TopBar.module.css';

export function TopBar() {
  const info = useCommand('system.info', {});
  return (
    <header className={classes.bar}>
      <SearchBox />
      <Group gap={6} wrap="nowrap" className={classes.user} title="Changes are recorded in the audit trail under this name">
        <UserRound size={18} aria-hidden />
        <Text size="sm" fw={600} data-testid="actor">
          {info.data?.actor ?? '…'}
        </Text>
      </Group>
    </header>
  );
}
