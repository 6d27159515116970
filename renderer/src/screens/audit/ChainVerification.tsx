// The audit chain's verification state, at the top of the audit screen.
import { useState } from 'react';
import { Button, Group, List, Text } from '@mantine/core';
import { ShieldCheck } from 'lucide-react';
import type { AuditVerification } from '../../../../common/api/audit';
import { ApiError, call } from '../../api/client';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { formatTime } from '../../format/time';

type Check =
  { state: 'idle' } | { state: 'running' } | { state: 'done'; result: AuditVerification; at: Date } | { state: 'failed'; error: ApiError };

function VerificationBanner({ result, at }: { result: AuditVerification; at: Date }) {
  const when = formatTime(at.toISOString());
  if (result.ok) {
    return (
      <ResultBanner tone="accepted" title="Audit trail verified: the chain is intact">
        {result.rows.toLocaleString()} rows chained, {result.recordsChecked.toLocaleString()} records replayed against the trail, at {when}.
        Head{' '}
        <Text span ff="monospace" inherit>
          {result.head ?? '—'}
        </Text>
      </ResultBanner>
    );
  }
  return (
    <ResultBanner
      tone="refused"
      title={`Audit trail verification failed: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`}
    >
      <List size="sm" spacing={2} c="inherit" data-testid="audit-problems">
        {result.problems.map((problem, index) => (
          <List.Item key={index}>
            {problem.seq !== null ? `Row ${problem.seq}: ` : ''}
            {problem.message}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt={4}>
        Checked {result.rows.toLocaleString()} rows and {result.recordsChecked.toLocaleString()} records at {when}. Keep this database as it
        is and tell QA.
      </Text>
    </ResultBanner>
  );
}

export function ChainVerification() {
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const verify = async () => {
    setCheck({ state: 'running' });
    try {
      setCheck({ state: 'done', result: await call('audit.verify', {}), at: new Date() });
    } catch (error) {
      setCheck({ state: 'failed', error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)) });
    }
  };
  return (
    <div data-testid="chain-verification" data-state={check.state === 'done' ? (check.result.ok ? 'ok' : 'broken') : check.state}>
      <Group gap="md" mb={check.state === 'idle' || check.state === 'running' ? 0 : 'sm'}>
        <Button leftSection={<ShieldCheck size={18} />} onClick={() => void verify()} loading={check.state === 'running'} size="md">
          Verify chain
        </Button>
        {check.state === 'idle' ? (
          <Text size="sm" c="dimmed">
            Not verified in this session. Verification checks every row’s hash and replays the trail against the records.
          </Text>
        ) : null}
      </Group>
      {check.state === 'done' ? <VerificationBanner result={check.result} at={check.at} /> : null}
      {check.state === 'failed' ? <ErrorBanner error={check.error} title="Could not verify" /> : null}
    </div>
  );
}
