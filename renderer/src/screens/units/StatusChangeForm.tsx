// Release, hold, reject or quarantine a lot or serial. The reason is required: it goes into the audit trail.
import { useState } from 'react';
import { Button, Group, Select, Textarea } from '@mantine/core';
import type { ManualStatus, UnitSummary } from '../../../../common/domain';
import { manualStatuses } from '../../../../common/domain';
import { ApiError, call } from '../../api/client';
import { statusLooks } from '../../components/StatusBadge';

export type StatusChangeAnswer = { tone: 'accepted'; unit: UnitSummary; reason: string } | { tone: 'refused'; error: ApiError };

export interface StatusChangeFormProps {
  unit: UnitSummary;
  onAnswer: (answer: StatusChangeAnswer) => void;
}

const MIN_REASON = 3;

export function StatusChangeForm({ unit, onAnswer }: StatusChangeFormProps) {
  const [status, setStatus] = useState<ManualStatus | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  const reasonProblem = reason.trim().length < MIN_REASON ? 'Say why (at least 3 characters): it is recorded in the audit trail.' : null;
  const choices = manualStatuses.filter((s) => s !== unit.status).map((s) => ({ value: s, label: statusLooks[s].word }));

  const submit = async () => {
    setTouched(true);
    if (!status || reasonProblem) return;
    setBusy(true);
    try {
      const updated = await call('units.setStatus', { ref: unit.ref, status, reason: reason.trim() });
      onAnswer({ tone: 'accepted', unit: updated, reason: reason.trim() });
      setStatus(null);
      setReason('');
      setTouched(false);
    } catch (error) {
      onAnswer({ tone: 'refused', error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      data-testid="status-change-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <Select
          label="New status"
          placeholder="Choose…"
          data={choices}
          value={status}
          onChange={(value) => setStatus(value)}
          error={touched && !status ? 'Choose the new status.' : undefined}
          w={180}
          allowDeselect={false}
          data-testid="status-select"
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label="Reason"
          placeholder="Why, e.g. CoA reviewed, all results in spec (NC-0042)"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={touched ? reasonProblem : undefined}
          autosize
          minRows={1}
          maxRows={4}
          maxLength={500}
          style={{ flex: 1 }}
          data-testid="status-reason"
        />
        <Button type="submit" loading={busy} mt={25} data-testid="status-submit">
          Set status
        </Button>
      </Group>
    </form>
  );
}
