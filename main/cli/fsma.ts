// `lotline fsma204 --from DATE --to DATE [--lot REF…] --out FILE.xlsx|FILE.csv`: the FSMA 204 sortable
// spreadsheet. It reads the database on its own connection rather than through the api, because the
// xlsx writer streams asynchronously and api commands run synchronously inside one transaction.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { LotlineError } from '../../common/errors';
import { parseUnitIdentity } from '../../common/refs';
import { openDatabase } from '../core/db/open';
import { exportFsma204 } from '../core/fsma/export';
import type { FsmaResult } from '../core/fsma/export';

interface Options {
  from: string;
  to: string;
  out: string;
  lot?: string[];
  json?: boolean;
}

function summary(r: FsmaResult, opts: Options): string {
  const scope = opts.lot ? ` in the trace of ${opts.lot.join(', ')} (${r.traceUnits ?? 0} lots and serials)` : '';
  return `Wrote ${r.rows} CTE rows to ${opts.out} (${r.byCte.Receiving} receiving, ${r.byCte.Transformation} transformation, ${r.byCte.Shipping} shipping) for ${opts.from} to ${opts.to}${scope}`;
}

/** Adds `fsma204`. Bad arguments end it with exit 2 (as commander's own refusals), a failed export with exit 1. */
export function registerFsma204(program: Command, dbFile: () => string, out: (text: string) => void): void {
  program
    .command('fsma204')
    .description('write the FDA FSMA 204 sortable spreadsheet: one row per receiving, transformation and shipping event with its key data elements')
    .requiredOption('--from <date>', 'first event date, YYYY-MM-DD (included)')
    .requiredOption('--to <date>', 'last event date, YYYY-MM-DD (included)')
    .requiredOption('--out <file>', 'the spreadsheet to write: FILE.xlsx or FILE.csv')
    .option('--lot <ref...>', 'only events in the backward and forward trace of these lots or serials (PART:LOT, PART#SERIAL or GS1 data)')
    .option('--json', 'machine-readable summary')
    .action(async (opts: Options) => {
      for (const ref of opts.lot ?? []) {
        const parsed = parseUnitIdentity(ref);
        if (typeof parsed === 'string') throw new InvalidArgumentError(`--lot ${ref}: ${parsed}`);
      }
      const file = dbFile();
      if (!existsSync(file)) throw new Error(`There is no trace database at ${file}; create it with \`lotline init\` or name it with --db`);
      const db = openDatabase(file);
      try {
        const result = await exportFsma204(db, { from: opts.from, to: opts.to, lots: opts.lot, out: resolve(opts.out) });
        out(opts.json ? JSON.stringify({ ...result, file: opts.out }, null, 2) : summary(result, opts));
      } catch (error) {
        if (error instanceof LotlineError && error.code === 'VALIDATION') throw new InvalidArgumentError(error.message);
        throw error;
      } finally {
        db.close();
      }
    });
}
