// Approving a draft spec version is a signature: it says exactly what is signed (item, version) and its meaning
// (approved), and asks for the user ID and password. Left empty, the approval goes unsigned, which only the local
// system identity (a window without a sign-in) may do; the api says so otherwise.
import { useState } from 'react';
import { Button, Group, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { Stamp } from 'lucide-react';
import type { SpecVersion } from '../../../../common/api/quality';
import type { ApiError } from '../../api/client';
import { call } from '../../api/client';
import { useAction } from '../../api/useAction';

export type ApproveAnswer = { tone: 'accepted'; spec: SpecVersion } | { tone: 'refused'; error: ApiError };

export interface ApproveSpecFormProps {
  part: string;
  version: number;
  onAnswer: (answer: ApproveAnswer) => void;
  onCancel: () => void;
}

export function ApproveSpecForm({ part, version, onAnswer, onCancel }: ApproveSpecFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, run } = useAction();

  const approve = async () => {
    const signature = password
      ? { signature: { meaning: 'approved' as const, password, ...(username.trim() ? { username: username.trim() } : {}) } }
      : {};
    const outcome = await run(() => call('specs.approve', { part, version, ...signature }));
    setPassword('');
    onAnswer(outcome.ok ? { tone: 'accepted', spec: outcome.value } : { tone: 'refused', error: outcome.error });
  };

  return (
    <Paper withBorder p="sm" radius="md" data-testid="spec-approve-form">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void approve();
        }}
      >
        <Stack gap="xs">
          <Text size="sm">
            You are signing{' '}
            <b>
              {part} test specification version {version}
            </b>{' '}
            with the meaning <b>approved</b>: from its effective time it judges every result of {part}. Your signature is legally binding,
            the equivalent of your handwritten signature.
          </Text>
          <Group gap="sm" align="flex-end">
            <TextInput
              label="User ID"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
              w={180}
              data-testid="approve-username"
            />
            <PasswordInput
              label="Password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              w={200}
              data-testid="approve-password"
            />
            <Button type="submit" leftSection={<Stamp size={16} />} loading={busy} data-testid="approve-sign">
              Sign and approve
            </Button>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
