// Work orders against one BOM version: consume component lots and serials, produce finished lots
// and serials, and write the lineage that trace walks. Bulk consumption links a component to every
// output of the work order; components given with one output link to that output only.
import type { Database as Db } from 'better-sqlite3';
import type { ComponentInput, WorkOrder, WorkOrderProgress } from '../../../common/api/production';
import type { LedgerEvent, UnitSummary } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { fromMilli, QTY_SCALE } from '../../../common/quantity';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { appendEvent, appendEventWritten, eventById, writtenEvent } from '../events/ledger';
import { itemById, itemByPart } from '../masterdata/items';
import type { ItemRow } from '../masterdata/items';
import { DEFAULT_LOT_PATTERN, DEFAULT_SERIAL_PATTERN, nextCode, nextDocumentNumber } from '../numbering/patterns';
import { addDays, eventTime } from '../time';
import type { EventTime } from '../time';
import { codeTaken, resolveRef, toSummary, unitById, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { assertUsable } from '../units/status';
import { createUnit, moveQuantity } from '../units/write';
import type { UnitMove } from '../audit/trail';
import { bomById, bomFor, bomLines, bomLists } from './boms';
import { addConsumed, consumedByItem } from './consumed';

/** A work order's row as read in this transaction (see `workOrderRead`). */
export interface WorkOrderRow {
  id: number;
  number: string;
  bom_id: number;
  item_id: number;
  qty_planned: number;
  line: string | null;
  status: 'open' | 'closed';
  created_at: string;
  closed_at: string | null;
}

/** The row with its item's and BOM's names, for the work order's header. */
interface WorkOrderView extends WorkOrderRow {
  part: string;
  description: string;
  unit: string;
  bom_version: number;
}

const WORK_ORDER_SELECT = `SELECT wo.*, i.part, i.description, i.unit, b.version AS bom_version
  FROM work_orders wo JOIN items i ON i.id = wo.item_id JOIN boms b ON b.id = wo.bom_id`;

/**
 * The steps of the events that produce a work order's outputs (serials commissioned, a lot made): the only events
 * with outputs. The index `events_production` (migration 12) holds exactly these, so the SQL below names them alike.
 */
const PRODUCTION_STEPS = { serial: 'commissioning', lot: 'creating_class_instance' } as const;
const PRODUCTION_EVENT = `e.doc_type = 'work_order' AND e.doc_id = ? AND e.kind = 'transformation' AND e.biz_step IN ('${PRODUCTION_STEPS.serial}', '${PRODUCTION_STEPS.lot}')`;

const statements = perConnection((db: Db) => ({
  // Consuming and producing need the row alone; the header reads it with the names.
  byNumber: db.prepare<[string], WorkOrderRow>('SELECT * FROM work_orders WHERE number = ?'),
  viewByNumber: db.prepare<[string], WorkOrderView>(`${WORK_ORDER_SELECT} WHERE wo.number = ?`),
  list: db.prepare<[{ status: string | null; limit: number }], WorkOrderView>(
    `${WORK_ORDER_SELECT} WHERE (@status IS NULL OR wo.status = @status) ORDER BY wo.id DESC LIMIT @limit`,
  ),
  insert: db.prepare(
    `INSERT INTO work_orders (number, bom_id, item_id, qty_planned, line, status, created_at) VALUES (@number, @bom_id, @item_id, @qty_planned, @line, 'open', @created_at)`,
  ),
  close: db.prepare(`UPDATE work_orders SET status = 'closed', closed_at = ? WHERE id = ?`),
  // Outputs come only from production events, read through their own index (migration 12).
  outputs: db.prepare<[number], { unit_id: number }>(
    `SELECT DISTINCT eu.unit_id FROM events e INDEXED BY events_production JOIN event_units eu ON eu.event_id = e.id AND eu.role = 'output'
      WHERE ${PRODUCTION_EVENT} ORDER BY eu.unit_id`,
  ),
  produced: db.prepare<[number], { qty: number | null }>(
    `SELECT sum(eu.qty) AS qty FROM events e INDEXED BY events_production JOIN event_units eu ON eu.event_id = e.id AND eu.role = 'output'
      WHERE ${PRODUCTION_EVENT}`,
  ),
  // Bulk inputs: consumed by events of the work order that produced nothing themselves, not reversed.
  bulkInputs: db.prepare<[number], { unit_id: number }>(
    `SELECT DISTINCT eu.unit_id FROM events e JOIN event_units eu ON eu.event_id = e.id AND eu.role = 'input'
      WHERE e.doc_type = 'work_order' AND e.doc_id = ?
        AND NOT EXISTS (SELECT 1 FROM event_units o WHERE o.event_id = e.id AND o.role = 'output')
        AND NOT EXISTS (SELECT 1 FROM events r WHERE r.corrects_event_id = e.id)`,
  ),
  consumption: db.prepare<[number], { event_id: number; unit_id: number; item_id: number; qty: number; at: string; reason: string | null; reversed: number }>(
    `SELECT e.id AS event_id, eu.unit_id, u.item_id, eu.qty, e.event_time AS at, e.reason,
            EXISTS (SELECT 1 FROM events r WHERE r.corrects_event_id = e.id) AS reversed
       FROM events e JOIN event_units eu ON eu.event_id = e.id AND eu.role = 'input' JOIN units u ON u.id = eu.unit_id
      WHERE e.doc_type = 'work_order' AND e.doc_id = ? ORDER BY e.id, eu.unit_id`,
  ),
  numberTaken: db.prepare<[string], { id: number }>('SELECT id FROM work_orders WHERE number = ?'),
  voidedEdges: db.prepare<[{ wo: number; event: number; unit: number }], { input_id: number; output_id: number; event_id: number }>(
    `SELECT l.input_id, l.output_id, l.event_id FROM lineage l
        WHERE l.input_id = @unit AND (
          l.event_id = @event OR (
            l.event_id IN (SELECT id FROM events WHERE doc_type = 'work_order' AND doc_id = @wo)
            AND NOT EXISTS (SELECT 1 FROM event_units c WHERE c.event_id = l.event_id AND c.unit_id = @unit AND c.role = 'input')
            AND NOT EXISTS (
              SELECT 1 FROM events e JOIN event_units eu ON eu.event_id = e.id AND eu.unit_id = @unit AND eu.role = 'input'
               WHERE e.doc_type = 'work_order' AND e.doc_id = @wo AND e.id <> @event
                 AND NOT EXISTS (SELECT 1 FROM event_units o WHERE o.event_id = e.id AND o.role = 'output')
                 AND NOT EXISTS (SELECT 1 FROM events r WHERE r.corrects_event_id = e.id))))`
  ),
  reversedBy: db.prepare<[number], { id: number }>('SELECT id FROM events WHERE corrects_event_id = ?'),
  inputsOf: db.prepare<[number], { unit_id: number; qty: number }>(`SELECT unit_id, qty FROM event_units WHERE event_id = ? AND role = 'input'`),
}));

function workOrderByNumber(db: Db, number: string): WorkOrderRow {
  return found(statements(db).byNumber.get(number), number);
}

function workOrderView(db: Db, number: string): WorkOrderView {
  return found(statements(db).viewByNumber.get(number), number);
}

function found<T>(row: T | undefined, number: string): T {
  if (!row) throw new LotlineError('NOT_FOUND', `There is no work order ${number}`);
  return row;
}

function openWorkOrder(db: Db, number: string): WorkOrderRow {
  const wo = workOrderByNumber(db, number);
  if (wo.status !== 'open') throw new LotlineError('STATUS', `Work order ${wo.number} is closed; nothing more can be consumed or produced on it`);
  return wo;
}

export function createWorkOrder(
  core: Core,
  input: { number?: string | undefined; part: string; bomVersion?: number | undefined; quantity: number; line?: string | undefined; at?: string | undefined },
): WorkOrder {
  const s = statements(core.db);
  const item = itemByPart(core.db, input.part);
  if (item.tracking === 'none') throw new LotlineError('VALIDATION', `part: item ${item.part} is not lot- or serial-tracked; work orders make tracked items`);
  if (item.tracking === 'serial' && input.quantity % QTY_SCALE !== 0) throw new LotlineError('VALIDATION', `quantity: ${item.part} is serialised; plan whole pieces`);
  const bom = bomFor(core.db, item.id, item.part, input.bomVersion);
  if (input.number !== undefined && s.numberTaken.get(input.number)) throw new LotlineError('CONFLICT', `Work order ${input.number} already exists`);
  const time = eventTime(input.at, core.now());
  const number = input.number ?? nextDocumentNumber(core.db, 'work_order', new Date(time.utc), (n) => s.numberTaken.get(n) !== undefined);
  const id = Number(
    s.insert.run({ number, bom_id: bom.id, item_id: item.id, qty_planned: input.quantity, line: input.line ?? null, created_at: time.utc }).lastInsertRowid,
  );
  auditCreate(core, 'work_orders', id);
  return workOrderDetail(core.db, number);
}

interface Consumption {
  unit: UnitRow;
  qty: number;
  move: UnitMove;
}

/** Checks one component against the work order's BOM and the unit's status, and books it out. */
function bookComponent(
  core: Core,
  wo: WorkOrderRow,
  time: EventTime,
  ref: string | UnitRow,
  quantity: number | undefined,
  substitutionReason: string | undefined,
  where: string,
): Consumption {
  const unit = typeof ref === 'string' ? resolveRef(core.db, ref) : ref;
  const qty = unit.kind === 'serial' ? QTY_SCALE : quantity;
  if (qty === undefined) {
    throw new LotlineError('VALIDATION', `${where}quantity: say how much of ${unitName(unit)} is consumed (${fromMilli(unit.qty_on_hand)} ${unit.uom} on hand)`);
  }
  if (unit.kind === 'serial' && quantity !== undefined && quantity !== QTY_SCALE) {
    throw new LotlineError('VALIDATION', `${where}quantity: a serial is one piece`);
  }
  const onBom = bomLists(core.db, wo.bom_id, unit.item_id);
  if (!onBom && substitutionReason === undefined) {
    const bom = bomById(core.db, wo.bom_id);
    throw new LotlineError(
      'VALIDATION',
      `${unit.part} is not on the BOM of ${bom.part} (version ${bom.version}) for work order ${wo.number}. Give a substitution reason to use it instead of a listed component.`,
    );
  }
  if (unit.work_order_id === wo.id) throw new LotlineError('VALIDATION', `${unitName(unit)} is an output of work order ${wo.number} and cannot be consumed by it`);
  assertUsable(unit, 'consumed', qty, time.utc.slice(0, 10));
  const move = moveQuantity(core, unit, { onHand: -qty, emptiedAs: 'consumed' }, `consumed in work order ${wo.number}`);
  addConsumed(core.db, wo.id, unit.item_id, qty);
  return { unit, qty, move };
}

type ConsumeInput = {
  workOrder: string | WorkOrderRow;
  ref: string | UnitRow;
  quantity?: number | undefined;
  substitutionReason?: string | undefined;
  at?: string | undefined;
};

/**
 * `workOrder` names an open work order, or is its row as read in this transaction; `ref` names the lot or serial, or
 * is its row (a station has just read both). Answers with the event as `eventById` would read it back.
 */
export function consume(core: Core, input: ConsumeInput): LedgerEvent {
  const { written, wo, unit, qty } = recordConsumption(core, input);
  // The answer from what was written: its one unit and the work order's number, as eventById would read them back.
  return writtenEvent(written, { location: null, document: wo.number }, [{ ref: unitRef(unit), role: 'input', quantity: fromMilli(qty) }]);
}

/** `consume` for a caller that needs only the event's id (a station, which answers in its own words). */
export function consumeScanned(core: Core, input: ConsumeInput): number {
  return recordConsumption(core, input).written.id;
}

function recordConsumption(core: Core, input: ConsumeInput) {
  const s = statements(core.db);
  const wo = typeof input.workOrder === 'string' ? openWorkOrder(core.db, input.workOrder) : input.workOrder;
  const time = eventTime(input.at, core.now());
  const { unit, qty, move } = bookComponent(core, wo, time, input.ref, input.quantity, input.substitutionReason, '');
  const outputs = s.outputs.all(wo.id).map((o) => o.unit_id);
  const written = appendEventWritten(core, {
    kind: 'transformation',
    action: 'OBSERVE',
    bizStep: 'assembling',
    disposition: 'in_progress',
    time,
    document: { type: 'work_order', id: wo.id },
    reason: input.substitutionReason ?? null,
    units: [{ unitId: unit.id, role: 'input', qty }],
    edges: outputs.map((o) => [unit.id, o] as const),
    moves: [move],
  });
  return { written, wo, unit, qty };
}

export function produce(
  core: Core,
  input: {
    workOrder: string;
    quantity?: number | undefined;
    lot?: string | undefined;
    serials?: number | string[] | undefined;
    components?: ComponentInput[] | undefined;
    substitutionReason?: string | undefined;
    at?: string | undefined;
  },
): { event: LedgerEvent; outputs: UnitSummary[] } {
  const s = statements(core.db);
  const wo = openWorkOrder(core.db, input.workOrder);
  const item = itemById(core.db, wo.item_id);
  const time = eventTime(input.at, core.now());
  const components = (input.components ?? []).map((c, i) => bookComponent(core, wo, time, c.ref, c.quantity, input.substitutionReason, `components[${i}].`));
  const outputs = item.tracking === 'serial' ? produceSerials(core, wo, item, input, time) : [produceLot(core, wo, item, input, time)];
  const bulk = s.bulkInputs.all(wo.id).map((r) => r.unit_id);
  const inputs = [...new Set([...bulk, ...components.map((c) => c.unit.id)])];
  const id = appendEvent(core, {
    kind: 'transformation',
    action: 'OBSERVE',
    bizStep: item.tracking === 'serial' ? PRODUCTION_STEPS.serial : PRODUCTION_STEPS.lot,
    disposition: 'active',
    time,
    document: { type: 'work_order', id: wo.id },
    // New lots and serials start in quarantine; a rework adds to a lot and leaves its status alone.
    statusTo: outputs.every((o) => o.created) ? 'quarantine' : null,
    reason: components.length > 0 ? (input.substitutionReason ?? null) : null,
    units: [
      ...components.map((c) => ({ unitId: c.unit.id, role: 'input' as const, qty: c.qty })),
      ...outputs.map((o) => ({ unitId: o.id, role: 'output' as const, qty: o.qty })),
    ],
    edges: inputs.flatMap((i) => outputs.map((o) => [i, o.id] as const)),
    moves: [...components.map((c) => c.move), ...outputs.flatMap((o) => o.move ?? [])],
  });
  return { event: eventById(core.db, id) as LedgerEvent, outputs: outputs.map((o) => toSummary(unitById(core.db, o.id))) };
}

/** A lot or serial a production event outputs: new, or a rework into an existing lot (the move it made). */
interface Output {
  id: number;
  qty: number;
  created: boolean;
  move?: UnitMove;
}

function produceSerials(
  core: Core,
  wo: WorkOrderRow,
  item: ItemRow,
  input: { quantity?: number | undefined; lot?: string | undefined; serials?: number | string[] | undefined },
  time: EventTime,
): Output[] {
  if (input.serials === undefined) throw new LotlineError('VALIDATION', `serials: ${item.part} is serialised; give the number of serials to assign or the serial numbers`);
  if (input.lot !== undefined) throw new LotlineError('VALIDATION', `lot: ${item.part} is serialised; it is produced as serials, not as a lot`);
  const date = new Date(time.utc);
  const codes =
    typeof input.serials === 'number'
      ? Array.from({ length: input.serials }, () =>
          nextCode(core.db, `serial:${item.id}`, item.serial_pattern ?? DEFAULT_SERIAL_PATTERN, date, item.part, (c) => codeTaken(core.db, item.id, 'serial', c)),
        )
      : input.serials;
  const seen = new Set<string>();
  return codes.map((code) => {
    if (seen.has(code) || codeTaken(core.db, item.id, 'serial', code)) throw new LotlineError('CONFLICT', `Serial ${code} of ${item.part} already exists; serials are unique per item`);
    seen.add(code);
    const id = createUnit(core, {
      itemId: item.id,
      kind: 'serial',
      code,
      status: 'quarantine',
      qty: QTY_SCALE,
      workOrderId: wo.id,
      producedAt: time.utc,
      expiresAt: item.shelf_life_days === null ? null : addDays(time.utc, item.shelf_life_days),
    });
    return { id, qty: QTY_SCALE, created: true };
  });
}

function produceLot(
  core: Core,
  wo: WorkOrderRow,
  item: ItemRow,
  input: { quantity?: number | undefined; lot?: string | undefined; serials?: number | string[] | undefined },
  time: EventTime,
): Output {
  if (input.serials !== undefined) throw new LotlineError('VALIDATION', `serials: ${item.part} is tracked by lot; give a quantity`);
  if (input.quantity === undefined) throw new LotlineError('VALIDATION', `quantity: say how much of ${item.part} was produced`);
  if (item.unit === 'ea' && input.quantity % QTY_SCALE !== 0) throw new LotlineError('VALIDATION', `quantity: ${item.part} is counted in whole pieces (ea)`);
  if (input.lot !== undefined && codeTaken(core.db, item.id, 'lot', input.lot)) {
    // Rework: the output goes back into an existing lot of the same item (this may close a loop in the genealogy).
    const existing = resolveRef(core.db, `${item.part}:${input.lot}`);
    const move = moveQuantity(core, existing, { onHand: input.quantity, initial: input.quantity }, `reworked into lot in work order ${wo.number}`);
    return { id: existing.id, qty: input.quantity, created: false, move };
  }
  const code =
    input.lot ?? nextCode(core.db, `lot:${item.id}`, item.lot_pattern ?? DEFAULT_LOT_PATTERN, new Date(time.utc), item.part, (c) => codeTaken(core.db, item.id, 'lot', c));
  const id = createUnit(core, {
    itemId: item.id,
    kind: 'lot',
    code,
    status: 'quarantine',
    qty: input.quantity,
    workOrderId: wo.id,
    producedAt: time.utc,
    expiresAt: item.shelf_life_days === null ? null : addDays(time.utc, item.shelf_life_days),
  });
  return { id, qty: input.quantity, created: true };
}

/** A consumption scanned by mistake: a reversing event puts the quantity back and takes its lineage out of trace. */
export function reverseConsumption(core: Core, eventId: number, reason: string): LedgerEvent {
  const original = eventById(core.db, eventId);
  if (!original) throw new LotlineError('NOT_FOUND', `There is no event ${eventId}`);
  const inputs = original.units.filter((u) => u.role === 'input');
  if (original.document?.type !== 'work_order' || inputs.length === 0 || original.units.some((u) => u.role === 'output')) {
    throw new LotlineError('VALIDATION', `Event ${eventId} is not a consumption; only consumptions can be reversed`);
  }
  const already = statements(core.db).reversedBy.get(eventId);
  if (already) throw new LotlineError('CONFLICT', `Event ${eventId} was already reversed by event ${already.id}`);
  const wo = openWorkOrder(core.db, original.document.number);
  const units = statements(core.db).inputsOf.all(eventId);
  const moves = units.map((u) => {
    const unit = unitById(core.db, u.unit_id);
    addConsumed(core.db, wo.id, unit.item_id, -u.qty);
    return moveQuantity(core, unit, { onHand: u.qty }, `consumption in ${wo.number} reversed: ${reason}`);
  });
  const voids = units.flatMap((u) => voidedEdges(core.db, wo.id, eventId, u.unit_id));
  const id = appendEvent(core, {
    kind: 'object',
    action: 'OBSERVE',
    bizStep: 'other',
    disposition: 'active',
    time: eventTime(undefined, core.now()),
    document: { type: 'correction', id: eventId },
    reason,
    corrects: eventId,
    units: units.map((u) => ({ unitId: u.unit_id, role: 'object' as const, qty: u.qty })),
    voids,
    moves,
  });
  return eventById(core.db, id) as LedgerEvent;
}

/**
 * The edges a reversed bulk consumption stops standing for: those of the consumption itself and, unless
 * the unit is still consumed into the work order by another live event, those that later outputs got
 * from it as a bulk input. An edge from a per-unit component stays.
 */
function voidedEdges(db: Db, workOrderId: number, eventId: number, unitId: number) {
  return statements(db).voidedEdges.all({ wo: workOrderId, event: eventId, unit: unitId });
}

export function closeWorkOrder(core: Core, number: string): WorkOrder {
  const wo = openWorkOrder(core.db, number);
  auditUpdate(core, 'work_orders', wo.id, 'closed', () => statements(core.db).close.run(core.now().toISOString(), wo.id));
  return workOrderDetail(core.db, number);
}

type WorkOrderHeader = Omit<WorkOrder, 'requirements' | 'consumed' | 'outputs'>;

function header(db: Db, wo: WorkOrderView): WorkOrderHeader {
  const produced = statements(db).produced.get(wo.id)?.qty ?? 0;
  return {
    number: wo.number,
    part: wo.part,
    description: wo.description,
    bomVersion: wo.bom_version,
    quantity: fromMilli(wo.qty_planned),
    unit: wo.unit,
    line: wo.line,
    status: wo.status,
    createdAt: wo.created_at,
    closedAt: wo.closed_at,
    produced: fromMilli(produced),
    yieldPercent: Math.round((produced / wo.qty_planned) * 1000) / 10,
  };
}

/** The work order's header and what each BOM line requires, has consumed and still needs. */
export function workOrderProgress(db: Db, number: string): WorkOrderProgress {
  return progressOf(db, workOrderView(db, number));
}

/** `workOrderProgress` with the row it was read from, for a station that goes on to consume into it. */
export function workOrderRead(db: Db, number: string): { row: WorkOrderRow; progress: WorkOrderProgress } {
  const row = workOrderView(db, number);
  return { row, progress: progressOf(db, row) };
}

function progressOf(db: Db, wo: WorkOrderView): WorkOrderProgress {
  const consumed = consumedByItem(db, wo.id);
  return {
    ...header(db, wo),
    requirements: bomLines(db, wo.bom_id).map((l) => {
      const required = Math.round((l.qty_per * wo.qty_planned) / QTY_SCALE);
      const given = consumed.get(l.component_item_id) ?? 0;
      return {
        line: l.line_no,
        part: l.part,
        description: l.description,
        quantityPer: fromMilli(l.qty_per),
        unit: l.unit,
        required: fromMilli(required),
        consumed: fromMilli(given),
        remaining: fromMilli(Math.max(0, required - given)),
      };
    }),
  };
}

export function workOrderDetail(db: Db, number: string): WorkOrder {
  const s = statements(db);
  const wo = workOrderView(db, number);
  return {
    ...progressOf(db, wo),
    consumed: s.consumption.all(wo.id).map((c) => {
      const unit = unitById(db, c.unit_id);
      return {
        eventId: c.event_id,
        ref: toSummary(unit).ref,
        part: unit.part,
        quantity: fromMilli(c.qty),
        at: c.at,
        substitutionReason: c.reason,
        reversed: c.reversed === 1,
      };
    }),
    outputs: s.outputs.all(wo.id).map((o) => toSummary(unitById(db, o.unit_id))),
  };
}

export function listWorkOrders(db: Db, status: 'open' | 'closed' | undefined, limit: number): WorkOrderHeader[] {
  return statements(db)
    .list.all({ status: status ?? null, limit })
    .map((wo) => header(db, wo));
}
