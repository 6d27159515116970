// What needs attention: quarantine, holds, expiring stock and open work orders.
import { useState } from 'react';
import { SegmentedControl, SimpleGrid, Stack } from '@mantine/core';
import { Boxes, CirclePause, Factory, Hourglass, Tag, Truck } from 'lucide-react';
import { useCommand } from '../../api/useCommand';
import { Panel } from '../../components/Panel';
import { Screen } from '../../components/Screen';
import { UnitTable } from '../../components/UnitTable';
import { WorkOrderTable } from '../production/WorkOrderTable';
import { CountTile } from './CountTile';

type ExpiryWindow = 'within30' | 'within60' | 'within90';

export function DashboardScreen() {
  const summary = useCommand('dashboard.summary', {});
  const [expiryWindow, setExpiryWindow] = useState<ExpiryWindow>('within30');
  const data = summary.data;

  return (
    <Screen name="dashboard" title="Dashboard" subtitle="What needs attention now" ready={summary.status === 'ready'} error={summary.error}>
      {data ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="sm">
            <CountTile
              label="Quarantine"
              detail="lots + serials"
              count={data.counts.quarantine}
              icon={<Hourglass size={20} />}
              to={{ screen: 'units', kind: 'lot', status: 'quarantine' }}
              attention
            />
            <CountTile
              label="On hold"
              detail="lots + serials"
              count={data.counts.onHold}
              icon={<CirclePause size={20} />}
              to={{ screen: 'units', kind: 'lot', status: 'on_hold' }}
              attention
            />
            <CountTile
              label="Open work orders"
              count={data.counts.openWorkOrders}
              icon={<Factory size={20} />}
              to={{ screen: 'production' }}
            />
            <CountTile label="Lots" count={data.counts.lots} icon={<Boxes size={20} />} to={{ screen: 'units', kind: 'lot' }} />
            <CountTile label="Serials" count={data.counts.serials} icon={<Tag size={20} />} to={{ screen: 'units', kind: 'serial' }} />
            <CountTile label="Shipments" count={data.counts.shipments} icon={<Truck size={20} />} to={{ screen: 'shipping' }} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Panel title={`In quarantine (${data.quarantine.length})`} testId="panel-quarantine">
              <UnitTable
                units={data.quarantine}
                columns={['identity', 'description', 'onHand']}
                emptyText="Nothing waits in quarantine."
                maxHeight="300px"
              />
            </Panel>
            <Panel title={`On hold (${data.onHold.length})`} testId="panel-on-hold">
              <UnitTable units={data.onHold} columns={['identity', 'reason', 'onHand']} emptyText="Nothing is on hold." maxHeight="300px" />
            </Panel>
            <Panel
              title="Expiring (days from today)"
              testId="panel-expiring"
              actions={
                <SegmentedControl
                  size="xs"
                  value={expiryWindow}
                  onChange={(value) => setExpiryWindow(value)}
                  data={[
                    { value: 'within30', label: `≤ 30 days (${data.expiring.within30.length})` },
                    { value: 'within60', label: `31–60 (${data.expiring.within60.length})` },
                    { value: 'within90', label: `61–90 (${data.expiring.within90.length})` },
                  ]}
                  aria-label="Expiry window"
                />
              }
            >
              <UnitTable
                units={data.expiring[expiryWindow]}
                columns={['identity', 'status', 'onHand', 'expires']}
                emptyText="Nothing expires in this window."
                maxHeight="300px"
              />
            </Panel>
            <Panel title={`Open work orders (${data.openWorkOrders.length})`} testId="panel-open-work-orders">
              <WorkOrderTable workOrders={data.openWorkOrders} maxHeight="300px" />
            </Panel>
          </SimpleGrid>
        </Stack>
      ) : null}
    </Screen>
  );
}
