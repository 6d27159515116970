// Test support for stations: a small plant with GTINs on its items (so supplier labels and serial labels scan as
// GS1), a site company prefix for SSCCs, a scanning helper that keeps each station's context like a screen does,
// and row counts of every table a scan can touch.
import Database from 'better-sqlite3';
import type { StationName, StationScanResult } from '../../common/api/stations';
import { GS } from '../../common/gs1';
import type { TestApi } from './test-plant';

export const GTIN = { poly: '09506000134352', lid: '09506000134376', ink: '09506000134383', valve: '09506000134390' } as const;

/** A supplier label: GTIN, batch, expiry, then a quantity (element string with an AIM id, as a GS1-128 scanner sends it). */
export const supplierLabel = (gtin: string, batch: string, expiry: string, quantity: string): string => `]C101${gtin}17${expiry}10${batch}${GS}${quantity}`;

export async function stationPlant(t: TestApi): Promise<void> {
  const { call } = t;
  await call('settings.set', { gs1CompanyPrefix: '9506000', reason: 'site GS1 membership' });
  await call('suppliers.create', { code: 'SUP', name: 'Polymers Ltd' });
  await call('customers.create', { code: 'CUST', name: 'Clinic' });
  await call('locations.create', { code: 'CUST-1', name: 'Clinic stores', kind: 'ship_to', customer: 'CUST' });
  await call('items.create', { part: 'POLY', description: 'Polymer', tracking: 'lot', category: 'raw', unit: 'kg', gtin: GTIN.poly, lotPattern: 'PL{SEQ:3}' });
  await call('items.create', { part: 'LID', description: 'Lid', tracking: 'lot', category: 'component', unit: 'ea', gtin: GTIN.lid, lotPattern: 'LD{SEQ:3}' });
  await call('items.create', { part: 'INK', description: 'Ink', tracking: 'lot', category: 'raw', unit: 'g', gtin: GTIN.ink, lotPattern: 'IK{SEQ:3}' });
  await call('items.create', { part: 'VALVE', description: 'Valve', tracking: 'serial', category: 'finished', unit: 'ea', gtin: GTIN.valve, serialPattern: 'SN-{SEQ:4}' });
  await call('boms.create', { part: 'VALVE', lines: [{ part: 'POLY', quantityPer: '0.5' }, { part: 'LID', quantityPer: 2 }] });
}

/** Scans at one station, carrying its context from answer to answer as a station screen does. */
export class Station {
  context: Record<string, unknown>;
  constructor(
    private readonly t: TestApi,
    readonly station: StationName,
    context: Record<string, unknown> = {},
  ) {
    this.context = context;
  }

  async scan(code: string, extra: { quantity?: string | number; reason?: string } = {}): Promise<StationScanResult> {
    const result = await this.t.call('stations.scan', { station: this.station, context: this.context, code, ...extra });
    if (result.outcome === 'applied') this.context = result.context;
    return result;
  }

  async apply(code: string, extra: { quantity?: string | number; reason?: string } = {}): Promise<Extract<StationScanResult, { outcome: 'applied' }>> {
    const result = await this.scan(code, extra);
    if (result.outcome !== 'applied') throw new Error(`${code} at ${this.station} was refused: ${result.reason}`);
    return result;
  }
}

const COUNTED = ['units', 'events', 'event_units', 'lineage', 'audit_trail', 'receipts', 'shipments', 'shipment_lines', 'cases', 'case_contents', 'counters', 'items'];

/** Row counts of every table a scan writes, and the audit trail's head hash. */
export function snapshot(dbPath: string): Record<string, number | string> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const out: Record<string, number | string> = {};
    for (const table of COUNTED) out[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    out.counterTotal = (db.prepare('SELECT coalesce(sum(value), 0) AS n FROM counters').get() as { n: number }).n;
    out.auditHead = (db.prepare('SELECT hash FROM audit_trail ORDER BY seq DESC LIMIT 1').get() as { hash: string }).hash;
    return out;
  } finally {
    db.close();
  }
}
