import { Select, Text } from '@mantine/core';
import type { Route } from '../../app/routes';
import { navigate } from '../../app/navigation';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { RouteLink } from '../../components/RouteLink';
import { Screen } from '../../components/Screen';
import { Time } from '../../components/Time';

export function ShipmentListScreen({ route }: { route: Extract<Route, { screen: 'shipping' }> }) {
  const list = useCommand('shipments.list', route.customer ? { customer: route.customer } : {});
  const customers = useCommand('customers.list', {});
  return (
    <Screen
      name="shipping"
      title="Shipping"
      subtitle="Shipments to customers"
      ready={list.status === 'ready'}
      error={list.error}
      actions={
        <Select
          placeholder="All customers"
          aria-label="Customer"
          clearable
          searchable
          w={280}
          value={route.customer ?? null}
          data={(customers.data ?? []).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))}
          onChange={(value) => navigate({ screen: 'shipping', customer: value ?? undefined }, { replace: true })}
        />
      }
    >
      {list.data ? (
        <DataTable
          rows={list.data}
          rowKey={(s) => s.number}
          onRowClick={(s) => navigate({ screen: 'shipment', number: s.number })}
          emptyText="No shipments."
          maxHeight="calc(100vh - 220px)"
          testId="shipment-table"
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
            {
              key: 'customer',
              header: 'Customer',
              render: (s) => (
                <Text size="sm">
                  <Text span fw={600} inherit>
                    {s.customer}
                  </Text>{' '}
                  — {s.customerName}
                </Text>
              ),
            },
            { key: 'shipTo', header: 'Ship to', render: (s) => s.shipToName },
            { key: 'date', header: 'Shipped', width: 170, render: (s) => <Time iso={s.shipDate} /> },
            { key: 'carrier', header: 'Carrier', width: 140, render: (s) => s.carrier ?? '—' },
          ]}
        />
      ) : null}
    </Screen>
  );
}
