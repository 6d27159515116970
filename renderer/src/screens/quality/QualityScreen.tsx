// The Quality screen: test specifications per item (versions, editor, approval) and nonconformances with their investigation.
import { Stack } from '@mantine/core';
import type { Route } from '../../app/routes';
import { useCommand } from '../../api/useCommand';
import { Screen } from '../../components/Screen';
import { NonconformancesPanel } from './NonconformancesPanel';
import { SpecsPanel } from './SpecsPanel';

export function QualityScreen({ route }: { route: Extract<Route, { screen: 'quality' }> }) {
  const specs = useCommand('specs.list', {});
  const open = useCommand('nc.list', { status: 'open' });
  return (
    <Screen
      name="quality"
      title="Quality"
      subtitle={
        open.data
          ? `${open.data.length} open nonconformance${open.data.length === 1 ? '' : 's'} · ${specs.data?.length ?? 0} items with a test specification`
          : undefined
      }
      ready={specs.status === 'ready' && open.status === 'ready'}
      error={specs.error ?? open.error}
    >
      <Stack gap="md">
        <NonconformancesPanel initial={route.nc} />
        <SpecsPanel firstPart={route.part} />
      </Stack>
    </Screen>
  );
}
