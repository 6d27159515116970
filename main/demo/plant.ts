// The demo plant: Northfield Medical, a small maker of infusion pumps (serialised devices with
// serialised controller boards) and IV administration sets (lot-tracked consumables). Seven months
// of receiving, production, QA release, shipping and service, built through the api itself so that
// every rule applies. Deterministic: the same database every time.
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import type { Invoke } from '../api/types';
import { mulberry32 } from '../../common/random';
import { seedQualityRecords, seedSpecs } from './quality';

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;

/** Calls a command and throws with its message when it is refused: the demo must build cleanly. */
export function caller(invoke: Invoke): Call {
  return async (name, input) => {
    const result = await invoke(name, input);
    if (!result.ok) throw new Error(`demo: ${name} failed: ${result.error.message}`);
    return result.value as CommandResult<typeof name>;
  };
}

const START = Date.UTC(2026, 4, 4, 7, 0); // Monday 4 May 2026, 08:00 in +01:00
const WEEKS = 28;
const at = (week: number, day: number, hour: number) => new Date(START + ((week * 7 + day) * 24 + hour) * 3_600_000).toISOString().replace('.000Z', 'Z');
const date = (week: number, day: number) => at(week, day, 0).slice(0, 10);

const customers: { code: string; name: string; shipTos: [string, string][] }[] = [
  { code: 'STLUKE', name: 'St Luke’s Hospital', shipTos: [['STLUKE-MAIN', 'St Luke’s central stores, Leeds']] },
  { code: 'RIVERSIDE', name: 'Riverside Health Trust', shipTos: [['RIV-NORTH', 'Riverside North pharmacy, York'], ['RIV-SOUTH', 'Riverside South theatres, York']] },
  { code: 'MEDSUPPLY', name: 'MedSupply Distribution Ltd', shipTos: [['MSD-DC1', 'MedSupply DC1, Birmingham'], ['MSD-DC2', 'MedSupply DC2, Glasgow']] },
  { code: 'CLINICA', name: 'Clínica San Rafael', shipTos: [['CSR-MADRID', 'Almacén central, Madrid']] },
];

