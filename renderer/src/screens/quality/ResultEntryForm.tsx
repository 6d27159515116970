// Entering a test result against the spec in force (its characteristics offered, method and limits shown, pass or
// out-of-spec previewed as the value is typed), or correcting an earlier result with the reason.
import { useState } from 'react';
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { SpecVersion, TestResult } from '../../../../common/api/quality';
import { judge } from '../../../../common/quality/judge';
import type { ApiError } from '../../api/client';
import { call } from '../../api/client';
import { useAction } from '../../api/useAction';
import { OutcomeBadge } from './OutcomeBadge';
import { specificationText } from './qualityWords';

export type ResultAnswer = { tone: 'accepted'; result: TestResult; corrected: boolean } | { tone: 'refused'; error: ApiError };

export interface ResultEntryFormProps {
  unitRef: string;
  spec: SpecVersion;
  /** Correct this result instead of recording a new one. */
  correcting?: TestResult | undefined;
  onAnswer: (answer: ResultAnswer) => void;
  onCancel?: () => void;
}

const MIN_REASON = 3;

export function ResultEntryForm({ unitRef, spec, correcting, onAnswer, onCancel }: ResultEntryFormProps) {
  const [name, setName] = useState<string | null>(correcting?.characteristic ?? spec.characteristics[0]?.name ?? null);
  const [value, setValue] = useState('');
  const [equipment, setEquipment] = useState(correcting?.equipment ?? '');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, run } = useAction();

  const characteristic = spec.characteristics.find((c) => c.name === name);
  const criterion = correcting?.criterion ?? characteristic?.criterion;
  const preview = criterion && value.trim() ? judge(name ?? '', criterion, value) : null;
  const valueProblem = !value.trim() ? 'Enter the value measured or observed.' : preview && !preview.ok ? preview.problem : null;
  const reasonProblem =
    correcting && reason.trim().length < MIN_REASON
      ? 'Say why it is corrected (at least 3 characters): it is kept with both results.'
      : null;

  const submit = async () => {
    setTouched(true);
    if (!name || valueProblem || reasonProblem) return;
    const fields = { value: value.trim(), ...(equipment.trim() ? { equipment: equipment.trim() } : {}) };
    const outcome = await run(() =>
      correcting
        ? call('results.correct', { result: correcting.id, reason: reason.trim(), ...fields })
        : call('results.record', { ref: unitRef, characteristic: name, ...fields }),
    );
    if (!outcome.ok) return onAnswer({ tone: 'refused', error: outcome.error });
    onAnswer({ tone: 'accepted', result: outcome.value, corrected: correcting !== undefined });
    setValue('');
    setReason('');
    setTouched(false);
  };

  return (
    <form
      data-testid={correcting ? 'result-correction-form' : 'result-entry-form'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        {correcting ? (
          <Text size="sm" fw={600}>
            Correcting result {correcting.id}: {correcting.characteristic} = {String(correcting.value)}
          </Text>
        ) : null}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label="Characteristic"
            data={spec.characteristics.map((c) => c.name)}
            value={name}
            onChange={setName}
            disabled={correcting !== undefined}
            allowDeselect={false}
            w={200}
            data-testid="result-characteristic"
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={criterion?.kind === 'numeric' ? `Value (${criterion.unit})` : 'Observed'}
            placeholder={criterion?.kind === 'text' ? `e.g. ${criterion.expected}` : 'e.g. 7.1'}
            inputMode={criterion?.kind === 'numeric' ? 'decimal' : 'text'}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            error={touched ? valueProblem : undefined}
            w={170}
            data-testid="result-value"
          />
          <TextInput
            label="Instrument / equipment"
            placeholder="e.g. PH-METER-02"
            value={equipment}
            onChange={(event) => setEquipment(event.currentTarget.value)}
            maxLength={60}
            w={200}
            data-testid="result-equipment"
          />
          {correcting ? (
            <TextInput
              label="Reason for the correction"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={touched ? reasonProblem : undefined}
              maxLength={500}
              style={{ flex: 1, minWidth: 220 }}
              data-testid="result-reason"
            />
          ) : null}
          <Group gap="xs" mt={25} wrap="nowrap">
            <Button type="submit" loading={busy} data-testid="result-submit">
              {correcting ? 'Record correction' : 'Record result'}
            </Button>
            {onCancel ? (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            ) : null}
          </Group>
        </Group>
        {characteristic && criterion ? (
          <Group gap="xs" data-testid="result-spec">
            <Text size="sm" c="dimmed">
              Spec v{spec.version}: {specificationText(criterion)} · {characteristic.method} · {characteristic.sampleSize} sample
              {characteristic.sampleSize === 1 ? '' : 's'}
            </Text>
            {preview?.ok ? <OutcomeBadge outcome={preview.outcome} /> : null}
            {preview?.ok && preview.outcome === 'fail' && !correcting ? (
              <Text size="sm" c="red.8" fw={600}>
                Out of spec: recording it opens a nonconformance.
              </Text>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
