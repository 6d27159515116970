// Test support: a small plant to recall. RESIN (R001) → 20 bottles (BOTTLE:B-1) → 6 pumps (P-0001…P-0006); pumps 1–2
// shipped to CUST, pump 3 and 5 bottles to CUST2; users qa1 (QA), op1 (operator) and view1 (viewer) signed in.
import { miniPlant, signedIn } from './test-plant';
import type { TestApi } from './test-plant';

export const pumps = ['P-0001', 'P-0002', 'P-0003', 'P-0004', 'P-0005', 'P-0006'].map((s) => `PUMP#${s}`);
export const qaSignature = { meaning: 'approved' as const, username: 'qa1', password: 'qa1-pass-12' };

export async function recallPlant(t: TestApi) {
  const plant = await miniPlant(t);
  const { call } = t;
  await call('customers.create', { code: 'CUST2', name: 'Second customer', contact: 'Dana Buyer', email: 'dana@example.com' });
  await call('locations.create', { code: 'CUST2-1', name: 'Second dock', kind: 'ship_to', customer: 'CUST2' });
  await call('workOrders.create', { number: 'WO-1', part: 'BOTTLE', quantity: 20 });
  await call('workOrders.consume', { workOrder: 'WO-1', ref: plant.resin, quantity: 1 });
  await call('workOrders.consume', { workOrder: 'WO-1', ref: plant.cap, quantity: 20 });
  await call('workOrders.produce', { workOrder: 'WO-1', quantity: 20, lot: 'B-1' });
  await call('units.setStatus', { ref: 'BOTTLE:B-1', status: 'released', reason: 'final inspection passed' });
  await call('workOrders.create', { number: 'WO-2', part: 'PUMP', quantity: 6 });
  await call('workOrders.consume', { workOrder: 'WO-2', ref: 'BOTTLE:B-1', quantity: 6 });
  await call('workOrders.produce', { workOrder: 'WO-2', serials: 6 });
  for (const ref of pumps) await call('units.setStatus', { ref, status: 'released', reason: 'final test passed' });
  await call('shipments.ship', { number: 'SH-A', customer: 'CUST', shipTo: 'CUST-1', lines: [{ ref: pumps[0] as string }, { ref: pumps[1] as string }] });
  await call('shipments.ship', { number: 'SH-B', customer: 'CUST2', shipTo: 'CUST2-1', lines: [{ ref: pumps[2] as string }, { ref: 'BOTTLE:B-1', quantity: 5 }] });
  await call('users.create', { username: 'qa1', printedName: 'Quinn Archer', roles: ['qa'], password: 'qa1-pass-12' });
  await call('users.create', { username: 'op1', printedName: 'Olly Operator', roles: ['operator'], password: 'op1-pass-12' });
  await call('users.create', { username: 'view1', printedName: 'Vic Viewer', roles: ['viewer'], password: 'view1-pass-12' });
  const [qa, op, viewer] = await Promise.all([signedIn(t.api, 'qa1', 'qa1-pass-12'), signedIn(t.api, 'op1', 'op1-pass-12'), signedIn(t.api, 'view1', 'view1-pass-12')]);
  return { ...plant, qa, op, viewer };
}
