// A campaign's page: what it is and its signed steps; the scope drawn with the trace explorer's graph; who received
// what (impact per customer); responses with the effectiveness per customer and overall; and the mass balance of
// every lot in scope, unexplained differences in red. Opening, monitoring and closing are signed in the sign dialog.
import { useMemo, useState } from 'react';
import { Badge, Button, Checkbox, Group, Progress, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { SCOPE_GRAPH_LIMIT } from '../../../../common/api/recall';
import type { Campaign, CampaignStatus, CustomerImpact, CustomerTracking, MassBalanceRow } from '../../../../common/api/recall';
import { call } from '../../api/client';
import type { ApiError } from '../../api/client';
import { useAction } from '../../api/useAction';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ErrorBanner, OutcomeBanners } from '../../components/ResultBanner';
import { Screen } from '../../components/Screen';
import { SignDialog } from '../../components/SignDialog';
import type { SigningComponents } from '../../components/SignDialog';
import { Time } from '../../components/Time';
import { plural } from '../../format/plural';
import { buildTraceGraph } from '../trace/traceGraph';
import { TraceGraphView } from '../trace/TraceGraphView';
import { campaignStatusWords, percent } from './recallWords';
import { scopeAsTrace } from './scopeGraph';
import { downloadRecallFile, RecallDownloads } from './RecallDownloads';
import { RecallDecisions } from './RecallDecisions';
import { CampaignRecords } from './CampaignRecords';

type Step = { to: CampaignStatus; label: string; command: 'recalls.open' | 'recalls.monitor' | 'recalls.close' };

function nextStep(c: Campaign): Step | null {
  if (c.status === 'draft') return { to: 'open', label: 'Open and contain', command: 'recalls.open' };
  if (c.status === 'open' && !c.drill) return { to: 'monitoring', label: 'Move to monitoring', command: 'recalls.monitor' };
  if (c.status === 'monitoring' || (c.status === 'open' && c.drill)) return { to: 'closed', label: 'Close', command: 'recalls.close' };
  return null;
}

/** A customer's shipments in a table cell: every number up to a few, else how many and the first ones (the consignee sheet has them all). */
const SHIPMENTS_NAMED = 5;
function shipmentNumbers(shipments: CustomerImpact['shipments']): string {
  const named = shipments.slice(0, SHIPMENTS_NAMED).map((s) => s.number);
  return shipments.length <= SHIPMENTS_NAMED ? named.join(', ') : `${shipments.length.toLocaleString()}: ${named.join(', ')}, …`;
}

function ScopeGraph({ number }: { number: string }) {
  // Rows only for a scope the graph can draw: a wide scope's page reads its totals (its tables and files have every row).
  const scope = useCommand('recalls.scope', { number, limit: SCOPE_GRAPH_LIMIT });
  const graph = useMemo(() => {
    const trace = scope.data?.listed ? scopeAsTrace(scope.data) : null;
    return trace ? buildTraceGraph(trace) : null;
  }, [scope.data]);
  const [, setReady] = useState(false);
  const t = scope.data?.totals;
  return (
    <Panel title="Scope" testId="recall-scope">
      {t ? (
        <Text size="sm" mb="xs" data-testid="recall-scope-totals">
          {plural(t.units, 'lot or serial', 'lots and serials')} reached · {t.inScope.toLocaleString()} in scope · {t.finished.toLocaleString()} finished ·{' '}
          {t.inHouse.toLocaleString()} in house · {plural(t.shipmentLines, 'shipment line')} to {plural(t.customers, 'customer')} at{' '}
          {plural(t.locations, 'ship-to location')}
        </Text>
      ) : null}
      <div style={{ height: 420 }} data-testid="recall-scope-graph">
        {graph ? (
          <TraceGraphView graph={graph} onSelect={() => undefined} onReady={setReady} />
        ) : (
          <Text c="dimmed">The graph shows scopes of up to {SCOPE_GRAPH_LIMIT.toLocaleString()} lots and serials; the tables below and the downloads list every row.</Text>
        )}
      </div>
    </Panel>
  );
}