export async function seedDemoPlant(invoke: Invoke): Promise<void> {
  const call = caller(invoke);
  const rnd = mulberry32(20260504);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

  for (const [code, name] of [
    ['POLYMERIX', 'Polymerix Compounds GmbH'],
    ['FLEXTUBE', 'FlexTube Medical Ltd'],
    ['CLAMPCO', 'ClampCo Plastics'],
    ['CIRCUITWORKS', 'CircuitWorks PCB'],
    ['NORDCOMP', 'Nordic Components AB'],
    ['MOTIONTEK', 'MotionTek Motors'],
  ] as const) {
    await call('suppliers.create', { code, name });
  }
  for (const c of customers) {
    await call('customers.create', { code: c.code, name: c.name });
    for (const [code, name] of c.shipTos) await call('locations.create', { code, name, kind: 'ship_to', customer: c.code });
  }
  await call('locations.create', { code: 'NFM', name: 'Northfield Medical, Harrogate', kind: 'site' });
  // The site's GS1 company prefix (the one in its own GTINs): shipping cases get SSCCs under it.
  await call('settings.set', { gs1CompanyPrefix: '9506000', reason: 'GS1 membership of Northfield Medical' });
  await call('locations.create', { code: 'WH-RAW', name: 'Raw material store', kind: 'warehouse' });
  await call('locations.create', { code: 'LINE-1', name: 'Pump assembly line', kind: 'line' });
  await call('locations.create', { code: 'LINE-2', name: 'IV set line', kind: 'line' });

  const items: CommandInput<'items.create'>[] = [
    // Bought-in materials carry their suppliers' GTINs, so their labels are received by scanning them.
    { part: 'RES-PC', description: 'Polycarbonate resin, medical grade', gtin: '04012345000016', tracking: 'lot', category: 'raw', unit: 'kg', shelfLifeDays: 730, lotPattern: 'R{YY}{JJJ}-{SEQ:2}' },
    { part: 'TUBE-PVC', description: 'PVC tubing 4.1 mm ID', gtin: '04012345000023', tracking: 'lot', category: 'raw', unit: 'm', shelfLifeDays: 1095, lotPattern: 'T{YY}{JJJ}-{SEQ:2}' },
    { part: 'CLAMP-ROL', description: 'Roller clamp', gtin: '04012345000030', tracking: 'lot', category: 'component', unit: 'ea' },
    { part: 'PCB-BARE', description: 'Pump controller PCB, bare board', tracking: 'lot', category: 'component', unit: 'ea' },
    { part: 'MCU-32', description: 'Microcontroller, 32-bit', tracking: 'lot', category: 'component', unit: 'ea' },
    { part: 'MOTOR-S', description: 'Stepper motor 24 V', gtin: '07612345000046', tracking: 'lot', category: 'component', unit: 'ea' },
    { part: 'HOUSING-PX', description: 'Pump housing, moulded', tracking: 'lot', category: 'subassembly', unit: 'ea', lotPattern: 'H{YY}{JJJ}-{SEQ:2}' },
    { part: 'CTRL-PX', description: 'Pump controller board assembly', tracking: 'serial', category: 'subassembly', unit: 'ea', serialPattern: 'CB{YY}{SEQ:5}' },
    { part: 'PUMP-PX2', description: 'Infusion pump PX-2', gtin: '09506000134352', tracking: 'serial', category: 'finished', unit: 'ea', warrantyDays: 730, serialPattern: 'PX-{SEQ:6}' },
    { part: 'SET-IV2', description: 'IV administration set, 2 m', gtin: '09506000134369', tracking: 'lot', category: 'finished', unit: 'ea', shelfLifeDays: 1095, lotPattern: '{YY}-{SEQ:3}' },
  ];
  for (const item of items) await call('items.create', item);

  await call('boms.create', { part: 'HOUSING-PX', lines: [{ part: 'RES-PC', quantityPer: '0.35' }] });
  await call('boms.create', { part: 'CTRL-PX', lines: [{ part: 'PCB-BARE', quantityPer: 1 }, { part: 'MCU-32', quantityPer: 1 }] });
  await call('boms.create', { part: 'PUMP-PX2', lines: [{ part: 'HOUSING-PX', quantityPer: 1 }, { part: 'CTRL-PX', quantityPer: 1 }, { part: 'MOTOR-S', quantityPer: 1 }] });
  await call('boms.create', {
    part: 'SET-IV2',
    lines: [{ part: 'TUBE-PVC', quantityPer: 2 }, { part: 'CLAMP-ROL', quantityPer: 1 }, { part: 'RES-PC', quantityPer: '0.012' }],
  });
  await seedSpecs(call, at(0, 0, 0));
  const release = (ref: string, reason: string) => call('units.setStatus', { ref, status: 'released', reason });

  // Stock, by item: released lots with what is left, oldest first.
  const stock = new Map<string, { ref: string; left: number }[]>();
  const addStock = (part: string, ref: string, qty: number) => stock.set(part, [...(stock.get(part) ?? []), { ref, left: qty }]);
  /** Takes `qty` from the oldest lots first (FEFO-ish), returning the lot lines used. */
  const take = (part: string, qty: number): { ref: string; quantity: number }[] => {
    const used: { ref: string; quantity: number }[] = [];
    let need = qty;
    for (const lot of stock.get(part) ?? []) {
      if (need <= 0) break;
      const q = Math.min(lot.left, need);
      if (q <= 0) continue;
      lot.left = Math.round((lot.left - q) * 1000) / 1000;
      need = Math.round((need - q) * 1000) / 1000;
      used.push({ ref: lot.ref, quantity: q });
    }
    if (need > 0) throw new Error(`demo: not enough ${part} in stock`);
    return used;
  };
  const receiveLots = async (week: number, supplier: string, lines: { part: string; qty: number; expiry?: string }[], hold = false) => {
    const r = await call('receiving.receive', {
      supplier,
      location: 'WH-RAW',
      receivedAt: at(week, 0, 1 + Math.floor(rnd() * 6)),
      reference: `PO-${4500 + week * 10 + Math.floor(rnd() * 9)}`,
      lines: lines.map((l) => ({ part: l.part, supplierLot: `${supplier.slice(0, 3)}${week}${Math.floor(rnd() * 90000 + 10000)}`, quantity: l.qty, ...(l.expiry ? { expiry: l.expiry } : {}) })),
    });
    for (const [i, lot] of r.lots.entries()) {
      if (hold) continue;
      await release(lot.ref, 'Incoming inspection passed; supplier CoA reviewed');
      addStock(lines[i]?.part ?? '', lot.ref, lines[i]?.qty ?? 0);
    }
    return r;
  };

  const pumpsBuilt: string[] = [];
  const spareBoards: string[] = [];
  const setLots: { ref: string; left: number }[] = [];
  let orderNo = 0;
  const workOrder = async (part: string, quantity: number, week: number, line: string) =>
    call('workOrders.create', { number: `WO-${26100 + ++orderNo}`, part, quantity, line, at: at(week, 1, 0) });

  for (let week = 0; week < WEEKS; week++) {
    const recent = week >= WEEKS - 1;
    // Receiving
    await receiveLots(week, 'POLYMERIX', [{ part: 'RES-PC', qty: 250 }], recent);
    await receiveLots(week, 'FLEXTUBE', [{ part: 'TUBE-PVC', qty: 2400 }], recent);
    await receiveLots(week, 'CLAMPCO', [{ part: 'CLAMP-ROL', qty: 1500 }], recent);
    if (week % 4 === 0) {
      await receiveLots(week, 'CIRCUITWORKS', [{ part: 'PCB-BARE', qty: 48 }]);
      await receiveLots(week, 'NORDCOMP', [{ part: 'MCU-32', qty: 48 }]);
      await receiveLots(week, 'MOTIONTEK', [{ part: 'MOTOR-S', qty: 48 }]);
    }
    if (recent) break;
    if (week === 16) {
      // The set's BOM gets a second version (less tubing offcut); earlier work orders keep version 1.
      await call('boms.create', {
        part: 'SET-IV2',
        note: 'ECO-118: tubing offcut reduced',
        lines: [{ part: 'TUBE-PVC', quantityPer: '1.98' }, { part: 'CLAMP-ROL', quantityPer: 1 }, { part: 'RES-PC', quantityPer: '0.012' }],
      });
    }

    // Moulding: housings from resin.
    const housings = await workOrder('HOUSING-PX', 12, week, 'LINE-1');
    for (const u of take('RES-PC', 4.2)) await call('workOrders.consume', { workOrder: housings.number, ref: u.ref, quantity: u.quantity, at: at(week, 1, 1) });
    const housingLot = (await call('workOrders.produce', { workOrder: housings.number, quantity: 12, at: at(week, 1, 5) })).outputs[0];
    await call('workOrders.close', { workOrder: housings.number });
    if (housingLot) {
      await release(housingLot.ref, 'Dimensional check passed');
      addStock('HOUSING-PX', housingLot.ref, 12);
    }

    // Controller boards: serialised, bulk consumption of boards and MCUs.
    const boardCount = week % 4 === 3 ? 0 : 12;
    if (boardCount > 0) {
      const boards = await workOrder('CTRL-PX', boardCount, week, 'LINE-1');
      for (const part of ['PCB-BARE', 'MCU-32'])
        for (const u of take(part, boardCount)) await call('workOrders.consume', { workOrder: boards.number, ref: u.ref, quantity: u.quantity, at: at(week, 1, 2) });
      const made = await call('workOrders.produce', { workOrder: boards.number, serials: boardCount, at: at(week, 1, 8) });
      await call('workOrders.close', { workOrder: boards.number });
      for (const b of made.outputs) {
        await release(b.ref, 'In-circuit test passed');
        spareBoards.push(b.ref);
      }
    }

    // Pumps: each serial built from one housing, one controller board and one motor.
    const pumpCount = Math.min(spareBoards.length - 1, 8 + Math.floor(rnd() * 4));
    if (pumpCount > 0) {
      const pumps = await workOrder('PUMP-PX2', pumpCount, week, 'LINE-1');
      for (let i = 0; i < pumpCount; i++) {
        const board = spareBoards.shift() as string;
        const [housing] = take('HOUSING-PX', 1);
        const [motor] = take('MOTOR-S', 1);
        const made = await call('workOrders.produce', {
          workOrder: pumps.number,
          serials: 1,
          components: [{ ref: board }, { ref: housing?.ref ?? '', quantity: 1 }, { ref: motor?.ref ?? '', quantity: 1 }],
          at: at(week, 2 + (i % 3), 2 + i),
        });
        for (const p of made.outputs) {
          await release(p.ref, 'Final test passed; DHR reviewed');
          pumpsBuilt.push(p.ref);
        }
      }
      await call('workOrders.close', { workOrder: pumps.number });
    }

    // IV sets: one lot of 1,000 a week.
    const sets = await workOrder('SET-IV2', 1000, week, 'LINE-2');
    for (const [part, qty] of [['TUBE-PVC', week > 16 ? 1980 : 2000], ['CLAMP-ROL', 1000], ['RES-PC', 12]] as const)
      for (const u of take(part, qty)) await call('workOrders.consume', { workOrder: sets.number, ref: u.ref, quantity: u.quantity, at: at(week, 3, 1) });
    const setLot = (await call('workOrders.produce', { workOrder: sets.number, quantity: 990 + Math.floor(rnd() * 10), at: at(week, 3, 9) })).outputs[0];
    await call('workOrders.close', { workOrder: sets.number });
    if (setLot && week < WEEKS - 2) {
      await release(setLot.ref, 'Sterility and leak test passed; batch record reviewed');
      setLots.push({ ref: setLot.ref, left: Number(setLot.quantity) });
    }

    // Shipping: pumps and sets to a customer or two.
    if (week >= 1) {
      const customer = pick(customers);
      const shipTo = pick(customer.shipTos)[0];
      const pumpLines = pumpsBuilt.splice(0, Math.min(pumpsBuilt.length, 3 + Math.floor(rnd() * 5))).map((ref) => ({ ref }));
      const setLines = setLots
        .filter((l) => l.left > 0)
        .slice(0, 2)
        .map((l) => {
          const quantity = Math.min(l.left, 200 + 50 * Math.floor(rnd() * 8));
          l.left -= quantity;
          return { ref: l.ref, quantity };
        });
      if (pumpLines.length + setLines.length > 0) {
        await call('shipments.ship', { customer: customer.code, shipTo, shipDate: at(week, 4, 7), carrier: pick(['DHL', 'UPS', 'DPD']), lines: [...pumpLines, ...setLines] });
      }
    }
  }

  // Service history on shipped pumps.
  const shipped = await call('serials.list', { item: 'PUMP-PX2', status: 'shipped' });
  const [first, second, third] = shipped.slice(-3);
  if (first) await call('service.record', { serial: first.ref, kind: 'repair', description: 'Occlusion alarm intermittent; pressure sensor connector reseated, tested OK', at: at(WEEKS - 6, 2, 3) });
  if (second && spareBoards[0]) {
    const detail = await call('trace.backward', { ref: second.ref, depth: 1 });
    const board = detail.nodes.find((n) => n.item === 'CTRL-PX');
    if (board) {
      await call('service.record', {
        serial: second.ref,
        kind: 'part_replaced',
        description: 'Controller board failed power-on self test; replaced',
        removed: board.ref,
        installed: spareBoards[0],
        at: at(WEEKS - 4, 1, 4),
      });
    }
  }
  if (third) await call('service.record', { serial: third.ref, kind: 'return', description: 'Returned under warranty: display cracked in transit', at: at(WEEKS - 2, 3, 2) });

  // Housings moulded today, recorded as they happened: a batch awaiting review whose steps QA verifies
  // (demo/signatures.ts), so the review queue shows a record without exceptions beside the IV set lot with them.
  const moulding = await call('workOrders.create', { number: `WO-${26100 + ++orderNo}`, part: 'HOUSING-PX', quantity: 12, line: 'LINE-1' });
  for (const u of take('RES-PC', 4.2)) await call('workOrders.consume', { workOrder: moulding.number, ref: u.ref, quantity: u.quantity });
  await call('workOrders.produce', { workOrder: moulding.number, quantity: 12 });
  await call('workOrders.close', { workOrder: moulding.number });

  // QA holds: a resin lot with an open question, and an IV set lot pending investigation.
  const resin = await call('lots.list', { item: 'RES-PC', status: 'released' });
  const suspect = resin.find((l) => Number(l.onHand) > 0);
  // Test results, supplier CoAs and nonconformances of the newest lots and serials; the resin lot's CoA question is an NC.
  const resinNc = await seedQualityRecords(call, suspect?.ref);
  if (suspect) await call('units.setStatus', { ref: suspect.ref, status: 'on_hold', reason: `Supplier CoA missing melt flow index; ${resinNc ?? 'NC'} open` });
  const setsReleased = await call('lots.list', { item: 'SET-IV2', status: 'released' });
  const setHold = setsReleased.find((l) => Number(l.onHand) > 0);
  if (setHold) await call('units.setStatus', { ref: setHold.ref, status: 'on_hold', reason: 'Customer complaint: leak at clamp (CC-0107), under investigation' });
  // A tubing lot that expires soon, received with the supplier's short expiry.
  await receiveLots(WEEKS - 1, 'FLEXTUBE', [{ part: 'TUBE-PVC', qty: 300, expiry: date(WEEKS + 4, 0) }]);
}
