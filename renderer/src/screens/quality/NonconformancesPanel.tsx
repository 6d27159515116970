// Nonconformances: the open ones (or the closed) with their lot or serial, and the investigation form of the one
// chosen: description, root cause and disposition saved as the work goes on, then closed (who and when kept).
import { useState } from 'react';
import { Button, Group, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import type { NcDisposition, NcStatus, Nonconformance } from '../../../../common/api/quality';
import { ncDispositions } from '../../../../common/api/quality';
import type { ApiError } from '../../api/client';
import { call } from '../../api/client';
import { useAction } from '../../api/useAction';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { RouteLink } from '../../components/RouteLink';
import { Time } from '../../components/Time';
import { dispositionWords } from './qualityWords';

type Answer = { tone: 'accepted'; title: string } | { tone: 'refused'; error: ApiError };

function Investigation({ nc, onAnswer }: { nc: Nonconformance; onAnswer: (a: Answer) => void }) {
  const [description, setDescription] = useState(nc.description);
  const [rootCause, setRootCause] = useState(nc.rootCause ?? '');
  const [disposition, setDisposition] = useState<NcDisposition | null>(nc.disposition);
  const { busy, run } = useAction();
  const [doing, setDoing] = useState<'save' | 'close'>('save');
  const closed = nc.status === 'closed';

  const submit = async (what: 'save' | 'close') => {
    setDoing(what);
    const fields = {
      ...(description.trim() && description.trim() !== nc.description ? { description: description.trim() } : {}),
      ...(rootCause.trim() ? { rootCause: rootCause.trim() } : {}),
      ...(disposition ? { disposition } : {}),
    };
    const outcome = await run(async () => {
      if (what === 'save') {
        await call('nc.update', { number: nc.number, ...fields });
        return `Investigation of ${nc.number} saved`;
      }
      if (fields.description !== undefined) await call('nc.update', { number: nc.number, description: fields.description });
      await call('nc.close', {
        number: nc.number,
        ...(fields.rootCause ? { rootCause: fields.rootCause } : {}),
        ...(disposition ? { disposition } : {}),
      });
      return `${nc.number} closed: ${nc.ref} can be released once its review is done`;
    });
    onAnswer(outcome.ok ? { tone: 'accepted', title: outcome.value } : { tone: 'refused', error: outcome.error });
  };

  return (
    <Stack gap="xs" data-testid="nc-investigation" data-nc={nc.number}>
      <Text fw={700}>
        {nc.number} · {nc.title} · <RouteLink to={{ screen: 'unit', ref: nc.ref }}>{nc.ref}</RouteLink>
      </Text>
      <Text size="sm" c="dimmed">
        Opened by {nc.openedBy} <Time iso={nc.openedAt} />
        {closed ? (
          <>
            {' '}
            · closed by {nc.closedBy} <Time iso={nc.closedAt} />
          </>
        ) : null}
        {nc.results.length > 0 ? ` · results ${nc.results.map((r) => `#${r}`).join(', ')}` : ''}
      </Text>
      <Textarea
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={6}
        disabled={closed}
        data-testid="nc-description"
      />
      <Textarea
        label="Root cause"
        value={rootCause}
        onChange={(e) => setRootCause(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={6}
        disabled={closed}
        data-testid="nc-root-cause"
      />
      <Group align="flex-end" gap="sm">
        <Select
          label="Disposition"
          placeholder="Choose…"
          data={ncDispositions.map((d) => ({ value: d, label: dispositionWords[d] }))}
          value={disposition}
          onChange={(v) => setDisposition(v)}
          disabled={closed}
          w={220}
          comboboxProps={{ withinPortal: true }}
          data-testid="nc-disposition"
        />
        {closed ? null : (
          <>
            <Button variant="default" loading={busy && doing === 'save'} onClick={() => void submit('save')} data-testid="nc-save">
              Save investigation
            </Button>
            <Button
              color="green.8"
              loading={busy && doing === 'close'}
              disabled={!rootCause.trim() || !disposition}
              onClick={() => void submit('close')}
              data-testid="nc-close"
            >
              Close {nc.number}
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}

export function NonconformancesPanel({ initial }: { initial?: string | undefined }) {
  const [status, setStatus] = useState<NcStatus>('open');
  const list = useCommand('nc.list', { status });
  const opened = useCommand('nc.list', {});
  const [chosen, setChosen] = useState<string | null>(initial ?? null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const current = (opened.data ?? []).find((n) => n.number === chosen);

  return (
    <Panel
      title="Nonconformances"
      testId="nc-panel"
      actions={
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v === 'closed' ? 'closed' : 'open')}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed' },
          ]}
          data-testid="nc-filter"
        />
      }
    >
      <Stack gap="sm">
        {answer?.tone === 'accepted' ? <ResultBanner tone="accepted" title={answer.title} onClose={() => setAnswer(null)} /> : null}
        {answer?.tone === 'refused' ? <ErrorBanner error={answer.error} onClose={() => setAnswer(null)} /> : null}
        <DataTable
          rows={list.data ?? []}
          rowKey={(n) => n.number}
          testId="nc-table"
          onRowClick={(n) => setChosen(n.number)}
          emptyText={status === 'open' ? 'No open nonconformances.' : 'No closed nonconformances.'}
          maxHeight="30vh"
          columns={[
            {
              key: 'number',
              header: 'NC',
              width: 100,
              render: (n) => (
                <Button
                  size="compact-sm"
                  variant={n.number === chosen ? 'filled' : 'subtle'}
                  onClick={() => setChosen(n.number)}
                  data-testid="nc-open-investigation"
                >
                  {n.number}
                </Button>
              ),
            },
            { key: 'title', header: 'Title', render: (n) => n.title },
            {
              key: 'unit',
              header: 'Lot / serial',
              width: 220,
              render: (n) => (
                <RouteLink to={{ screen: 'unit', ref: n.ref }} size="sm">
                  {n.ref}
                </RouteLink>
              ),
            },
            {
              key: 'disposition',
              header: 'Disposition',
              width: 150,
              render: (n) => (n.disposition ? dispositionWords[n.disposition] : '—'),
            },
            { key: 'opened', header: 'Opened', width: 170, render: (n) => <Time iso={n.openedAt} /> },
            { key: 'by', header: 'By', width: 90, render: (n) => n.openedBy },
          ]}
        />
        {current ? <Investigation key={`${current.number}|${current.status}`} nc={current} onAnswer={setAnswer} /> : null}
      </Stack>
    </Panel>
  );
}