function LetterButton({ number, customer }: { number: string; customer: string }) {
  const [error, setError] = useState<ApiError | null>(null);
  const { busy, run } = useAction();
  const get = async () => {
    const outcome = await run(() => downloadRecallFile(number, 'letter', customer));
    setError(outcome.ok ? null : outcome.error);
  };
  return (
    <Stack gap={2}>
      <Button size="xs" variant="default" onClick={() => void get()} loading={busy} data-testid={`recall-letter-${customer}`}>
        Letter PDF
      </Button>
      {error ? <ErrorBanner error={error} onClose={() => setError(null)} /> : null}
    </Stack>
  );
}

function ResponseForm({ number, customers }: { number: string; customers: readonly CustomerImpact[] }) {
  const [customer, setCustomer] = useState<string | null>(customers[0]?.code ?? null);
  const [ack, setAck] = useState(true);
  const [returned, setReturned] = useState('');
  const [destroyed, setDestroyed] = useState('');
  const [corrected, setCorrected] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, run } = useAction();
  const save = async () => {
    if (customer === null) return;
    const outcome = await run(() =>
      call('recalls.respond', {
        number,
        customer,
        acknowledged: ack,
        ...(returned ? { returned } : {}),
        ...(destroyed ? { destroyed } : {}),
        ...(corrected ? { corrected } : {}),
      }),
    );
    if (outcome.ok) {
      const c = outcome.value.customers.find((x) => x.code === customer);
      setDone(`${customer}: ${c?.accounted ?? '0'} of ${c?.shipped ?? '0'} accounted (${percent(c?.effectiveness ?? null)}).`);
      setError(null);
      setReturned('');
      setDestroyed('');
      setCorrected('');
    } else setError(outcome.error);
  };
  return (
    <Stack gap="xs" data-testid="recall-response-form">
      <Group align="flex-end" wrap="wrap">
        <Select label="Customer" data={customers.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))} value={customer} onChange={setCustomer} data-testid="response-customer" />
        <Checkbox label="Acknowledged" checked={ack} onChange={(e) => setAck(e.currentTarget.checked)} />
        <TextInput label="Returned" w={100} value={returned} onChange={(e) => setReturned(e.currentTarget.value)} data-testid="response-returned" />
        <TextInput label="Destroyed" w={100} value={destroyed} onChange={(e) => setDestroyed(e.currentTarget.value)} data-testid="response-destroyed" />
        <TextInput label="Corrected" w={100} value={corrected} onChange={(e) => setCorrected(e.currentTarget.value)} />
        <Button onClick={() => void save()} loading={busy} disabled={customer === null} data-testid="response-save">
          Record response
        </Button>
      </Group>
      <OutcomeBanners error={error} done={done} title="Response recorded" onClose={(which) => (which === 'error' ? setError(null) : setDone(null))} />
    </Stack>
  );
}

