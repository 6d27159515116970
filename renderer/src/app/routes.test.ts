import { describe, expect, it } from 'vitest';
import type { Route } from './routes';
import { hashToRoute, routeToHash } from './routes';

describe('routes', () => {
  const routes: Route[] = [
    { screen: 'dashboard' },
    { screen: 'units', kind: 'serial', item: 'PUMP-PX2', status: 'on_hold' },
    { screen: 'units' },
    { screen: 'unit', ref: 'PUMP-PX2#PX-000129' },
    { screen: 'unit', ref: 'RES-PC:R26124-01' },
    { screen: 'trace', ref: 'PUMP-PX2#PX-000129', direction: 'backward' },
    { screen: 'trace', direction: 'forward' },
    { screen: 'workOrder', number: 'WO-26156' },
    { screen: 'shipping', customer: 'MEDSUPPLY' },
    { screen: 'shipment', number: 'SH-000026' },
    { screen: 'audit' },
    { screen: 'devices' },
    { screen: 'decode' },
    { screen: 'decode', data: ']d20109506000134352\x1D10A1 (x)&y=1#z' },
    { screen: 'exchange' },
    { screen: 'labels' },
    { screen: 'labels', template: 'udi', ref: 'PUMP-PX2#PX-000129' },
    { screen: 'station', station: 'workOrder' },
    { screen: 'station', station: 'ship' },
    { screen: 'review' },
    { screen: 'review', item: 'SET-IV2' },
    { screen: 'record', ref: 'PUMP-PX2#PX-000129' },
    { screen: 'record', ref: 'SET-IV2:26-027', kind: 'coa' },
  ];

  it.each(routes)('reads back what it wrote: %o', (route) => {
    const parsed = hashToRoute(routeToHash(route));
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(route);
  });

  it('keeps # and : inside a reference out of the hash syntax', () => {
    expect(routeToHash({ screen: 'unit', ref: 'PUMP-PX2#PX-1' })).toBe('#/unit/PUMP-PX2%23PX-1');
  });

  it('opens the dashboard for unknown or broken addresses', () => {
    expect(hashToRoute('')).toEqual({ screen: 'dashboard' });
    expect(hashToRoute('#/nowhere')).toEqual({ screen: 'dashboard' });
    expect(hashToRoute('#/units?status=melted').screen).toBe('units');
    expect(hashToRoute('#/units?status=melted')).not.toHaveProperty('status', 'melted');
    expect(hashToRoute('#/station/welding')).toEqual({ screen: 'station', station: 'receiving' });
  });
});
