import { Stack, Text } from '@mantine/core';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { FactGrid } from '../../components/FactGrid';
import { Panel } from '../../components/Panel';
import { RouteLink } from '../../components/RouteLink';
import { Screen } from '../../components/Screen';
import { Time } from '../../components/Time';
import { refCodeLabel } from '../../format/unitLabels';

export function ShipmentScreen({ number }: { number: string }) {
  const shipment = useCommand('shipments.get', { number });
  const data = shipment.data;
  return (
    <Screen
      name="shipment"
      title={`Shipment ${number}`}
      subtitle={data ? `${data.customerName} · ${data.shipToName}` : undefined}
      ready={shipment.status === 'ready'}
      error={shipment.error}
    >
      {data ? (
        <Stack gap="md">
          <Panel title="Summary">
            <FactGrid
              facts={[
                {
                  label: 'Customer',
                  value: (
                    <RouteLink to={{ screen: 'shipping', customer: data.customer }}>{`${data.customer} — ${data.customerName}`}</RouteLink>
                  ),
                },
                { label: 'Ship to', value: `${data.shipTo} — ${data.shipToName}` },
                { label: 'Shipped', value: <Time iso={data.shipDate} /> },
                { label: 'Carrier', value: data.carrier ?? '—' },
              ]}
            />
          </Panel>
          <Panel title={`Lines (${data.lines.length})`}>
            <DataTable
              rows={data.lines}
              rowKey={(l) => l.ref}
              testId="shipment-lines"
              maxHeight="calc(100vh - 400px)"
              columns={[
                {
                  key: 'part',
                  header: 'Part',
                  width: 150,
                  render: (l) => (
                    <Text size="sm" fw={600}>
                      {l.part}
                    </Text>
                  ),
                },
                {
                  key: 'ref',
                  header: 'Lot / serial',
                  width: 240,
                  render: (l) => (
                    <RouteLink to={{ screen: 'unit', ref: l.ref }} fw={600} size="sm">
                      {refCodeLabel(l.ref)}
                    </RouteLink>
                  ),
                },
                { key: 'description', header: 'Description', render: (l) => l.description },
                { key: 'quantity', header: 'Quantity', align: 'right', width: 120, render: (l) => `${l.quantity} ${l.unit}` },
              ]}
            />
          </Panel>
        </Stack>
      ) : null}
    </Screen>
  );
}
