// Test support: a small plant on a real database file holding one of everything a label prints, with times in
// zones away from UTC so that local dates differ from UTC dates.
import type { TestApi } from '../api/test-plant';

export const plant = {
  rawLot: 'RES-PC:R26061-01',
  fgLot: 'SET-IV2:26-027',
  serial: 'PUMP-PX2#PX-000231',
  noGtinSerial: 'CTRL-PX#CB2600001',
  shipment: 'SH-0001',
  sscc: '095060001000000012',
} as const;

export async function labelPlant(t: TestApi): Promise<void> {
  const { call } = t;
  await call('suppliers.create', { code: 'POLY', name: 'Polymerix Compounds GmbH' });
  await call('customers.create', { code: 'CHC', name: 'City Hospital' });
  await call('locations.create', { code: 'NFM', name: 'Northfield Medical', kind: 'site', address: '12 Mill Lane, Harrogate HG1 2AB, United Kingdom' });
  await call('locations.create', { code: 'CHC-MAIN', name: 'City Hospital Central Stores', kind: 'ship_to', customer: 'CHC', address: '1 Hospital Road, Leeds LS1 3EX' });
  await call('items.create', { part: 'RES-PC', description: 'Polycarbonate resin, medical grade', tracking: 'lot', category: 'raw', unit: 'kg' });
  await call('items.create', { part: 'SET-IV2', description: 'IV administration set, 2 m', gtin: '09506000134369', tracking: 'lot', category: 'finished', unit: 'ea', shelfLifeDays: 1095 });
  await call('items.create', { part: 'CTRL-PX', description: 'Pump controller board assembly', tracking: 'serial', category: 'subassembly', unit: 'ea' });
  await call('items.create', { part: 'PUMP-PX2', description: 'Infusion pump PX-2', gtin: '09506000134352', tracking: 'serial', category: 'finished', unit: 'ea' });
  await call('boms.create', { part: 'SET-IV2', lines: [{ part: 'RES-PC', quantityPer: '0.012' }] });
  await call('boms.create', { part: 'CTRL-PX', lines: [{ part: 'RES-PC', quantityPer: '0.1' }] });
  await call('boms.create', { part: 'PUMP-PX2', lines: [{ part: 'CTRL-PX', quantityPer: 1 }] });
  // 23:30 in New York is already the next day in UTC: the label shows the local date, 2026-03-01.
  await call('receiving.receive', {
    supplier: 'POLY',
    receivedAt: '2026-03-01T23:30:00-05:00',
    lines: [{ part: 'RES-PC', supplierLot: 'POL2714422', lot: 'R26061-01', quantity: 250, expiry: '2028-03-01' }],
  });
  await call('units.setStatus', { ref: plant.rawLot, status: 'released', reason: 'incoming inspection passed' });
  await call('workOrders.create', { number: 'WO-26011', part: 'SET-IV2', quantity: 1000 });
  await call('workOrders.produce', { workOrder: 'WO-26011', quantity: 1000, lot: '26-027', components: [{ ref: plant.rawLot, quantity: 12 }], at: '2026-03-02T00:30:00+01:00' });
  await call('workOrders.create', { number: 'WO-26012', part: 'CTRL-PX', quantity: 1 });
  await call('workOrders.produce', { workOrder: 'WO-26012', serials: ['CB2600001'], components: [{ ref: plant.rawLot, quantity: '0.1' }], at: '2026-03-02T10:00:00+01:00' });
  await call('units.setStatus', { ref: plant.noGtinSerial, status: 'released', reason: 'board test passed' });
  await call('workOrders.create', { number: 'WO-26013', part: 'PUMP-PX2', quantity: 1 });
  await call('workOrders.produce', { workOrder: 'WO-26013', serials: ['PX-000231'], components: [{ ref: plant.noGtinSerial }], at: '2026-03-03T16:00:00+01:00' });
  await call('units.setStatus', { ref: plant.fgLot, status: 'released', reason: 'batch record reviewed' });
  await call('shipments.ship', {
    number: plant.shipment,
    customer: 'CHC',
    shipTo: 'CHC-MAIN',
    carrier: 'DHL Freight',
    shipDate: '2026-03-05T09:00:00+01:00',
    lines: [{ ref: plant.fgLot, quantity: 200 }],
  });
}
