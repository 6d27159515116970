import { z } from 'zod';
import { command } from './contract';
import type { UnitSummary } from '../domain';
import type { WorkOrder } from './production';

export interface SearchHit {
  type: 'lot' | 'serial' | 'workOrder' | 'shipment' | 'item' | 'customer';
  key: string;
  label: string;
  detail: string;
}

export interface Dashboard {
  counts: { lots: number; serials: number; quarantine: number; onHold: number; openWorkOrders: number; shipments: number };
  quarantine: UnitSummary[];
  onHold: UnitSummary[];
  expiring: { within30: UnitSummary[]; within60: UnitSummary[]; within90: UnitSummary[] };
  openWorkOrders: Omit<WorkOrder, 'requirements' | 'consumed' | 'outputs'>[];
}

export interface SystemInfo {
  version: string;
  schemaVersion: number;
  database: string;
  databaseBytes: number;
  site: string;
  actor: string;
}

export const systemCommands = {
  'search.query': command<SearchHit[]>()({
    input: z.object({ q: z.string().trim().min(1, 'type something to search for').max(200) }),
    writes: false,
    summary: 'Find lots, serials, work orders, shipments, items and customers by any identifier',
  }),
  'dashboard.summary': command<Dashboard>()({ input: z.object({}), writes: false, summary: 'What needs attention' }),
  'system.info': command<SystemInfo>()({ input: z.object({}), writes: false, summary: 'Version, database file and size' }),
};
