// Named printers: the name an operator knows a printer by ("ZT410 packing"), kept with its address.
import type { Database as Db } from 'better-sqlite3';
import type { Printer } from '../../../common/api/printing';
import { LotlineError } from '../../../common/errors';
import { auditCreate, auditUpdate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';

interface PrinterRow {
  id: number;
  name: string;
  address: string;
  created_at: string;
}

const statements = perConnection((db: Db) => ({
  byAddress: db.prepare<[string], PrinterRow>('SELECT * FROM printers WHERE address = ?'),
  byName: db.prepare<[string], PrinterRow>('SELECT * FROM printers WHERE name = ?'),
  all: db.prepare<[], PrinterRow>('SELECT * FROM printers ORDER BY name'),
  insert: db.prepare<[string, string, string], PrinterRow>('INSERT INTO printers (name, address, created_at) VALUES (?, ?, ?) RETURNING *'),
  rename: db.prepare<[string, number]>('UPDATE printers SET name = ? WHERE id = ?'),
}));

const toPrinter = (row: PrinterRow): Printer => ({ name: row.name, address: row.address, createdAt: row.created_at });

/** The name given to the printer at this (canonical) address, if any. */
export function printerName(db: Db, address: string): string | null {
  return statements(db).byAddress.get(address)?.name ?? null;
}

/** Names a printer; naming an address again renames it. */
export function addPrinter(core: Core, input: { name: string; address: string }): Printer {
  const s = statements(core.db);
  const taken = s.byName.get(input.name);
  if (taken && taken.address !== input.address) throw new LotlineError('CONFLICT', `The name ${input.name} is already used for the printer at ${taken.address}`);
  const existing = s.byAddress.get(input.address);
  if (existing) {
    if (existing.name !== input.name) auditUpdate(core, 'printers', existing.id, `renamed from ${existing.name}`, () => s.rename.run(input.name, existing.id));
    return toPrinter({ ...existing, name: input.name });
  }
  const row = s.insert.get(input.name, input.address, core.now().toISOString());
  if (!row) throw new Error('printers: the insert returned no row');
  auditCreate(core, 'printers', row.id, null, { ...row });
  return toPrinter(row);
}

export function listPrinters(db: Db): Printer[] {
  return statements(db).all.all().map(toPrinter);
}