export function RecallScreen({ number }: { number: string }) {
  const campaign = useCommand('recalls.get', { number });
  // Shipments counted, not listed line by line: a wide recall has 100,000s of lines (its letters and sheets list them).
  const impact = useCommand('recalls.impact', { number, lines: false });
  const tracking = useCommand('recalls.tracking', { number });
  const balance = useCommand('recalls.massBalance', { number });
  const [signing, setSigning] = useState<Step | null>(null);
  const [explanation, setExplanation] = useState('');
  const c = campaign.data;
  const step = c ? nextStep(c) : null;
  const unexplained = balance.data?.unexplained ?? 0;
  const sign = async (signature: SigningComponents) => {
    if (!signing) return;
    if (signing.command === 'recalls.close') await call('recalls.close', { number, signature, ...(explanation.trim() ? { explanation: explanation.trim() } : {}) });
    else await call(signing.command, { number, signature });
    setSigning(null);
  };
  const ready = [campaign, impact, tracking, balance].every((x) => x.status === 'ready');
  return (
    <Screen
      name="recall"
      title={c ? `${c.number} — ${c.title}` : number}
      subtitle={c ? `${c.drill ? 'Mock recall' : c.kind === 'recall' ? 'Recall' : 'Field action'} · ${c.classification} · ${campaignStatusWords[c.status]}` : undefined}
      ready={ready}
      error={campaign.error ?? impact.error ?? tracking.error ?? balance.error}
      actions={
        step ? (
          <Button onClick={() => setSigning(step)} data-testid="recall-step" color={step.to === 'closed' ? 'green' : 'orange'}>
            {step.label}…
          </Button>
        ) : (
          <Badge size="lg" color="gray" data-testid="recall-status">
            {c ? campaignStatusWords[c.status] : ''}
          </Badge>
        )
      }
    >
      {c ? (
        <Stack gap="md">
          <Panel title="Campaign">
            <SimpleGrid cols={3} spacing="xs">
              <Text size="sm">Reason: {c.reason}</Text>
              <Text size="sm">Owner: {c.owner}</Text>
              <Text size="sm">Started from: {c.seeds.join(', ')}</Text>
              <Text size="sm" data-testid="recall-holds">
                Holds: {c.holds.active} active, {c.holds.lifted} lifted
              </Text>
              <Text size="sm">
                Opened: <Time iso={c.openedAt} />
              </Text>
              <Text size="sm">Time to complete report: {c.elapsedMinutes === null ? '—' : `${c.elapsedMinutes.toFixed(2)} min`}</Text>
            </SimpleGrid>
            {c.steps.length > 0 ? (
              <Stack gap={2} mt="sm" data-testid="recall-steps">
                {c.steps.map((s) => (
                  <Text size="sm" key={`${s.from}-${s.to}`}>
                    {campaignStatusWords[s.from]} → {campaignStatusWords[s.to]} by {s.by}, <Time iso={s.at} />
                    {s.signatures.map((g) => ` · signed ${g.printedName} (${g.meaning})${g.valid ? '' : ' — no longer valid'}`).join('')}
                  </Text>
                ))}
              </Stack>
            ) : null}
          </Panel>
          <Panel title="Documents" testId="recall-documents">
            <RecallDownloads campaign={c} onReported={campaign.reload} />
          </Panel>
          <ScopeGraph number={number} />
          <RecallDecisions campaign={c} />
          <CampaignRecords campaign={c} fieldActions={tracking.data?.fieldActions ?? []} />
          <Panel title="Customers" testId="recall-customers">
            <DataTable<CustomerImpact>
              rows={impact.data?.customers ?? []}
              rowKey={(x) => x.code}
              testId="recall-customers-table"
              emptyText="Nothing in scope has shipped."
              pending={impact.status === 'loading' ? 'Working out which customers received what is in scope…' : undefined}
              columns={[
                { key: 'code', header: 'Customer', render: (x) => `${x.code} — ${x.name}` },
                { key: 'contact', header: 'Contact', render: (x) => [x.contact, x.email].filter((v) => v !== null).join(', ') || '—' },
                { key: 'shipTo', header: 'Ship-to', render: (x) => x.locations.map((l) => l.name).join(', ') },
                { key: 'shipments', header: 'Shipments', align: 'right', render: (x) => shipmentNumbers(x.shipments) },
                { key: 'qty', header: 'Quantity', align: 'right', render: (x) => x.quantity },
                { key: 'dates', header: 'Shipped', render: (x) => `${x.firstShipped.slice(0, 10)} – ${x.lastShipped.slice(0, 10)}` },
                ...(c.drill || c.status === 'draft'
                  ? []
                  : [{ key: 'letter', header: 'Notification', render: (x: CustomerImpact) => <LetterButton number={number} customer={x.code} /> }]),
              ]}
            />
          </Panel>
          <Panel title="Responses and effectiveness" testId="recall-responses">
            <Stack gap="sm">
              {c.status === 'open' || c.status === 'monitoring' ? <ResponseForm number={number} customers={impact.data?.customers ?? []} /> : null}
              <DataTable<CustomerTracking>
                rows={tracking.data?.customers ?? []}
                rowKey={(x) => x.code}
                testId="recall-tracking"
                pending={tracking.status === 'loading' ? 'Counting what each customer has accounted for…' : undefined}
                columns={[
                  { key: 'code', header: 'Customer', render: (x) => x.code },
                  { key: 'ack', header: 'Acknowledged', render: (x) => (x.acknowledged ? 'Yes' : 'No') },
                  { key: 'shipped', header: 'Shipped', align: 'right', render: (x) => x.shipped },
                  { key: 'returned', header: 'Returned', align: 'right', render: (x) => x.returned },
                  { key: 'destroyed', header: 'Destroyed', align: 'right', render: (x) => x.destroyed },
                  { key: 'corrected', header: 'Corrected (reported)', align: 'right', render: (x) => x.corrected },
                  { key: 'fa', header: 'Field actions (serials)', align: 'right', render: (x) => `${x.fieldActions} (${x.fieldActioned})` },
                  { key: 'counted', header: 'Corrected, counted', align: 'right', render: (x) => x.correctedInField },
                  {
                    key: 'eff',
                    header: 'Effectiveness',
                    render: (x) => (
                      <Group gap="xs" wrap="nowrap">
                        <Progress value={Math.min(100, (x.effectiveness ?? 0) * 100)} w={90} aria-label={`Effectiveness of ${x.code}`} />
                        <Text size="sm">{percent(x.effectiveness)}</Text>
                      </Group>
                    ),
                  },
                ]}
              />
              <Text size="xs" c="dimmed">
                Accounted = returned + destroyed + corrected in the field, where corrected counts the greater of the customer&apos;s figure and its serials
                with a field action (the same units, never added), up to what the customer was shipped.
              </Text>
              <Text fw={600} data-testid="recall-effectiveness">
                {tracking.data
                  ? `Overall: ${tracking.data.overall.accounted} of ${tracking.data.overall.shipped} accounted — ${percent(tracking.data.overall.effectiveness)}`
                  : 'Overall: counting…'}
              </Text>
            </Stack>
          </Panel>
          <Panel title={balance.data ? `Mass balance (${balance.data.lots.length.toLocaleString()} ${balance.data.lots.length === 1 ? 'lot' : 'lots'}, ${unexplained.toLocaleString()} unexplained)` : 'Mass balance (counting…)'} testId="recall-mass-balance">
            {unexplained > 0 && step?.to === 'closed' ? (
              <TextInput
                mb="sm"
                label="Explanation of the unexplained differences (signed with the closing; without it the campaign cannot close)"
                value={explanation}
                onChange={(e) => setExplanation(e.currentTarget.value)}
                data-testid="recall-explanation"
              />
            ) : null}
            <DataTable<MassBalanceRow>
              rows={balance.data?.lots ?? []}
              rowKey={(x) => x.ref}
              testId="recall-mass-balance-table"
              pending={balance.status === 'loading' ? 'Balancing every lot in scope…' : undefined}
              maxHeight={360}
              columns={[
                { key: 'ref', header: 'Lot', render: (x) => x.ref },
                { key: 'produced', header: 'Produced', align: 'right', render: (x) => x.produced },
                { key: 'returned', header: 'Returned', align: 'right', render: (x) => x.returned },
                { key: 'shipped', header: 'Shipped', align: 'right', render: (x) => x.shipped },
                { key: 'consumed', header: 'Consumed', align: 'right', render: (x) => x.consumed },
                { key: 'inHouse', header: 'In house', align: 'right', render: (x) => x.inHouse },
                { key: 'scrapped', header: 'Scrapped', align: 'right', render: (x) => x.scrapped },
                { key: 'sampled', header: 'Sampled', align: 'right', render: (x) => x.sampled },
                {
                  key: 'unexplained',
                  header: 'Unexplained',
                  align: 'right',
                  render: (x) =>
                    x.unexplained === '0' ? (
                      '0'
                    ) : (
                      <Text component="span" c="red.8" fw={700} data-unexplained="true">
                        {x.unexplained} {x.unit} unexplained
                      </Text>
                    ),
                },
              ]}
            />
          </Panel>
        </Stack>
      ) : null}
      {signing && c ? (
        <SignDialog
          opened
          title={`${signing.label}: ${c.number} — ${c.title}`}
          facts={[
            { label: 'Campaign', value: `${c.number} (${c.drill ? 'mock recall' : c.kind}), ${c.classification}` },
            { label: 'Step', value: `${campaignStatusWords[c.status]} → ${campaignStatusWords[signing.to]}` },
            ...(signing.to === 'open' ? [{ label: 'Containment', value: c.containAs === 'none' ? 'nothing is held' : `every in-house lot and serial in scope goes ${c.containAs.replace('_', ' ')}` }] : []),
            ...(signing.to === 'closed' ? [{ label: 'Effectiveness', value: percent(tracking.data?.overall.effectiveness ?? null) }, { label: 'Mass balance', value: `${unexplained} lots unexplained` }] : []),
          ]}
          meanings={['approved']}
          onSign={sign}
          onCancel={() => setSigning(null)}
        />
      ) : null}
    </Screen>
  );
}
