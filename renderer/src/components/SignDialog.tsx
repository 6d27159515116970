// The electronic signature dialog (UX.md "Sign dialog"; 21 CFR 11.50, 11.200): shows exactly what is signed — the
// record, its version and content hash — the meaning, the user ID (at the first signing of a session) and the
// password, and the statement that this is a legally binding signature. Cancel is as easy as Sign.
import { useState } from 'react';
import { Alert, Button, Code, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { PenLine } from 'lucide-react';
import type { SignatureMeaning } from '../../../common/api/signatures';
import { useAuth } from '../auth/authStore';

export interface SigningComponents {
  meaning: SignatureMeaning;
  username?: string;
  password: string;
}

export interface SignDialogProps {
  opened: boolean;
  /** What is signed, as people read it ("Release of Lot R26124-01 of RES-PC"). */
  title: string;
  /** The record's facts: identity, version, the decision and its reason. */
  facts: readonly { label: string; value: string }[];
  /** SHA-256 of the content signed, when it exists before signing. */
  contentSha256?: string | undefined;
  meanings: readonly SignatureMeaning[];
  /** Runs the signing command; a refusal (wrong password, two-person rule) is thrown and shown in the dialog. */
  onSign: (components: SigningComponents) => Promise<void>;
  onCancel: () => void;
}

const meaningWords: Record<SignatureMeaning, string> = {
  authored: 'Authored',
  performed: 'Performed',
  verified: 'Verified',
  reviewed: 'Reviewed',
  approved: 'Approved',
  released: 'Released',
  rejected: 'Rejected',
};

export function SignDialog({ opened, title, facts, contentSha256, meanings, onSign, onCancel }: SignDialogProps) {
  const user = useAuth((s) => s.user);
  const hasSigned = useAuth((s) => s.hasSigned);
  const signed = useAuth((s) => s.signed);
  const [picked, setMeaning] = useState<SignatureMeaning | null>(null);
  // With one meaning possible (a release is "released") it is chosen already.
  const meaning = picked ?? (meanings.length === 1 ? (meanings[0] ?? null) : null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsUserId = !hasSigned;

  const close = () => {
    setPassword('');
    setError(null);
    onCancel();
  };
  const sign = async () => {
    if (!meaning) return setError('Choose what your signature means.');
    setBusy(true);
    setError(null);
    try {
      await onSign({ meaning, password, ...(needsUserId ? { username: username.trim() } : {}) });
      signed();
      setPassword('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={
        <Text fw={700}>
          <PenLine size={16} aria-hidden /> Sign: {title}
        </Text>
      }
      size="lg"
      data-testid="sign-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void sign();
        }}
      >
        <Stack gap="sm">
          <Stack gap={4} data-testid="sign-record">
            {facts.map((f) => (
              <Group key={f.label} gap="xs" wrap="nowrap" align="baseline">
                <Text size="sm" c="dimmed" w={130}>
                  {f.label}
                </Text>
                <Text size="sm">{f.value}</Text>
              </Group>
            ))}
            {contentSha256 ? (
              <Group gap="xs" wrap="nowrap" align="baseline">
                <Text size="sm" c="dimmed" w={130}>
                  Content SHA-256
                </Text>
                <Code data-testid="sign-hash">{contentSha256}</Code>
              </Group>
            ) : null}
          </Stack>
          <Select
            label="Meaning of this signature"
            data={meanings.map((m) => ({ value: m, label: meaningWords[m] }))}
            value={meaning}
            onChange={(v) => setMeaning(v)}
            allowDeselect={false}
            required
            data-testid="sign-meaning"
            comboboxProps={{ withinPortal: true }}
          />
          {needsUserId ? (
            <TextInput
              label="User ID"
              description={`You are signed in as ${user?.username ?? '…'}; the first signature of a session asks for both parts.`}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
              required
              data-testid="sign-user"
            />
          ) : null}
          <PasswordInput
            label="Password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            required
            data-autofocus
            data-testid="sign-password"
          />
          <Alert color="blue" data-testid="sign-statement">
            By signing, I, {user?.printedName ?? '…'}, make this electronic signature the legally binding equivalent of my handwritten
            signature (21 CFR Part 11), with the meaning chosen above, for exactly the record shown.
          </Alert>
          {error ? (
            <Alert color="red" role="alert" data-testid="sign-error">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" size="md" onClick={close} data-testid="sign-cancel">
              Cancel
            </Button>
            <Button type="submit" size="md" loading={busy} data-testid="sign-submit">
              Sign
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
