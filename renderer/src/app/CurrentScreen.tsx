// Picks the screen for the current route. Keyed by the route so each page starts with fresh state.
import { Suspense, lazy } from 'react';
import { Center, Loader } from '@mantine/core';
import { AuditScreen } from '../screens/audit/AuditScreen';
import { PackagesScreen } from '../screens/packages/PackagesScreen';
import { DashboardScreen } from '../screens/dashboard/DashboardScreen';
import { DevicesScreen } from '../screens/devices/DevicesScreen';
import { DecodeScreen } from '../screens/decode/DecodeScreen';
import { ExchangeScreen } from '../screens/exchange/ExchangeScreen';
import { LabelsScreen } from '../screens/labels/LabelsScreen';
import { QualityScreen } from '../screens/quality/QualityScreen';
import { RecordViewerScreen } from '../screens/review/RecordViewerScreen';
import { ReviewQueueScreen } from '../screens/review/ReviewQueueScreen';
import { RecallsScreen } from '../screens/recalls/RecallsScreen';
import { UsersScreen } from '../screens/users/UsersScreen';
import { StationScreen } from '../screens/stations/StationScreen';
import { ShipmentScreen } from '../screens/shipping/ShipmentScreen';
import { ShipmentListScreen } from '../screens/shipping/ShipmentListScreen';
import { UnitListScreen } from '../screens/units/UnitListScreen';
import { UnitScreen } from '../screens/units/UnitScreen';
import { WorkOrderListScreen } from '../screens/production/WorkOrderListScreen';
import { WorkOrderScreen } from '../screens/production/WorkOrderScreen';
import { useNavigation } from './navigation';

// The trace explorer brings the graph layout engine (elkjs, 1.6 MB): load it when it is first opened.
const TraceScreen = lazy(() => import('../screens/trace/TraceScreen').then((module) => ({ default: module.TraceScreen })));
// A campaign page draws its scope with the same graph.
const RecallScreen = lazy(() => import('../screens/recalls/RecallScreen').then((module) => ({ default: module.RecallScreen })));

function Loading() {
  return (
    <Center h="100%">
      <Loader />
    </Center>
  );
}

export function CurrentScreen() {
  const route = useNavigation((state) => state.route);
  switch (route.screen) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'units':
      return <UnitListScreen route={route} />;
    case 'unit':
      return <UnitScreen key={route.ref} unitRef={route.ref} />;
    case 'trace':
      return (
        <Suspense fallback={<Loading />}>
          <TraceScreen key={`${route.direction}|${route.ref ?? ''}`} route={route} />
        </Suspense>
      );
    case 'production':
      return <WorkOrderListScreen />;
    case 'workOrder':
      return <WorkOrderScreen key={route.number} number={route.number} />;
    case 'shipping':
      return <ShipmentListScreen route={route} />;
    case 'shipment':
      return <ShipmentScreen key={route.number} number={route.number} />;
    case 'audit':
      return <AuditScreen />;
    case 'packages':
      return <PackagesScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'decode':
      return <DecodeScreen key={route.data ?? ''} route={route} />;
    case 'exchange':
      return <ExchangeScreen />;
    case 'users':
      return <UsersScreen />;
    case 'labels':
      return <LabelsScreen key={route.template ?? ''} route={route} />;
    case 'station':
      return <StationScreen key={route.station} station={route.station} />;
    case 'quality':
      return <QualityScreen key={route.nc ?? ''} route={route} />;
    case 'review':
      return <ReviewQueueScreen route={route} />;
    case 'record':
      return <RecordViewerScreen key={`${route.ref}|${route.kind ?? ''}`} route={route} />;
    case 'recalls':
      return <RecallsScreen key={route.ref ?? ''} route={route} />;
    case 'recall':
      return (
        <Suspense fallback={<Loading />}>
          <RecallScreen key={route.number} number={route.number} />
        </Suspense>
      );
  }
}
