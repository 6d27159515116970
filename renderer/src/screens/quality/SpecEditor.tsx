// Writing a new version of an item's test specification (a draft until QA approves it): its stage, a note, and each
// characteristic with its method, unit and limits (or the expected text) and sample size. Starts from the newest version.
import { useState } from 'react';
import { ActionIcon, Button, Group, NumberInput, SegmentedControl, Select, Stack, Table, TextInput } from '@mantine/core';
import { Plus, Trash2 } from 'lucide-react';
import type { CharacteristicInput, SpecStage, SpecVersion } from '../../../../common/api/quality';
import { specStages } from '../../../../common/api/quality';
import type { ApiError } from '../../api/client';
import { call } from '../../api/client';
import { useAction } from '../../api/useAction';
import { ErrorBanner } from '../../components/ResultBanner';
import { stageWords } from './qualityWords';

interface Row {
  key: number;
  name: string;
  method: string;
  kind: 'numeric' | 'text';
  unit: string;
  lower: number | string;
  upper: number | string;
  expected: string;
  sampleSize: number | string;
}

let nextKey = 1;
const emptyRow = (): Row => ({
  key: nextKey++,
  name: '',
  method: '',
  kind: 'numeric',
  unit: '',
  lower: '',
  upper: '',
  expected: '',
  sampleSize: 1,
});

function rowsFrom(spec: SpecVersion | undefined): Row[] {
  if (!spec) return [emptyRow()];
  return spec.characteristics.map((c) => ({
    ...emptyRow(),
    name: c.name,
    method: c.method,
    sampleSize: c.sampleSize,
    ...(c.criterion.kind === 'numeric'
      ? { kind: 'numeric' as const, unit: c.criterion.unit, lower: c.criterion.lower ?? '', upper: c.criterion.upper ?? '' }
      : { kind: 'text' as const, expected: c.criterion.expected }),
  }));
}

const asNumber = (v: number | string): number | undefined => (v === '' ? undefined : Number(v));

function toInput(row: Row): CharacteristicInput {
  const base = { name: row.name, method: row.method, sampleSize: Number(row.sampleSize) };
  if (row.kind === 'text') return { ...base, expected: row.expected };
  const lower = asNumber(row.lower);
  const upper = asNumber(row.upper);
  return { ...base, unit: row.unit, ...(lower === undefined ? {} : { lower }), ...(upper === undefined ? {} : { upper }) };
}

export interface SpecEditorProps {
  part: string;
  /** The version the new one starts from (the newest), if any. */
  from?: SpecVersion | undefined;
  onSaved: (spec: SpecVersion) => void;
  onCancel: () => void;
}

export function SpecEditor({ part, from, onSaved, onCancel }: SpecEditorProps) {
  const [stage, setStage] = useState<SpecStage>(from?.stage ?? 'incoming');
  const [note, setNote] = useState('');
  const [rows, setRows] = useState<Row[]>(() => rowsFrom(from));
  const [error, setError] = useState<ApiError | null>(null);
  const { busy, run } = useAction();
  const change = (key: number, patch: Partial<Row>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const save = async () => {
    setError(null);
    const outcome = await run(() =>
      call('specs.create', { part, stage, ...(note.trim() ? { note: note.trim() } : {}), characteristics: rows.map(toInput) }),
    );
    if (outcome.ok) onSaved(outcome.value);
    else setError(outcome.error);
  };

  return (
    <form
      data-testid="spec-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        {error ? <ErrorBanner error={error} title="Spec not saved" onClose={() => setError(null)} /> : null}
        <Group gap="sm" align="flex-start">
          <Select
            label="Stage"
            data={specStages.map((s) => ({ value: s, label: stageWords[s] }))}
            value={stage}
            onChange={(v) => setStage(v ?? 'incoming')}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="What changed (note)"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
            style={{ flex: 1 }}
            data-testid="spec-note"
          />
        </Group>
        <Table withTableBorder verticalSpacing={4} horizontalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Characteristic</Table.Th>
              <Table.Th>Method</Table.Th>
              <Table.Th w={170}>Judged by</Table.Th>
              <Table.Th w={90}>Unit</Table.Th>
              <Table.Th w={100}>Lower</Table.Th>
              <Table.Th w={100}>Upper / expected</Table.Th>
              <Table.Th w={80}>Samples</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={row.key} data-testid="spec-characteristic">
                <Table.Td>
                  <TextInput
                    aria-label={`Characteristic ${i + 1} name`}
                    value={row.name}
                    onChange={(e) => change(row.key, { name: e.currentTarget.value })}
                    data-testid="spec-name"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Characteristic ${i + 1} method`}
                    value={row.method}
                    onChange={(e) => change(row.key, { method: e.currentTarget.value })}
                    data-testid="spec-method"
                  />
                </Table.Td>
                <Table.Td>
                  <SegmentedControl
                    size="xs"
                    value={row.kind}
                    onChange={(v) => change(row.key, { kind: v === 'text' ? 'text' : 'numeric' })}
                    data={[
                      { value: 'numeric', label: 'Limits' },
                      { value: 'text', label: 'Text' },
                    ]}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Characteristic ${i + 1} unit`}
                    value={row.unit}
                    disabled={row.kind === 'text'}
                    onChange={(e) => change(row.key, { unit: e.currentTarget.value })}
                    data-testid="spec-unit"
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`Characteristic ${i + 1} lower limit`}
                    value={row.lower}
                    disabled={row.kind === 'text'}
                    onChange={(v) => change(row.key, { lower: v })}
                    hideControls
                    data-testid="spec-lower"
                  />
                </Table.Td>
                <Table.Td>
                  {row.kind === 'numeric' ? (
                    <NumberInput
                      aria-label={`Characteristic ${i + 1} upper limit`}
                      value={row.upper}
                      onChange={(v) => change(row.key, { upper: v })}
                      hideControls
                      data-testid="spec-upper"
                    />
                  ) : (
                    <TextInput
                      aria-label={`Characteristic ${i + 1} expected value`}
                      value={row.expected}
                      onChange={(e) => change(row.key, { expected: e.currentTarget.value })}
                      data-testid="spec-expected"
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`Characteristic ${i + 1} sample size`}
                    value={row.sampleSize}
                    min={1}
                    onChange={(v) => change(row.key, { sampleSize: v })}
                    hideControls
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove characteristic ${i + 1}`}
                    disabled={rows.length === 1}
                    onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}
                  >
                    <Trash2 size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<Plus size={16} />}
            onClick={() => setRows((list) => [...list, emptyRow()])}
            data-testid="spec-add-characteristic"
          >
            Add characteristic
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="spec-save">
              Save as draft version {(from?.version ?? 0) + 1}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
