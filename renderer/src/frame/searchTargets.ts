// Where a search hit leads, and how its kind is named.
import type { SearchHit } from '../../../common/api/system';
import type { Route } from '../app/routes';

export function routeForHit(hit: SearchHit): Route {
  switch (hit.type) {
    case 'lot':
    case 'serial':
      return { screen: 'unit', ref: hit.key };
    case 'workOrder':
      return { screen: 'workOrder', number: hit.key };
    case 'shipment':
      return { screen: 'shipment', number: hit.key };
    case 'item':
      return { screen: 'units', item: hit.key };
    case 'customer':
      return { screen: 'shipping', customer: hit.key };
  }
}

export const hitKindLabels: Record<SearchHit['type'], string> = {
  lot: 'Lot',
  serial: 'Serial',
  workOrder: 'Work order',
  shipment: 'Shipment',
  item: 'Item',
  customer: 'Customer',
};
