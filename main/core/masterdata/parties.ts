// Suppliers and customers: the two kinds of business partner, with the same shape.
import type { Database as Db } from 'better-sqlite3';
import type { Party } from '../../../common/domain';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';

export type PartyTable = 'suppliers' | 'customers';
export interface PartyRow {
  id: number;
  code: string;
  name: string;
  contact: string | null;
  email: string | null;
}

const label: Record<PartyTable, string> = { suppliers: 'supplier', customers: 'customer' };

const statements = perConnection((db: Db) => {
  const forTable = (table: PartyTable) => ({
    byCode: db.prepare<[string], PartyRow>(`SELECT * FROM ${table} WHERE code = ?`),
    byId: db.prepare<[number], PartyRow>(`SELECT * FROM ${table} WHERE id = ?`),
    all: db.prepare<[], PartyRow>(`SELECT * FROM ${table} ORDER BY code`),
    insert: db.prepare(`INSERT INTO ${table} (code, name, contact, email, created_at) VALUES (@code, @name, @contact, @email, @created_at)`),
  });
  return { suppliers: forTable('suppliers'), customers: forTable('customers') };
});

export function toParty(row: PartyRow): Party {
  return { code: row.code, name: row.name, contact: row.contact, email: row.email };
}

export function createParty(core: Core, table: PartyTable, input: { code: string; name: string; contact?: string | undefined; email?: string | undefined }): Party {
  const s = statements(core.db)[table];
  if (s.byCode.get(input.code)) throw new LotlineError('CONFLICT', `A ${label[table]} with code ${input.code} already exists`);
  const { lastInsertRowid } = s.insert.run({
    code: input.code,
    name: input.name,
    contact: input.contact ?? null,
    email: input.email ?? null,
    created_at: core.now().toISOString(),
  });
  auditCreate(core, table, Number(lastInsertRowid));
  return toParty(s.byId.get(Number(lastInsertRowid)) as PartyRow);
}

export function partyByCode(db: Db, table: PartyTable, code: string): PartyRow {
  const row = statements(db)[table].byCode.get(code);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no ${label[table]} ${code}`);
  return row;
}

export function listParties(db: Db, table: PartyTable): Party[] {
  return statements(db)[table].all.all().map(toParty);
}
