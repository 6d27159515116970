// The lot / serial page: identity, status with history and reasons, quantities, events, shipments, service.
import { useState } from 'react';
import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { ArrowLeft, ArrowRight, Siren } from 'lucide-react';
import { useAuth } from '../../auth/authStore';
import type { UnitDetail } from '../../../../common/domain';
import { playResultTone } from '../../app/resultTone';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { FactGrid } from '../../components/FactGrid';
import { Panel } from '../../components/Panel';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { RouteButton, RouteLink } from '../../components/RouteLink';
import { Screen } from '../../components/Screen';
import { StatusBadge, isExpired, statusLooks } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { UnitIdentity } from '../../components/UnitIdentity';
import { refCodeLabel, unitCodeLabel } from '../../format/unitLabels';
import type { StatusChangeAnswer } from './StatusChangeForm';
import { StatusChangeForm } from './StatusChangeForm';
import { SampleForm } from './SampleForm';
import { StatusHistory } from './StatusHistory';
import { UnitEventsTable } from './UnitEventsTable';
import { CertificatesPanel } from '../quality/CertificatesPanel';
import { UnitTestsPanel } from '../quality/UnitTestsPanel';

function QuantityFacts({ detail }: { detail: UnitDetail }) {
  const unit = detail.unit.unit;
  const q = detail.quantities;
  return (
    <FactGrid
      cols={q.sampled === '0' ? 5 : 6}
      facts={[
        { label: 'Received', value: `${q.received} ${unit}` },
        { label: 'Produced', value: `${q.produced} ${unit}` },
        { label: 'Consumed', value: `${q.consumed} ${unit}` },
        { label: 'Shipped', value: `${q.shipped} ${unit}` },
        ...(q.sampled === '0' ? [] : [{ label: 'Sampled', value: `${q.sampled} ${unit}` }]),
        { label: 'On hand', value: <Text span fw={700} inherit data-testid="on-hand">{`${q.onHand} ${unit}`}</Text> },
      ]}
    />
  );
}

function OriginFacts({ detail }: { detail: UnitDetail }) {
  return (
    <FactGrid
      cols={3}
      facts={[
        {
          label: 'Came from',
          value: detail.workOrder ? (
            <RouteLink to={{ screen: 'workOrder', number: detail.workOrder }}>Work order {detail.workOrder}</RouteLink>
          ) : detail.supplier ? (
            `${detail.supplier.name} (${detail.supplier.code})`
          ) : (
            '—'
          ),
        },
        { label: 'Supplier lot', value: detail.supplier?.supplierLot ?? '—' },
        { label: 'Receipt', value: detail.receipt ?? '—' },
        { label: 'Made / received', value: <Time iso={detail.unit.producedAt} /> },
        { label: 'Expires', value: <Time iso={detail.unit.expiresAt} /> },
        { label: 'Warranty ends', value: <Time iso={detail.warrantyEnds} /> },
      ]}
    />
  );
}

function ShipmentsTable({ shipments }: { shipments: UnitDetail['shipments'] }) {
  return (
    <DataTable
      rows={shipments}
      rowKey={(s) => s.number}
      testId="unit-shipments"
      emptyText="Not shipped."
      columns={[
        {
          key: 'number',
          header: 'Shipment',
          width: 140,
          render: (s) => (
            <RouteLink to={{ screen: 'shipment', number: s.number }} fw={600} size="sm">
              {s.number}
            </RouteLink>
          ),
        },
        { key: 'customer', header: 'Customer', render: (s) => s.customer },
        { key: 'shipTo', header: 'Ship to', render: (s) => s.shipTo },
        { key: 'date', header: 'Shipped', width: 170, render: (s) => <Time iso={s.shipDate} /> },
        { key: 'quantity', header: 'Quantity', width: 100, align: 'right', render: (s) => s.quantity },
      ]}
    />
  );
}

function ServiceTable({ records }: { records: UnitDetail['service'] }) {
  return (
    <DataTable
      rows={records}
      rowKey={(r) => r.id}
      testId="unit-service"
      emptyText="No service records."
      columns={[
        { key: 'number', header: 'Record', width: 120, render: (r) => r.number },
        { key: 'when', header: 'When', width: 170, render: (r) => <Time iso={r.performedAt} /> },
        { key: 'kind', header: 'Kind', width: 130, render: (r) => r.kind.replace(/_/g, ' ') },
        { key: 'description', header: 'What was done', render: (r) => r.description },
        {
          key: 'removed',
          header: 'Removed',
          width: 170,
          render: (r) =>
            r.removed ? (
              <RouteLink to={{ screen: 'unit', ref: r.removed }} size="sm">
                {r.removed}
              </RouteLink>
            ) : (
              '—'
            ),
        },
        {
          key: 'installed',
          header: 'Installed',
          width: 170,
          render: (r) =>
            r.installed ? (
              <RouteLink to={{ screen: 'unit', ref: r.installed }} size="sm">
                {r.installed}
              </RouteLink>
            ) : (
              '—'
            ),
        },
        { key: 'who', header: 'Who', width: 100, render: (r) => r.actor },
      ]}
    />
  );
}

