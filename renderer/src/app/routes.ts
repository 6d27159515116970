// Screens and their addresses. The address lives in the URL hash so reloads and back/forward keep the place.
import type { UnitKind, UnitStatus } from '../../../common/domain';
import { unitStatuses } from '../../../common/domain';
import type { StationName } from '../../../common/api/stations';
import { stationNames } from '../../../common/api/stations';

export type TraceDirection = 'forward' | 'backward';

export type Route =
  | { screen: 'dashboard' }
  /** `kind` absent: show whichever of lots and serials the filter finds. */
  | { screen: 'units'; kind?: UnitKind; item?: string; status?: UnitStatus }
  | { screen: 'unit'; ref: string }
  | { screen: 'trace'; ref?: string; direction: TraceDirection }
  | { screen: 'production' }
  | { screen: 'workOrder'; number: string }
  | { screen: 'shipping'; customer?: string }
  | { screen: 'shipment'; number: string }
  | { screen: 'audit' }
  | { screen: 'packages' }
  | { screen: 'devices' }
  /** `data`: the scan to decode, when one came with the address (e.g. from the search box). */
  | { screen: 'decode'; data?: string }
  | { screen: 'exchange' }
  /** `template`: the label template open; `ref`: the lot, serial or SSCC it is shown for. */
  | { screen: 'labels'; template?: string; ref?: string }
  | { screen: 'station'; station: StationName }
  /** `nc`: the nonconformance open for investigation; `part`: the item whose specs are shown first. */
  | { screen: 'quality'; nc?: string; part?: string }
  | { screen: 'users' }
  /** The review queue; `item` filters it. */
  | { screen: 'review'; item?: string }
  /** A lot's or serial's record (EBR, DHR or CoA) opened for review. */
  | { screen: 'record'; ref: string; kind?: 'ebr' | 'dhr' | 'coa' }
  /** `ref`: a suspect lot or serial to start a campaign from. */
  | { screen: 'recalls'; ref?: string }
  | { screen: 'recall'; number: string };

export type ScreenName = Route['screen'];

function isUnitStatus(text: string | null): text is UnitStatus {
  return text !== null && (unitStatuses as readonly string[]).includes(text);
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** `{ screen: 'unit', ref: 'PUMP-2#PX-000231' }` → `#/unit/PUMP-2%23PX-000231` */
export function routeToHash(route: Route): string {
  switch (route.screen) {
    case 'dashboard':
      return '#/dashboard';
    case 'units':
      return `#/units${query({ kind: route.kind, item: route.item, status: route.status })}`;
    case 'unit':
      return `#/unit/${encodeURIComponent(route.ref)}`;
    case 'trace':
      return `#/trace${route.ref ? `/${encodeURIComponent(route.ref)}` : ''}${query({ dir: route.direction })}`;
    case 'production':
      return '#/production';
    case 'workOrder':
      return `#/production/${encodeURIComponent(route.number)}`;
    case 'shipping':
      return `#/shipping${query({ customer: route.customer })}`;
    case 'shipment':
      return `#/shipping/${encodeURIComponent(route.number)}`;
    case 'audit':
      return '#/audit';
    case 'packages':
      return '#/packages';
    case 'devices':
      return '#/devices';
    case 'decode':
      return `#/decode${query({ data: route.data })}`;
    case 'exchange':
      return '#/exchange';
    case 'labels':
      return `#/labels${route.template ? `/${encodeURIComponent(route.template)}` : ''}${query({ ref: route.ref })}`;
    case 'station':
      return `#/station/${route.station}`;
    case 'quality':
      return `#/quality${query({ nc: route.nc, part: route.part })}`;
    case 'users':
      return '#/users';
    case 'review':
      return `#/review${query({ item: route.item })}`;
    case 'record':
      return `#/review/${encodeURIComponent(route.ref)}${query({ kind: route.kind })}`;
    case 'recalls':
      return `#/recalls${query({ ref: route.ref })}`;
    case 'recall':
      return `#/recalls/${encodeURIComponent(route.number)}`;
  }
}

/** The inverse of `routeToHash`; anything unknown opens the dashboard. */
export function hashToRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const queryAt = text.indexOf('?');
  const path = queryAt < 0 ? text : text.slice(0, queryAt);
  const params = new URLSearchParams(queryAt < 0 ? '' : text.slice(queryAt + 1));
  const [head = '', encodedArg] = path.split('/');
  let arg: string | undefined;
  try {
    arg = encodedArg ? decodeURIComponent(encodedArg) : undefined;
  } catch {
    arg = undefined;
  }
  switch (head) {
    case 'units': {
      const status = params.get('status');
      const kind = params.get('kind');
      return {
        screen: 'units',
        kind: kind === 'lot' || kind === 'serial' ? kind : undefined,
        item: params.get('item') ?? undefined,
        status: isUnitStatus(status) ? status : undefined,
      };
    }
    case 'unit':
      return arg ? { screen: 'unit', ref: arg } : { screen: 'units' };
    case 'trace':
      return { screen: 'trace', ref: arg, direction: params.get('dir') === 'backward' ? 'backward' : 'forward' };
    case 'production':
      return arg ? { screen: 'workOrder', number: arg } : { screen: 'production' };
    case 'shipping':
      return arg ? { screen: 'shipment', number: arg } : { screen: 'shipping', customer: params.get('customer') ?? undefined };
    case 'audit':
      return { screen: 'audit' };
    case 'packages':
      return { screen: 'packages' };
    case 'devices':
      return { screen: 'devices' };
    case 'decode': {
      const data = params.get('data');
      return data ? { screen: 'decode', data } : { screen: 'decode' };
    }
    case 'exchange':
      return { screen: 'exchange' };
    case 'labels': {
      const ref = params.get('ref');
      return { screen: 'labels', ...(arg ? { template: arg } : {}), ...(ref ? { ref } : {}) };
    }
    case 'station':
      return { screen: 'station', station: (stationNames as readonly string[]).includes(arg ?? '') ? (arg as StationName) : 'receiving' };
    case 'quality': {
      const nc = params.get('nc');
      const part = params.get('part');
      return { screen: 'quality', ...(nc ? { nc } : {}), ...(part ? { part } : {}) };
    }
    case 'users':
      return { screen: 'users' };
    case 'review': {
      if (arg) {
        const kind = params.get('kind');
        return { screen: 'record', ref: arg, ...(kind === 'ebr' || kind === 'dhr' || kind === 'coa' ? { kind } : {}) };
      }
      const item = params.get('item');
      return { screen: 'review', ...(item ? { item } : {}) };
    }
    case 'recalls': {
      const ref = params.get('ref');
      return arg ? { screen: 'recall', number: arg } : { screen: 'recalls', ...(ref ? { ref } : {}) };
    }
    default:
      return { screen: 'dashboard' };
  }
}
