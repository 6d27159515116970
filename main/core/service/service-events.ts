// Service and warranty events by serial: repairs, part replacements (the faulty and the replacement
// serial are both recorded and the replacement enters the genealogy), returns and field actions.
import type { Database as Db } from 'better-sqlite3';
import type { ServiceKind, ServiceRecord } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { QTY_SCALE } from '../../../common/quantity';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { appendEvent } from '../events/ledger';
import { nextDocumentNumber } from '../numbering/patterns';
import { eventTime, withOffset } from '../time';
import { resolveRef, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { assertUsable } from '../units/status';
import { moveQuantity, writeUnitState } from '../units/write';
import type { UnitMove } from '../audit/trail';

const bizSteps: Record<ServiceKind, { bizStep: string; disposition: string }> = {
  repair: { bizStep: 'repairing', disposition: 'active' },
  part_replaced: { bizStep: 'replacing', disposition: 'active' },
  return: { bizStep: 'receiving', disposition: 'returned' },
  field_action: { bizStep: 'repairing', disposition: 'active' },
  inspection: { bizStep: 'inspecting', disposition: 'active' },
};

interface ServiceRow {
  id: number;
  number: string;
  kind: ServiceKind;
  performed_at: string;
  description: string;
  serial_part: string;
  serial_code: string;
  removed_part: string | null;
  removed_code: string | null;
  installed_part: string | null;
  installed_code: string | null;
  actor: string;
  tz_offset: string;
}

const SERVICE_SELECT = `
  SELECT s.id, s.number, s.kind, s.performed_at, s.description, e.actor, e.tz_offset,
         si.part AS serial_part, su.code AS serial_code,
         ri.part AS removed_part, ru.code AS removed_code, ii.part AS installed_part, iu.code AS installed_code
    FROM service_events s JOIN events e ON e.id = s.event_id
    JOIN units su ON su.id = s.serial_id JOIN items si ON si.id = su.item_id
    LEFT JOIN units ru ON ru.id = s.removed_unit_id LEFT JOIN items ri ON ri.id = ru.item_id
    LEFT JOIN units iu ON iu.id = s.installed_unit_id LEFT JOIN items ii ON ii.id = iu.item_id`;

const statements = perConnection((db: Db) => ({
  numberTaken: db.prepare<[string], { id: number }>('SELECT id FROM service_events WHERE number = ?'),
  insert: db.prepare(
    `INSERT INTO service_events (number, serial_id, kind, performed_at, description, removed_unit_id, installed_unit_id, event_id, created_at)
     VALUES (@number, @serial_id, @kind, @performed_at, @description, @removed_unit_id, @installed_unit_id, @event_id, @created_at)`,
  ),
  isComponent: db.prepare<[number, number], { n: number }>('SELECT 1 AS n FROM lineage WHERE input_id = ? AND output_id = ? LIMIT 1'),
  byId: db.prepare<[number], ServiceRow>(`${SERVICE_SELECT} WHERE s.id = ?`),
  bySerial: db.prepare<[number], ServiceRow>(`${SERVICE_SELECT} WHERE s.serial_id = ? ORDER BY s.performed_at, s.id`),
  all: db.prepare<[], ServiceRow>(`${SERVICE_SELECT} ORDER BY s.performed_at DESC, s.id DESC LIMIT 500`),
}));

function serialOnly(unit: UnitRow, field: string): UnitRow {
  if (unit.kind !== 'serial') throw new LotlineError('VALIDATION', `${field}: service events are recorded by serial; ${unitName(unit)} is a lot`);
  return unit;
}

export function recordService(
  core: Core,
  input: { serial: string; kind: ServiceKind; description: string; removed?: string | undefined; installed?: string | undefined; at?: string | undefined },
): ServiceRecord {
  const s = statements(core.db);
  const device = serialOnly(resolveRef(core.db, input.serial), 'serial');
  const removed = input.removed === undefined ? null : serialOnly(resolveRef(core.db, input.removed), 'removed');
  const installed = input.installed === undefined ? null : serialOnly(resolveRef(core.db, input.installed), 'installed');
  const time = eventTime(input.at, core.now());
  const number = nextDocumentNumber(core.db, 'service', new Date(time.utc), (n) => s.numberTaken.get(n) !== undefined);

  if (removed && !s.isComponent.get(removed.id, device.id)) {
    throw new LotlineError('VALIDATION', `removed: ${unitName(removed)} is not recorded as a part of ${unitName(device)}`);
  }
  let installMove: UnitMove | undefined;
  if (installed) {
    assertUsable(installed, 'consumed', QTY_SCALE, time.utc.slice(0, 10));
    installMove = moveQuantity(core, installed, { onHand: -QTY_SCALE, emptiedAs: 'consumed' }, `installed in ${unitName(device)} (${number})`);
  }
  const moves: UnitMove[] = installMove ? [installMove] : [];
  if (removed) {
    const reason = `removed from ${unitName(device)} as faulty (${number})`;
    moves.push(writeUnitState(core, removed, { initial: removed.qty_initial, onHand: QTY_SCALE, status: 'rejected', statusReason: reason }, reason));
  }
  if (input.kind === 'return') {
    const reason = `returned by the customer (${number})`;
    moves.push(writeUnitState(core, device, { initial: device.qty_initial, onHand: QTY_SCALE, status: 'quarantine', statusReason: reason }, reason));
  }
  const eventId = appendEvent(core, {
    kind: 'object',
    action: 'OBSERVE',
    ...bizSteps[input.kind],
    time,
    reason: input.description,
    units: [
      { unitId: device.id, role: 'object', qty: QTY_SCALE },
      ...(installed ? [{ unitId: installed.id, role: 'input' as const, qty: QTY_SCALE }] : []),
    ],
    edges: installed ? [[installed.id, device.id] as const] : [],
    moves,
  });
  const id = Number(
    s.insert.run({
      number,
      serial_id: device.id,
      kind: input.kind,
      performed_at: time.utc,
      description: input.description,
      removed_unit_id: removed?.id ?? null,
      installed_unit_id: installed?.id ?? null,
      event_id: eventId,
      created_at: core.now().toISOString(),
    }).lastInsertRowid,
  );
  auditCreate(core, 'service_events', id);
  return toRecord(s.byId.get(id) as ServiceRow);
}

function toRecord(row: ServiceRow): ServiceRecord {
  const ref = (part: string | null, code: string | null) => (part && code ? unitRef({ kind: 'serial', part, code }) : null);
  return {
    id: row.id,
    number: row.number,
    serial: unitRef({ kind: 'serial', part: row.serial_part, code: row.serial_code }),
    kind: row.kind,
    performedAt: withOffset(row.performed_at, row.tz_offset),
    description: row.description,
    removed: ref(row.removed_part, row.removed_code),
    installed: ref(row.installed_part, row.installed_code),
    actor: row.actor,
  };
}

export function serviceOf(db: Db, serialId: number): ServiceRecord[] {
  return statements(db).bySerial.all(serialId).map(toRecord);
}

export function listService(db: Db, serial: string | undefined): ServiceRecord[] {
  return serial === undefined ? statements(db).all.all().map(toRecord) : serviceOf(db, serialOnly(resolveRef(db, serial), 'serial').id);
}
