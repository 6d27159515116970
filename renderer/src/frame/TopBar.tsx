import { Button, Group, Text } from '@mantine/core';
import { LogOut, UserRound } from 'lucide-react';
import { roleNames } from '../../../common/api/users';
import { useAuth } from '../auth/authStore';
import { SearchBox } from './SearchBox';
import classes from './TopBar.module.css';

export function TopBar() {
  const user = useAuth((s) => s.user);
  const signOut = useAuth((s) => s.signOut);
  return (
    <header className={classes.bar}>
      <SearchBox />
      <Group gap={8} wrap="nowrap" className={classes.user}>
        <Group gap={6} wrap="nowrap" title="Changes and signatures are recorded under this user">
          <UserRound size={18} aria-hidden />
          <Text size="sm" fw={600} data-testid="actor">
            {user ? `${user.printedName} (${user.username})` : '…'}
          </Text>
          <Text size="xs" c="dimmed" data-testid="actor-roles">
            {user?.roles.map((r) => roleNames[r].name).join(', ')}
          </Text>
        </Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<LogOut size={14} aria-hidden />}
          onClick={() => void signOut()}
          data-testid="sign-out"
        >
          Sign out
        </Button>
      </Group>
    </header>
  );
}
