import { useState } from 'react';
import { SegmentedControl } from '@mantine/core';
import { useCommand } from '../../api/useCommand';
import { Screen } from '../../components/Screen';
import { WorkOrderTable } from './WorkOrderTable';

type StatusFilter = 'open' | 'closed' | 'all';

export function WorkOrderListScreen() {
  const [filter, setFilter] = useState<StatusFilter>('open');
  const list = useCommand('workOrders.list', filter === 'all' ? {} : { status: filter });
  return (
    <Screen
      name="production"
      title="Production"
      subtitle="Work orders: what was made, from what"
      ready={list.status === 'ready'}
      error={list.error}
      actions={
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value)}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed' },
            { value: 'all', label: 'All' },
          ]}
          aria-label="Work order status"
        />
      }
    >
      {list.data ? <WorkOrderTable workOrders={list.data} maxHeight="calc(100vh - 220px)" /> : null}
    </Screen>
  );
}
