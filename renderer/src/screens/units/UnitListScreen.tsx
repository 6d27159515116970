// Lots & serials: every unit, filtered by item and status.
import { Group, SegmentedControl, Select } from '@mantine/core';
import type { UnitKind } from '../../../../common/domain';
import { unitStatuses } from '../../../../common/domain';
import type { Route } from '../../app/routes';
import { navigate } from '../../app/navigation';
import { useCommand } from '../../api/useCommand';
import { Screen } from '../../components/Screen';
import { statusLooks } from '../../components/StatusBadge';
import { UnitTable } from '../../components/UnitTable';

type UnitsRoute = Extract<Route, { screen: 'units' }>;

const LIST_LIMIT = 20_000;

export function UnitListScreen({ route }: { route: UnitsRoute }) {
  const items = useCommand('items.list', {});
  // Without an explicit kind, an item filter picks the list its tracking uses.
  const tracking = items.data?.find((item) => item.part === route.item)?.tracking;
  const kind: UnitKind = route.kind ?? (tracking === 'serial' ? 'serial' : 'lot');
  const waitForTracking = route.kind === undefined && route.item !== undefined && items.status === 'loading';
  const filter = { item: route.item, status: route.status, limit: LIST_LIMIT };
  const lots = useCommand('lots.list', kind === 'lot' && !waitForTracking ? filter : null);
  const serials = useCommand('serials.list', kind === 'serial' && !waitForTracking ? filter : null);
  const list = kind === 'lot' ? lots : serials;

  const update = (change: Partial<UnitsRoute>) => navigate({ ...route, kind, ...change }, { replace: true });
  const itemChoices = (items.data ?? [])
    .filter((item) => (kind === 'lot' ? item.tracking === 'lot' : item.tracking === 'serial'))
    .map((item) => ({ value: item.part, label: `${item.part} — ${item.description}` }));

  return (
    <Screen
      name="units"
      title="Lots & serials"
      subtitle={
        list.data
          ? `${list.data.length.toLocaleString()} ${kind === 'lot' ? 'lots' : 'serials'}${list.data.length === LIST_LIMIT ? ' (first ones only; filter to see the rest)' : ''}`
          : undefined
      }
      ready={list.status === 'ready'}
      error={list.error ?? items.error}
      actions={
        <Group gap="sm" wrap="nowrap">
          <SegmentedControl
            value={kind}
            onChange={(value) => update({ kind: value, item: undefined })}
            data={[
              { value: 'lot', label: 'Lots' },
              { value: 'serial', label: 'Serials' },
            ]}
            aria-label="Lots or serials"
          />
          <Select
            placeholder="All items"
            aria-label="Item"
            searchable
            clearable
            w={300}
            data={itemChoices}
            value={route.item ?? null}
            onChange={(value) => update({ item: value ?? undefined })}
            data-testid="item-filter"
          />
          <Select
            placeholder="Any status"
            aria-label="Status"
            clearable
            w={170}
            data={unitStatuses.map((status) => ({ value: status, label: statusLooks[status].word }))}
            value={route.status ?? null}
            onChange={(value) => update({ status: value ?? undefined })}
            data-testid="status-filter"
          />
        </Group>
      }
    >
      {list.data ? (
        <UnitTable
          units={list.data}
          columns={['part', 'code', 'description', 'status', 'onHand', 'expires', 'produced']}
          emptyText="No lots or serials match these filters."
          maxHeight="calc(100vh - 210px)"
          testId="unit-table"
        />
      ) : null}
    </Screen>
  );
}
