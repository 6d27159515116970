// Test specifications per item: every version with its state (draft, approved, in force), the characteristics of the
// one chosen, approval of a draft, and the editor for a new version.
import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { FilePlus, Stamp } from 'lucide-react';
import type { ItemSpecs, SpecVersion } from '../../../../common/api/quality';
import type { ApiError } from '../../api/client';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { Time } from '../../components/Time';
import { SpecApprovalDialog } from './SpecApprovalDialog';
import { SpecEditor } from './SpecEditor';
import { specStateWord, specificationText, stageWords } from './qualityWords';
import type { SpecStateWord } from './qualityWords';

const stateColours: Record<SpecStateWord, string> = { Draft: 'gray', Approved: 'blue', 'In force': 'green', Superseded: 'dark' };

function Characteristics({ spec }: { spec: SpecVersion }) {
  return (
    <DataTable
      rows={spec.characteristics}
      rowKey={(c) => c.name}
      testId="spec-characteristics"
      columns={[
        { key: 'name', header: 'Characteristic', render: (c) => c.name },
        { key: 'method', header: 'Method', render: (c) => c.method },
        { key: 'spec', header: 'Specification', width: 200, render: (c) => specificationText(c.criterion) },
        { key: 'n', header: 'Samples', width: 90, align: 'right', render: (c) => c.sampleSize },
      ]}
    />
  );
}

function ItemSpecsView({ item, onEdit, onAnswer }: { item: ItemSpecs; onEdit: () => void; onAnswer: (a: Answer) => void }) {
  const [chosen, setChosen] = useState(item.versions.find((v) => v.inForce)?.version ?? item.versions[0]?.version);
  const [approving, setApproving] = useState<number | null>(null);
  const spec = item.versions.find((v) => v.version === chosen) ?? item.versions[0];
  const approvingSpec = item.versions.find((v) => v.version === approving);
  return (
    <Stack gap="xs" data-testid="item-specs" data-part={item.part}>
      <Group justify="space-between">
        <Text fw={700}>
          {item.part}{' '}
          <Text span c="dimmed" inherit fw={400}>
            {item.description}
          </Text>
        </Text>
        <Button size="compact-sm" variant="light" leftSection={<FilePlus size={14} />} onClick={onEdit} data-testid="spec-new-version">
          New version
        </Button>
      </Group>
      <DataTable
        rows={item.versions}
        rowKey={(v) => v.version}
        testId="spec-versions"
        onRowClick={(v) => setChosen(v.version)}
        columns={[
          {
            key: 'version',
            header: 'Version',
            width: 80,
            render: (v) => (v.version === spec?.version ? <b>v{v.version}</b> : `v${v.version}`),
          },
          { key: 'stage', header: 'Stage', width: 160, render: (v) => stageWords[v.stage] },
          {
            key: 'state',
            header: 'State',
            width: 110,
            render: (v) => (
              <Badge color={stateColours[specStateWord(v)]} variant="light" data-testid="spec-state">
                {specStateWord(v)}
              </Badge>
            ),
          },
          { key: 'effective', header: 'Effective from', width: 170, render: (v) => <Time iso={v.effectiveFrom} /> },
          { key: 'approved', header: 'Approved by', width: 120, render: (v) => v.approvedBy ?? '—' },
          { key: 'note', header: 'Note', render: (v) => v.note ?? '' },
          {
            key: 'actions',
            header: '',
            width: 110,
            render: (v) =>
              v.status === 'draft' ? (
                <Button
                  size="compact-sm"
                  leftSection={<Stamp size={14} />}
                  variant={approving === v.version ? 'filled' : 'light'}
                  onClick={() => setApproving(v.version)}
                  data-testid="spec-approve"
                >
                  Approve
                </Button>
              ) : null,
          },
        ]}
      />
      {approvingSpec ? (
        <SpecApprovalDialog
          spec={approvingSpec}
          onCancel={() => setApproving(null)}
          onApproved={(approved) => {
            setApproving(null);
            onAnswer({ tone: 'accepted', title: `${item.part} spec version ${approved.version} approved`, spec: approved });
          }}
        />
      ) : null}
      {spec ? <Characteristics spec={spec} /> : null}
    </Stack>
  );
}

type Answer = { tone: 'accepted'; title: string; spec: SpecVersion } | { tone: 'refused'; error: ApiError };

export function SpecsPanel({ firstPart }: { firstPart?: string | undefined }) {
  const specs = useCommand('specs.list', {});
  const items = useCommand('items.list', {});
  const [editing, setEditing] = useState<string | null>(null);
  const [newPart, setNewPart] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const list = [...(specs.data ?? [])].sort((a, b) =>
    a.part === firstPart ? -1 : b.part === firstPart ? 1 : a.part.localeCompare(b.part),
  );
  const withSpecs = new Set(list.map((s) => s.part));

  return (
    <Panel
      title="Test specifications"
      testId="specs-panel"
      actions={
        <Group gap="xs">
          <Select
            placeholder="Item without a spec…"
            data={(items.data ?? [])
              .filter((i) => !withSpecs.has(i.part))
              .map((i) => ({ value: i.part, label: `${i.part} — ${i.description}` }))}
            value={newPart}
            onChange={setNewPart}
            searchable
            w={280}
            comboboxProps={{ withinPortal: true }}
            aria-label="Item for a new spec"
          />
          <Button size="sm" variant="light" disabled={!newPart} onClick={() => setEditing(newPart)}>
            New spec
          </Button>
        </Group>
      }
    >
      <Stack gap="lg">
        {answer?.tone === 'accepted' ? (
          <ResultBanner tone="accepted" title={answer.title} onClose={() => setAnswer(null)}>
            {answer.spec.status === 'approved'
              ? `In force from ${answer.spec.effectiveFrom ?? ''}; results tested from then on are judged by it.`
              : 'Saved as a draft: it judges nothing until it is approved.'}
          </ResultBanner>
        ) : null}
        {answer?.tone === 'refused' ? <ErrorBanner error={answer.error} onClose={() => setAnswer(null)} /> : null}
        {specs.error ? <ErrorBanner error={specs.error} title="Could not load the specs" /> : null}
        {editing && !withSpecs.has(editing) ? (
          <SpecEditor
            part={editing}
            onCancel={() => setEditing(null)}
            onSaved={(spec) => {
              setEditing(null);
              setAnswer({ tone: 'accepted', title: `${spec.part} spec version ${spec.version} saved as a draft`, spec });
            }}
          />
        ) : null}
        {list.map((item) =>
          editing === item.part ? (
            <SpecEditor
              key={item.part}
              part={item.part}
              from={item.versions[0]}
              onCancel={() => setEditing(null)}
              onSaved={(spec) => {
                setEditing(null);
                setAnswer({ tone: 'accepted', title: `${spec.part} spec version ${spec.version} saved as a draft`, spec });
              }}
            />
          ) : (
            <ItemSpecsView key={item.part} item={item} onEdit={() => setEditing(item.part)} onAnswer={setAnswer} />
          ),
        )}
        {specs.data && list.length === 0 ? <Text c="dimmed">No item has a test specification yet.</Text> : null}
      </Stack>
    </Panel>
  );
}
