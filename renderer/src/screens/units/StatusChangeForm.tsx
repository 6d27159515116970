// Release, hold, reject or quarantine a lot or serial. The reason is required: it goes into the audit trail. Releasing
// and rejecting are QA's signed decisions: the sign dialog asks for the signature before the change is sent.
import { useState } from 'react';
import { Button, Group, Select, Textarea } from '@mantine/core';
import type { ManualStatus, UnitSummary } from '../../../../common/domain';
import { manualStatuses } from '../../../../common/domain';
import { ApiError, call } from '../../api/client';
import { statusLooks } from '../../components/StatusBadge';
import { SignDialog } from '../../components/SignDialog';
import type { SigningComponents } from '../../components/SignDialog';
import { useAuth } from '../../auth/authStore';

export type StatusChangeAnswer = { tone: 'accepted'; unit: UnitSummary; reason: string } | { tone: 'refused'; error: ApiError };

export interface StatusChangeFormProps {
  unit: UnitSummary;
  onAnswer: (answer: StatusChangeAnswer) => void;
}

const MIN_REASON = 3;
const decisionRefusals = new Set<string>(['STATUS', 'CONFLICT', 'NOT_FOUND', 'QUANTITY']);

export function StatusChangeForm({ unit, onAnswer }: StatusChangeFormProps) {
  const [status, setStatus] = useState<ManualStatus | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [signing, setSigning] = useState<'released' | 'rejected' | null>(null);
  const isQa = useAuth((s) => s.user?.roles.includes('qa') ?? false);

  const reasonProblem = reason.trim().length < MIN_REASON ? 'Say why (at least 3 characters): it is recorded in the audit trail.' : null;
  const choices = manualStatuses.filter((s) => s !== unit.status).map((s) => ({ value: s, label: statusLooks[s].word }));

  const done = (updated: UnitSummary) => {
    onAnswer({ tone: 'accepted', unit: updated, reason: reason.trim() });
    setStatus(null);
    setReason('');
    setTouched(false);
    setSigning(null);
  };

  const submit = async () => {
    setTouched(true);
    if (!status || reasonProblem) return;
    // QA signs a release or rejection; anyone else sends it as it is and hears from the api which role it needs.
    if ((status === 'released' || status === 'rejected') && isQa) {
      setSigning(status);
      return;
    }
    setBusy(true);
    try {
      done(await call('units.setStatus', { ref: unit.ref, status, reason: reason.trim() }));
    } catch (error) {
      onAnswer({ tone: 'refused', error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)) });
    } finally {
      setBusy(false);
    }
  };

  /** Refusals of the signature (wrong password, two-person rule) stay in the dialog; the signer can try again or cancel. */
  const sign = async (signature: SigningComponents) => {
    if (!signing) return;
    try {
      done(await call('units.setStatus', { ref: unit.ref, status: signing, reason: reason.trim(), signature }));
    } catch (error) {
      // A refusal of the decision itself (the unit's status, what it holds) closes the dialog and shows in the banner.
      if (!(error instanceof ApiError) || !decisionRefusals.has(error.code)) throw error;
      setSigning(null);
      onAnswer({ tone: 'refused', error });
    }
  };

  return (
    <>
      <SignDialog
        opened={signing !== null}
        title={`${signing === 'rejected' ? 'Rejection' : 'Release'} of ${unit.type === 'lot' ? 'Lot' : 'Serial'} ${unit.lot ?? unit.serial ?? ''} of ${unit.item}`}
        facts={[
          { label: unit.type === 'lot' ? 'Lot' : 'Serial', value: `${unit.ref} — ${unit.description}` },
          { label: 'Decision', value: `${statusLooks[unit.status].word} → ${signing ? statusLooks[signing].word : ''}` },
          { label: 'Reason', value: reason.trim() },
          { label: 'Quantity', value: `${unit.onHand} ${unit.unit} on hand` },
          {
            label: 'Record signed',
            value: 'The status decision this writes (record kind lot-decision), hashed with SHA-256 as it is recorded',
          },
        ]}
        meanings={signing ? [signing] : []}
        onSign={sign}
        onCancel={() => setSigning(null)}
      />
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
    </>
  );
}
