// Receiving: each received raw-material lot gets an internal lot number and starts in quarantine.
import type { Database as Db } from 'better-sqlite3';
import type { z } from 'zod';
import type { ReceiptResult, receiveInput } from '../../../common/api/inventory';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { appendEvent } from '../events/ledger';
import { itemByPart } from '../masterdata/items';
import { locationByCode } from '../masterdata/locations';
import { partyByCode } from '../masterdata/parties';
import { DEFAULT_LOT_PATTERN, nextCode, nextDocumentNumber } from '../numbering/patterns';
import { addDays, eventTime, withOffset } from '../time';
import { codeTaken, toSummary, unitById } from '../units/rows';
import { createUnit } from '../units/write';

const statements = perConnection((db: Db) => ({
  numberTaken: db.prepare<[string], { id: number }>('SELECT id FROM receipts WHERE number = ?'),
  insert: db.prepare(
    `INSERT INTO receipts (number, supplier_id, location_id, reference, received_at, created_at)
     VALUES (@number, @supplier_id, @location_id, @reference, @received_at, @created_at)`,
  ),
}));

export function receive(core: Core, input: z.output<typeof receiveInput>): ReceiptResult {
  const s = statements(core.db);
  const supplier = partyByCode(core.db, 'suppliers', input.supplier);
  const location = input.location === undefined ? null : locationByCode(core.db, input.location);
  const time = eventTime(input.receivedAt, core.now());
  const receivedOn = new Date(time.utc);
  const number = nextDocumentNumber(core.db, 'receipt', receivedOn, (n) => s.numberTaken.get(n) !== undefined);
  const receiptId = Number(
    s.insert.run({
      number,
      supplier_id: supplier.id,
      location_id: location?.id ?? null,
      reference: input.reference ?? null,
      received_at: time.utc,
      created_at: core.now().toISOString(),
    }).lastInsertRowid,
  );
  auditCreate(core, 'receipts', receiptId);

  const unitIds = input.lines.map((line, index) => {
    const item = itemByPart(core.db, line.part);
    const where = `lines[${index}]`;
    if (item.tracking !== 'lot') {
      throw new LotlineError('VALIDATION', `${where}.part: item ${item.part} is tracked by ${item.tracking}, not by lot; only lot-tracked items are received here`);
    }
    if (item.unit === 'ea' && line.quantity % 1000 !== 0) {
      throw new LotlineError('VALIDATION', `${where}.quantity: ${item.part} is counted in whole pieces (ea)`);
    }
    let code = line.lot;
    if (code !== undefined && codeTaken(core.db, item.id, 'lot', code)) {
      throw new LotlineError('CONFLICT', `${where}.lot: lot ${code} of ${item.part} already exists`);
    }
    code ??= nextCode(core.db, `lot:${item.id}`, item.lot_pattern ?? DEFAULT_LOT_PATTERN, receivedOn, item.part, (c) =>
      codeTaken(core.db, item.id, 'lot', c),
    );
    const expiresAt = line.expiry ?? (item.shelf_life_days === null ? null : addDays(time.utc, item.shelf_life_days));
    return createUnit(core, {
      itemId: item.id,
      kind: 'lot',
      code,
      status: 'quarantine',
      qty: line.quantity,
      supplierId: supplier.id,
      supplierLot: line.supplierLot,
      receiptId,
      producedAt: null,
      expiresAt,
    });
  });

  appendEvent(core, {
    kind: 'object',
    action: 'ADD',
    bizStep: 'receiving',
    disposition: 'in_progress',
    time,
    locationId: location?.id ?? null,
    document: { type: 'receipt', id: receiptId },
    statusTo: 'quarantine',
    units: unitIds.map((id, i) => ({ unitId: id, role: 'object' as const, qty: input.lines[i]?.quantity ?? 0 })),
  });

  return {
    receipt: number,
    supplier: supplier.code,
    receivedAt: withOffset(time.utc, time.offset),
    lots: unitIds.map((id) => toSummary(unitById(core.db, id))),
  };
}