export function StatusChangeBanner({ answer, onClose }: { answer: StatusChangeAnswer; onClose: () => void }) {
  if (answer.tone === 'refused') return <ErrorBanner error={answer.error} title="Status not changed" onClose={onClose} />;
  return (
    <ResultBanner
      tone="accepted"
      title={`${unitCodeLabel(answer.unit)} is now ${statusLooks[answer.unit.status].word.toLowerCase()}`}
      onClose={onClose}
    >
      Reason recorded in the audit trail: “{answer.reason}”
    </ResultBanner>
  );
}

export function UnitScreen({ unitRef }: { unitRef: string }) {
  const detail = useCommand('units.get', { ref: unitRef });
  // QA opens recalls: a suspect lot or serial starts one from here, its refs filled in.
  const isQa = useAuth((s) => s.user?.roles.includes('qa') ?? false);
  const [answer, setAnswer] = useState<StatusChangeAnswer | null>(null);
  const data = detail.data;

  const onAnswer = (next: StatusChangeAnswer) => {
    setAnswer(next);
    playResultTone(next.tone);
  };

  return (
    <Screen
      name="unit"
      title={refCodeLabel(unitRef)}
      heading={data ? <UnitIdentity unit={data.unit} /> : undefined}
      ready={detail.status === 'ready'}
      error={detail.error}
      actions={
        <>
          {data ? (
            <Group gap={6} data-testid="unit-status">
              <StatusBadge status={data.unit.status} size="lg" />
              {isExpired(data.unit) ? <StatusBadge status="expired" size="lg" /> : null}
            </Group>
          ) : null}
          <RouteButton
            variant="default"
            leftSection={<ArrowLeft size={18} />}
            to={{ screen: 'trace', ref: data?.unit.ref ?? unitRef, direction: 'backward' }}
            data-testid="trace-backward"
          >
            Trace backward
          </RouteButton>
          <RouteButton
            variant="default"
            rightSection={<ArrowRight size={18} />}
            to={{ screen: 'trace', ref: data?.unit.ref ?? unitRef, direction: 'forward' }}
            data-testid="trace-forward"
          >
            Trace forward
          </RouteButton>
          {isQa ? (
            <RouteButton
              variant="default"
              color="red"
              leftSection={<Siren size={18} />}
              to={{ screen: 'recalls', ref: data?.unit.ref ?? unitRef }}
              data-testid="start-recall"
            >
              Recall…
            </RouteButton>
          ) : null}
        </>
      }
    >
      {answer ? <StatusChangeBanner answer={answer} onClose={() => setAnswer(null)} /> : null}
      {data ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Panel title="Status">
              <Stack gap="md">
                <Text size="sm">
                  <Text span fw={700} inherit>
                    Current reason:{' '}
                  </Text>
                  {data.unit.statusReason ?? '—'}
                </Text>
                <StatusChangeForm unit={data.unit} onAnswer={onAnswer} />
                <StatusHistory history={data.statusHistory} />
              </Stack>
            </Panel>
            <Stack gap="md">
              <Panel title="Quantities">
                <Stack gap="sm">
                  <QuantityFacts detail={data} />
                  {['quarantine', 'released', 'on_hold'].includes(data.unit.status) ? <SampleForm unit={data.unit} /> : null}
                </Stack>
              </Panel>
              <Panel title="Origin and dates">
                <OriginFacts detail={data} />
              </Panel>
            </Stack>
          </SimpleGrid>
          <UnitTestsPanel unitRef={data.unit.ref} />
          <CertificatesPanel unitRef={data.unit.ref} />
          <Panel title={`Events (${data.events.length})`}>
            <UnitEventsTable events={data.events} unitRef={data.unit.ref} />
          </Panel>
          <SimpleGrid cols={{ base: 1, xl: data.unit.type === 'serial' ? 2 : 1 }} spacing="md">
            <Panel title={`Shipments (${data.shipments.length})`}>
              <ShipmentsTable shipments={data.shipments} />
            </Panel>
            {data.unit.type === 'serial' ? (
              <Panel title={`Service records (${data.service.length})`}>
                <ServiceTable records={data.service} />
              </Panel>
            ) : null}
          </SimpleGrid>
        </Stack>
      ) : null}
    </Screen>
  );
}
