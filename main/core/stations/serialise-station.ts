// Assembly/test station: scan a work order for a serialised item, then assign the next serial (NEXT SERIAL) or
// scan a pre-printed serial label, and record the unit's test as PASS or FAIL. Until test specs and results have
// their own model (a later issue), a test is an inspecting event on the serial: conformant or non-conformant.
import type { Database as Db } from 'better-sqlite3';
import type { StationContext, StationScanInput, TestRecord } from '../../../common/api/stations';
import type { WorkOrderProgress } from '../../../common/api/production';
import { formatRef } from '../../../common/refs';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { appendEvent } from '../events/ledger';
import { itemByPart } from '../masterdata/items';
import { produce, workOrderProgress } from '../production/work-orders';
import { eventTime } from '../time';
import { codeTaken, resolveRef, toSummary, unitById, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { notHere, refuse } from './outcome';
import type { Applied } from './outcome';
import type { StationCode } from './scan-code';
import { openWorkOrder } from './work-order-station';

type Input = Extract<StationScanInput, { station: 'serialise' }>;
type Context = StationContext<'serialise'>;

const statements = perConnection((db: Db) => ({
  tests: db.prepare<[number], { id: number; disposition: string; event_time: string; reason: string | null }>(
    `SELECT e.id, e.disposition, e.event_time, e.reason FROM event_units eu JOIN events e ON e.id = eu.event_id
      WHERE eu.unit_id = ? AND e.biz_step = 'inspecting' AND e.status_to IS NULL ORDER BY e.id`,
  ),
  workOrderId: db.prepare<[string], { id: number }>('SELECT id FROM work_orders WHERE number = ?'),
}));

function testsOf(db: Db, unitId: number): TestRecord[] {
  return statements(db)
    .tests.all(unitId)
    .map((t) => ({ eventId: t.id, result: t.disposition === 'conformant' ? 'pass' : 'fail', at: t.event_time, note: t.reason }));
}

function view(core: Core, wo: WorkOrderProgress | null, serial: UnitRow | null): Applied['view'] {
  const header = wo === null ? null : (({ requirements: _r, ...rest }) => rest)(wo);
  return { station: 'serialise', workOrder: header, serial: serial === null ? null : toSummary(serial), tests: serial === null ? [] : testsOf(core.db, serial.id) };
}

function serialisedWorkOrder(core: Core, number: string): WorkOrderProgress {
  const wo = openWorkOrder(core, number);
  const item = itemByPart(core.db, wo.part);
  if (item.tracking !== 'serial') refuse('VALIDATION', `Work order ${wo.number} makes ${wo.part}, which is tracked by lot, not serial; record it at the work order station`);
  return wo;
}

function produceSerial(core: Core, input: Input, wo: WorkOrderProgress, serials: 1 | [string]): Applied {
  const planned = Number(wo.quantity);
  if (Number(wo.produced) >= planned && input.reason === undefined) {
    refuse('QUANTITY', `Work order ${wo.number} has made all ${wo.quantity} planned ${wo.part}; give an override reason to make more`);
  }
  const made = produce(core, { workOrder: wo.number, serials, at: input.at });
  const out = made.outputs[0];
  if (out === undefined) throw new Error('serialise: produce returned no serial');
  const unit = unitById(core.db, out.id);
  return {
    message: `${unitName(unit)} assigned on ${wo.number} (${Number(wo.produced) + 1} of ${wo.quantity}). Print its label, then test it.`,
    changed: true,
    eventId: made.event.id,
    context: { workOrder: wo.number, serial: unitRef(unit) } satisfies Context,
    view: view(core, workOrderProgress(core.db, wo.number), unit),
  };
}

function recordTest(core: Core, input: Input, result: 'pass' | 'fail'): Applied {
  const ref = input.context.serial;
  if (ref === undefined) refuse('VALIDATION', 'Scan or assign a serial first, then record its test');
  const unit = resolveRef(core.db, ref);
  const note = result === 'pass' ? 'Test passed' : `Test failed${input.reason === undefined ? '' : `: ${input.reason}`}`;
  const woId = input.context.workOrder === undefined ? undefined : statements(core.db).workOrderId.get(input.context.workOrder)?.id;
  const eventId = appendEvent(core, {
    kind: 'object',
    action: 'OBSERVE',
    bizStep: 'inspecting',
    disposition: result === 'pass' ? 'conformant' : 'non_conformant',
    time: eventTime(input.at, core.now()),
    document: woId === undefined ? null : { type: 'work_order', id: woId },
    reason: note,
    units: [{ unitId: unit.id, role: 'object', qty: unit.qty_on_hand }],
  });
  const wo = input.context.workOrder === undefined ? null : workOrderProgress(core.db, input.context.workOrder);
  return {
    message: `${unitName(unit)}: ${note.toLowerCase()}. ${result === 'pass' ? 'Assign or scan the next serial.' : 'Set it aside for review.'}`,
    changed: true,
    eventId,
    context: input.context,
    view: view(core, wo, unit),
  };
}

/** A scanned serial label: the work order's item, made on it already (select it) or new (a pre-printed serial). */
function scannedSerial(core: Core, input: Input, wo: WorkOrderProgress, code: Extract<StationCode, { kind: 'unit' }>): Applied {
  const id = code.identity;
  const item = itemByPart(core.db, wo.part);
  const sameItem = id.by === 'part' ? id.part.toLowerCase() === item.part.toLowerCase() : id.gtin === item.gtin;
  const named = id.by === 'part' ? formatRef(id.kind, id.part, id.code) : `GTIN ${id.gtin} ${id.kind} ${id.code}`;
  if (!sameItem) refuse('VALIDATION', `${named} is not a ${item.part}, which work order ${wo.number} makes`);
  if (id.kind !== 'serial') refuse('VALIDATION', `${named} is a lot; scan a serial label of ${item.part}`);
  if (!codeTaken(core.db, item.id, 'serial', id.code)) return produceSerial(core, input, wo, [id.code]);
  const unit = resolveRef(core.db, formatRef('serial', item.part, id.code));
  if (unit.work_order_id !== statements(core.db).workOrderId.get(wo.number)?.id) {
    refuse('CONFLICT', `${unitName(unit)} already exists and was not made on ${wo.number}; scan a new serial label`);
  }
  return {
    message: `${unitName(unit)} selected. Record its test: PASS or FAIL.`,
    changed: false,
    eventId: null,
    context: { workOrder: wo.number, serial: unitRef(unit) } satisfies Context,
    view: view(core, wo, unit),
  };
}

export function serialiseScan(core: Core, input: Input, code: StationCode): Applied {
  if (code.kind === 'workOrder') {
    const wo = serialisedWorkOrder(core, code.number);
    return {
      message: `Work order ${wo.number}: ${wo.produced} of ${wo.quantity} ${wo.part} made. Assign the next serial or scan a serial label.`,
      changed: false,
      eventId: null,
      context: { workOrder: wo.number } satisfies Context,
      view: view(core, wo, null),
    };
  }
  if (code.kind === 'control' && (code.control === 'pass' || code.control === 'fail')) return recordTest(core, input, code.control);
  if (code.kind !== 'unit' && !(code.kind === 'control' && code.control === 'nextSerial')) {
    notHere('a work order (WO:…), NEXT SERIAL, a serial label, PASS or FAIL', code);
  }
  const number = input.context.workOrder;
  if (number === undefined) refuse('VALIDATION', 'Scan a work order first');
  const wo = serialisedWorkOrder(core, number);
  return code.kind === 'unit' ? scannedSerial(core, input, wo, code) : produceSerial(core, input, wo, 1);
}
