// User administration (admin only): add users, give roles, reset passwords, unlock, disable. Every change is audited.
import { useState } from 'react';
import { Badge, Button, Group, MultiSelect, PasswordInput, Text, TextInput } from '@mantine/core';
import type { Role, User } from '../../../../common/api/users';
import { roleNames, roles } from '../../../../common/api/users';
import { call } from '../../api/client';
import { useAction } from '../../api/useAction';
import type { ActionOutcome } from '../../api/useAction';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { Screen } from '../../components/Screen';
import { Time } from '../../components/Time';

const roleOptions = roles.map((r) => ({ value: r, label: roleNames[r].name }));

type Answer = { tone: 'accepted'; text: string } | { tone: 'refused'; error: Error } | null;

function lockWords(user: User): string {
  if (!user.active) return 'Disabled';
  if (user.lockedUntil === 'admin') return 'Locked until unlocked';
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now()) return 'Locked';
  return user.failedAttempts > 0 ? `${user.failedAttempts} wrong password${user.failedAttempts > 1 ? 's' : ''}` : 'Active';
}

export function UsersScreen() {
  const users = useCommand('users.list', {});
  const [answer, setAnswer] = useState<Answer>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const { busy, run } = useAction();
  const chosen = users.data?.find((u) => u.username === selected) ?? null;

  const report = (outcome: ActionOutcome<unknown>, text: string) => {
    setAnswer(outcome.ok ? { tone: 'accepted', text } : { tone: 'refused', error: outcome.error });
    return outcome.ok;
  };

  const columns: Column<User>[] = [
    { key: 'user', header: 'User ID', render: (u) => u.username, width: 140 },
    { key: 'name', header: 'Printed name', render: (u) => u.printedName },
    { key: 'roles', header: 'Roles', render: (u) => u.roles.map((r) => roleNames[r].name).join(', '), width: 180 },
    {
      key: 'state',
      header: 'State',
      render: (u) => (
        <Badge color={lockWords(u) === 'Active' ? 'green' : 'orange'} variant="light">
          {lockWords(u)}
        </Badge>
      ),
      width: 190,
    },
    { key: 'changed', header: 'Password set', render: (u) => <Time iso={u.passwordChangedAt} />, width: 200 },
  ];

  return (
    <Screen
      name="users"
      title="Users"
      subtitle="Who may sign in, with which roles; every change is in the audit trail"
      ready={users.status === 'ready'}
      error={users.error}
    >
      {answer?.tone === 'accepted' ? <ResultBanner tone="accepted" title={answer.text} onClose={() => setAnswer(null)} /> : null}
      {answer?.tone === 'refused' ? <ErrorBanner error={answer.error} onClose={() => setAnswer(null)} /> : null}
      <Panel title="Users">
        <DataTable
          rows={users.data ?? []}
          columns={columns}
          rowKey={(u) => u.username}
          onRowClick={(u) => setSelected(u.username)}
          testId="users-table"
        />
      </Panel>
      {chosen ? (
        <UserPanel key={chosen.username} user={chosen} busy={busy} run={run} report={report} />
      ) : (
        <Text c="dimmed">Choose a user to change their roles, reset their password or unlock them.</Text>
      )}
      <AddUserPanel busy={busy} run={run} report={report} />
    </Screen>
  );
}

function RolesSelect({ value, onChange, testId }: { value: Role[]; onChange: (roles: Role[]) => void; testId: string }) {
  return (
    <MultiSelect
      label="Roles"
      data={roleOptions}
      value={value}
      onChange={onChange}
      w={260}
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

interface ActionProps {
  busy: boolean;
  run: ReturnType<typeof useAction>['run'];
  report: (outcome: ActionOutcome<unknown>, text: string) => boolean;
}

function AddUserPanel({ busy, run, report }: ActionProps) {
  const [username, setUsername] = useState('');
  const [printedName, setPrintedName] = useState('');
  const [chosenRoles, setRoles] = useState<Role[]>(['operator']);
  const [password, setPassword] = useState('');
  const add = async () => {
    const outcome = await run(() =>
      call('users.create', { username: username.trim(), printedName: printedName.trim(), roles: chosenRoles, password }),
    );
    if (report(outcome, `Added ${username.trim()}`)) {
      setUsername('');
      setPrintedName('');
      setPassword('');
    }
  };
  return (
    <Panel title="Add a user">
      <form
        data-testid="user-add"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            label="User ID"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            required
            w={160}
            data-testid="user-add-id"
          />
          <TextInput
            label="Printed name"
            value={printedName}
            onChange={(e) => setPrintedName(e.currentTarget.value)}
            required
            w={220}
            data-testid="user-add-name"
          />
          <RolesSelect value={chosenRoles} onChange={setRoles} testId="user-add-roles" />
          <PasswordInput
            label="First password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="new-password"
            required
            w={200}
            data-testid="user-add-password"
          />
          <Button type="submit" loading={busy} data-testid="user-add-submit">
            Add user
          </Button>
        </Group>
      </form>
    </Panel>
  );
}

function UserPanel({ user, busy, run, report }: ActionProps & { user: User }) {
  const [chosenRoles, setRoles] = useState<Role[]>(user.roles);
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const reasonOk = reason.trim().length >= 3;
  const act = async <T,>(work: () => Promise<T>, text: string) => {
    if (report(await run(work), text)) {
      setPassword('');
      setReason('');
    }
  };
  return (
    <Panel title={`${user.printedName} (${user.username})`}>
      <Group align="flex-end" gap="sm" data-testid="user-panel">
        <TextInput
          label="Reason (audited)"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          w={280}
          placeholder="Why, e.g. moved to QA"
          data-testid="user-reason"
        />
        <RolesSelect value={chosenRoles} onChange={setRoles} testId="user-roles" />
        <Button
          disabled={!reasonOk}
          loading={busy}
          onClick={() =>
            void act(
              () => call('users.setRoles', { username: user.username, roles: chosenRoles, reason: reason.trim() }),
              `Roles of ${user.username} changed`,
            )
          }
          data-testid="user-save-roles"
        >
          Save roles
        </Button>
        <PasswordInput
          label="New password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
          w={200}
          data-testid="user-password"
        />
        <Button
          disabled={!reasonOk || password === ''}
          loading={busy}
          onClick={() =>
            void act(
              () => call('users.resetPassword', { username: user.username, password, reason: reason.trim() }),
              `Password of ${user.username} reset`,
            )
          }
          data-testid="user-reset-password"
        >
          Reset password
        </Button>
        <Button
          variant="light"
          disabled={!reasonOk || (user.failedAttempts === 0 && user.lockedUntil === null)}
          loading={busy}
          onClick={() =>
            void act(() => call('users.unlock', { username: user.username, reason: reason.trim() }), `${user.username} unlocked`)
          }
          data-testid="user-unlock"
        >
          Unlock
        </Button>
        <Button
          variant="light"
          color={user.active ? 'red' : 'green'}
          disabled={!reasonOk}
          loading={busy}
          onClick={() =>
            void act(
              () => call('users.setActive', { username: user.username, active: !user.active, reason: reason.trim() }),
              `${user.username} ${user.active ? 'disabled' : 'enabled'}`,
            )
          }
          data-testid="user-active"
        >
          {user.active ? 'Disable' : 'Enable'}
        </Button>
      </Group>
    </Panel>
  );
}
