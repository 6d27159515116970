// The certificate of analysis of a lot: item, lot, dates, each characteristic with method, specification and result,
// the conformance statement and the release (who released the lot, when and why).
import type { Database as Db } from 'better-sqlite3';
import type { CoaContent } from '../../../common/api/records';
import { LotlineError } from '../../../common/errors';
import { unitDetail } from '../units/detail';
import { resolveRef, unitName } from '../units/rows';
import type { UnitRow } from '../units/rows';
import { unlessMissing } from './missing';
import { inspectionsOf, releaseOf, statusChangesOf } from './inspections';
import { resultsOf } from './quality-results';

export function coaUnit(db: Db, ref: string): UnitRow {
  const unit = resolveRef(db, ref);
  if (unit.kind !== 'lot') throw new LotlineError('VALIDATION', `${unitName(unit)} is a serial; a certificate of analysis is for a lot (a serial has its device history record, dhr)`);
  return unit;
}

function statementOf(item: string, lot: string, counted: number, failed: number, released: boolean): string {
  if (counted === 0) return `No test results are recorded for lot ${lot} of ${item}: this certificate states no conformance.`;
  if (failed > 0) return `Lot ${lot} of ${item} does NOT conform: ${failed} of ${counted} results are outside their specification.`;
  return `Lot ${lot} of ${item} conforms to its specification: all ${counted} results are within their limits${released ? ', and the lot is released' : '; the lot is not released'}.`;
}

export function coaContent(db: Db, ref: string): CoaContent | undefined {
  const unit = unlessMissing(() => coaUnit(db, ref));
  if (unit === undefined) return undefined;
  const detail = unitDetail(db, ref);
  const name = detail.unit.ref;
  const results = resultsOf(db, name);
  const standing = results.filter((r) => !r.superseded);
  // The latest standing result of each characteristic is the one reported; earlier ones stay listed as history.
  const counted = [...new Map(standing.map((r) => [r.characteristic.toLowerCase(), r])).values()];
  const earlier = results.filter((r) => !counted.includes(r));
  const failed = counted.filter((r) => r.outcome === 'fail').length;
  const changes = statusChangesOf(detail.events, name);
  const release = releaseOf(changes);
  const made = detail.events.find((e) => e.units.some((u) => u.ref === name && u.role === 'output'));
  const received = detail.events.find((e) => e.bizStep === 'receiving' && e.units.some((u) => u.ref === name));
  // Inspections count only where no test results exist: they say pass or fail, not a value against a limit.
  const inspections = inspectionsOf(db, detail.events).filter((i) => i.statusTo === null);
  return {
    item: { part: unit.part, description: unit.description, gtin: unit.gtin },
    lot: {
      ref: name,
      code: unit.code,
      quantity: detail.unit.quantity,
      unit: unit.uom,
      manufactured: made?.eventTime ?? received?.eventTime ?? null,
      expires: unit.expires_at,
      supplierLot: unit.supplier_lot,
      status: unit.status,
    },
    characteristics: counted,
    earlierResults: earlier,
    conformance: {
      conforms: counted.length > 0 && failed === 0 && inspections.every((i) => i.result === 'pass'),
      statement: statementOf(unit.part, unit.code, counted.length, failed, release !== null),
    },
    release,
  };
}
