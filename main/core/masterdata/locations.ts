// Locations: the site, its warehouses and lines, and customers' ship-to addresses.
import type { Database as Db } from 'better-sqlite3';
import type { Location, LocationKind } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { partyByCode } from './parties';

export interface LocationRow {
  id: number;
  code: string;
  name: string;
  kind: LocationKind;
  customer_id: number | null;
  customer_code: string | null;
  address: string | null;
}

const statements = perConnection((db: Db) => {
  const select = `SELECT l.*, c.code AS customer_code FROM locations l LEFT JOIN customers c ON c.id = l.customer_id`;
  return {
    byCode: db.prepare<[string], LocationRow>(`${select} WHERE l.code = ?`),
    byId: db.prepare<[number], LocationRow>(`${select} WHERE l.id = ?`),
    all: db.prepare<[], LocationRow>(`${select} ORDER BY l.kind, l.code`),
    insert: db.prepare(
      `INSERT INTO locations (code, name, kind, customer_id, address, created_at) VALUES (@code, @name, @kind, @customer_id, @address, @created_at)`,
    ),
  };
});

export function toLocation(row: LocationRow): Location {
  return { code: row.code, name: row.name, kind: row.kind, customer: row.customer_code, address: row.address };
}

export function createLocation(
  core: Core,
  input: { code: string; name: string; kind: LocationKind; customer?: string | undefined; address?: string | undefined },
): Location {
  const s = statements(core.db);
  if (s.byCode.get(input.code)) throw new LotlineError('CONFLICT', `A location with code ${input.code} already exists`);
  if (input.kind === 'ship_to' && input.customer === undefined) {
    throw new LotlineError('VALIDATION', 'customer: a ship-to location belongs to a customer; name the customer');
  }
  if (input.kind !== 'ship_to' && input.customer !== undefined) {
    throw new LotlineError('VALIDATION', `customer: only ship-to locations belong to a customer (this one is a ${input.kind})`);
  }
  const customerId = input.customer === undefined ? null : partyByCode(core.db, 'customers', input.customer).id;
  const { lastInsertRowid } = s.insert.run({
    code: input.code,
    name: input.name,
    kind: input.kind,
    customer_id: customerId,
    address: input.address ?? null,
    created_at: core.now().toISOString(),
  });
  auditCreate(core, 'locations', Number(lastInsertRowid));
  return toLocation(s.byId.get(Number(lastInsertRowid)) as LocationRow);
}

export function locationByCode(db: Db, code: string): LocationRow {
  const row = statements(db).byCode.get(code);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no location ${code}`);
  return row;
}

export function listLocations(db: Db): Location[] {
  return statements(db).all.all().map(toLocation);
}
