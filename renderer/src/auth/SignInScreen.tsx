// The sign-in screen, and on first run the form that creates the administrator.
import { useEffect, useState } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { LockKeyhole } from 'lucide-react';
import { ApiError, call } from '../api/client';
import { useAuth } from './authStore';

const message = (error: unknown) => (error instanceof ApiError || error instanceof Error ? error.message : String(error));

export function SignInScreen() {
  const phase = useAuth((s) => s.phase);
  const notice = useAuth((s) => s.notice);
  const accept = useAuth((s) => s.accept);
  const setup = phase === 'needs-setup';
  const [username, setUsername] = useState('');
  const [printedName, setPrintedName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const slowStart = useSlowStart(phase === 'checking');

  const submit = async () => {
    if (setup && password !== repeat) {
      setError('The two passwords differ; type the same password twice.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      accept(
        setup
          ? await call('auth.setup', { username: username.trim(), printedName: printedName.trim(), password })
          : await call('auth.login', { username: username.trim(), password }),
      );
    } catch (e) {
      setError(message(e));
      setPassword('');
      setRepeat('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main
      data-screen="sign-in"
      data-ready={phase === 'checking' ? 'false' : 'true'}
      style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 24 }}
    >
      <Paper
        withBorder
        shadow="sm"
        p="xl"
        w={420}
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Title order={2}>
            <LockKeyhole size={22} aria-hidden /> {setup ? 'Create the administrator' : 'Sign in to Lotline'}
          </Title>
          {setup ? (
            <Text size="sm">This database has no users yet. Create the administrator: they add the other users and give them roles.</Text>
          ) : null}
          {notice && !setup ? (
            <Alert color="orange" data-testid="sign-in-notice">
              {notice}
            </Alert>
          ) : null}
          <TextInput
            label="User ID"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="username"
            required
            data-autofocus
            autoFocus
            data-testid="sign-in-user"
          />
          {setup ? (
            <TextInput
              label="Printed name (as it appears on records and signatures)"
              value={printedName}
              onChange={(e) => setPrintedName(e.currentTarget.value)}
              required
              data-testid="setup-name"
            />
          ) : null}
          <PasswordInput
            label="Password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete={setup ? 'new-password' : 'current-password'}
            required
            data-testid="sign-in-password"
          />
          {setup ? (
            <PasswordInput
              label="Password again"
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              autoComplete="new-password"
              required
              data-testid="setup-repeat"
            />
          ) : null}
          {slowStart ? (
            <Alert color="blue" data-testid="sign-in-opening">
              Opening the trace database… A large one, or one being brought up to this version of Lotline, can take a
              minute. Signing in is possible as soon as it is open.
            </Alert>
          ) : null}
          {error ? (
            <Alert color="red" role="alert" data-testid="sign-in-error">
              {error}
            </Alert>
          ) : null}
          <Button type="submit" size="md" loading={busy} disabled={phase === 'checking'} data-testid="sign-in-submit">
            {setup ? 'Create and sign in' : 'Sign in'}
          </Button>
        </Stack>
      </Paper>
    </main>
  );
}

/** Whether the first answer has been awaited for over a second (the database is still opening). */
function useSlowStart(waiting: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setTimeout(() => setSlow(true), 1000);
    return () => clearTimeout(timer);
  }, [waiting]);
  return waiting && slow;
}
