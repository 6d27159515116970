// The recall console: every campaign (drills with their time to a complete report) and a form to start one from
// suspect lots or serials. A new campaign is a draft; its page opens it with a signature.
import { useState } from 'react';
import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import type { CampaignHeader } from '../../../../common/api/recall';
import type { Route } from '../../app/routes';
import { navigate } from '../../app/navigation';
import { call } from '../../api/client';
import { useAction } from '../../api/useAction';
import type { ApiError } from '../../api/client';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ErrorBanner } from '../../components/ResultBanner';
import { Screen } from '../../components/Screen';
import { Time } from '../../components/Time';
import { campaignStatusWords } from './recallWords';
import { DrillHistoryPanel } from './DrillHistoryPanel';

function NewCampaignForm({ initialRef }: { initialRef: string | undefined }) {
  const [refs, setRefs] = useState(initialRef ?? '');
  const [title, setTitle] = useState('');
  const [reason, setReason] = useState('');
  const [classification, setClassification] = useState('Class II');
  const [drill, setDrill] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { busy, run } = useAction();
  const start = async () => {
    const outcome = await run(() =>
      call('recalls.create', { title, reason, classification, drill, seeds: { refs: refs.split(/[\s,]+/).filter((r) => r !== '') } }),
    );
    if (outcome.ok) navigate({ screen: 'recall', number: outcome.value.number });
    else setError(outcome.error);
  };
  return (
    <Panel title="Start a campaign" testId="recall-new">
      <Stack gap="sm">
        <TextInput label="Suspect lots or serials" description="PART:LOT or PART#SERIAL, separated by spaces" value={refs} onChange={(e) => setRefs(e.currentTarget.value)} data-testid="recall-refs" />
        <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="recall-title" />
        <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="recall-reason" />
        <Group align="flex-end">
          <TextInput label="Classification" value={classification} onChange={(e) => setClassification(e.currentTarget.value)} />
          <Checkbox label="Mock recall (drill): no holds, no letters" checked={drill} onChange={(e) => setDrill(e.currentTarget.checked)} data-testid="recall-drill" />
        </Group>
        {error ? <ErrorBanner error={error} onClose={() => setError(null)} /> : null}
        <Group>
          <Button onClick={() => void start()} loading={busy} disabled={refs.trim() === '' || title.trim() === '' || reason.trim().length < 3} data-testid="recall-start">
            Start draft
          </Button>
        </Group>
      </Stack>
    </Panel>
  );
}

export function RecallsScreen({ route }: { route: Extract<Route, { screen: 'recalls' }> }) {
  const list = useCommand('recalls.list', {});
  const campaigns = list.data ?? [];
  const open = campaigns.filter((c) => c.status === 'open' || c.status === 'monitoring').length;
  return (
    <Screen name="recalls" title="Recalls" subtitle={list.data ? `${campaigns.length} campaigns · ${open} open or monitoring` : undefined} ready={list.status === 'ready'} error={list.error}>
      <Stack gap="md">
        <NewCampaignForm initialRef={route.ref} />
        <Panel title="Campaigns">
          <DataTable<CampaignHeader>
            rows={campaigns}
            rowKey={(c) => c.number}
            onRowClick={(c) => navigate({ screen: 'recall', number: c.number })}
            emptyText="No recall, field action or mock recall yet."
            testId="recall-list"
            columns={[
              { key: 'number', header: 'Campaign', render: (c) => c.number },
              { key: 'title', header: 'Title', render: (c) => c.title, wrap: true },
              { key: 'kind', header: 'Kind', render: (c) => `${c.kind === 'recall' ? 'Recall' : 'Field action'}${c.drill ? ' (drill)' : ''}` },
              { key: 'status', header: 'Status', render: (c) => campaignStatusWords[c.status] },
              { key: 'opened', header: 'Opened', render: (c) => <Time iso={c.openedAt} /> },
              { key: 'elapsed', header: 'Minutes to report', align: 'right', render: (c) => (c.elapsedMinutes === null ? '—' : c.elapsedMinutes.toFixed(2)) },
            ]}
          />
        </Panel>
        <DrillHistoryPanel campaigns={campaigns} />
      </Stack>
    </Screen>
  );
}
