// Where a print stands, in words, with what can be done next: Retry for a label not sent or not confirmed, Reprint
// with a reason for one printed (or failed once sent), and a reason to give when the same label was printed before.
import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { Printer, RotateCcw } from 'lucide-react';
import type { PrintJob } from '../../../common/api/printing';
import { ResultBanner } from '../components/ResultBanner';
import { printJobWords } from './jobWords';
import type { PrintProgress } from './labelPrinting';

function ReasonAction({
  label,
  onSubmit,
  size,
  testId,
}: {
  label: string;
  onSubmit: (reason: string) => void;
  size: 'md' | 'lg';
  testId: string;
}) {
  const [reason, setReason] = useState('');
  const short = reason.trim().length < 3;
  return (
    <Group gap="sm" align="flex-end" wrap="nowrap">
      <TextInput
        size={size}
        style={{ flex: 1 }}
        label="Reason for printing it again"
        placeholder="label damaged, unreadable, lost…"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={reason.length > 0 && short ? 'Say why (at least 3 characters)' : undefined}
        data-testid={`${testId}-reason`}
      />
      <Button
        size={size}
        leftSection={<Printer size={18} />}
        disabled={short}
        onClick={() => onSubmit(reason.trim())}
        data-testid={`${testId}-reprint`}
      >
        {label}
      </Button>
    </Group>
  );
}

export interface PrintProgressViewProps {
  progress: PrintProgress;
  /** What is being printed, for the banner: "udi label for S/N PX-000231". */
  subject: string;
  onRetry: (job: PrintJob) => void;
  onReprint: (job: PrintJob, reason: string) => void;
  /** Print the same label again with this reason (after a refusal that asked for one). */
  onPrintWithReason: (reason: string) => void;
  /** Try the whole print again (after it could not be rendered or queued). */
  onTryAgain: () => void;
  size?: 'md' | 'lg';
  testId?: string;
  /** False: only the state of a label printed, without its reprint field (an older print in a list). */
  actions?: boolean;
}

export function PrintProgressView({
  progress,
  subject,
  onRetry,
  onReprint,
  onPrintWithReason,
  onTryAgain,
  size = 'md',
  testId = 'print-job',
  actions = true,
}: PrintProgressViewProps) {
  const state =
    progress.phase === 'done' || (progress.phase === 'printing' && progress.job) ? (progress.job?.state ?? progress.phase) : progress.phase;
  const body = (() => {
    switch (progress.phase) {
      case 'rendering':
        return <ResultBanner tone="info" compact title={`Rendering the ${subject}…`} />;
      case 'error':
        return (
          <Stack gap="xs">
            <ResultBanner tone="refused" title={`The ${subject} was not printed`}>
              {progress.message}
            </ResultBanner>
            <Group>
              <Button
                size={size}
                variant="default"
                leftSection={<RotateCcw size={18} />}
                onClick={onTryAgain}
                data-testid={`${testId}-try-again`}
              >
                Try again
              </Button>
            </Group>
          </Stack>
        );
      case 'needs-reason':
        return (
          <Stack gap="xs">
            <ResultBanner tone="attention" title={`The ${subject} was printed before`}>
              {progress.message}
            </ResultBanner>
            <ReasonAction label="Print again" size={size} onSubmit={onPrintWithReason} testId={testId} />
          </Stack>
        );
      case 'printing':
      case 'done': {
        if (!progress.job) return <ResultBanner tone="info" compact title={`Sending the ${subject} to the printer…`} />;
        const job = progress.job;
        const words = printJobWords(job);
        const waiting = progress.phase === 'printing';
        return (
          <Stack gap="xs">
            <ResultBanner tone={words.tone} title={`${words.title} · job ${job.id}`} compact={!words.detail}>
              {words.detail}
            </ResultBanner>
            {!waiting && words.next === 'retry' ? (
              <Group>
                <Button size={size} leftSection={<RotateCcw size={18} />} onClick={() => onRetry(job)} data-testid={`${testId}-retry`}>
                  Retry
                </Button>
                <Text size="sm" c="dimmed">
                  Clear the printer’s problem first; the label is kept until it prints.
                </Text>
              </Group>
            ) : null}
            {!waiting && actions && words.next === 'reprint' ? (
              <ReasonAction label="Reprint" size={size} onSubmit={(reason) => onReprint(job, reason)} testId={testId} />
            ) : null}
          </Stack>
        );
      }
    }
  })();
  return (
    <div data-testid={testId} data-state={state}>
      {body}
    </div>
  );
}
