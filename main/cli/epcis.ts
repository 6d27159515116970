// `lotline epcis import FILE` and `lotline epcis export [--from --to] [--lot REF…] --out FILE`.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import type { EpcisImportProgress, EpcisImportResult } from '../../common/api/epcis';

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;

/** Where progress goes: the api's progress events, and stderr. */
export interface ProgressOutput {
  follow(listener: (p: EpcisImportProgress) => void): () => void;
  err(text: string): void;
}

/** Documents from this size on show their progress on stderr without being asked. */
const LARGE_DOCUMENT = 10 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** One line each time the import passes another tenth of the document, and one at the end. */
export function progressLines(file: string, print: (line: string) => void): (p: EpcisImportProgress) => void {
  let shown = -1;
  return (p) => {
    const tenth = p.totalBytes === 0 ? 10 : Math.floor((p.bytes / p.totalBytes) * 10);
    if (tenth <= shown) return;
    shown = tenth;
    print(`importing ${file}: ${p.events.toLocaleString('en')} events read, ${megabytes(p.bytes)} of ${megabytes(p.totalBytes)} (${tenth * 10}%)`);
  };
}

function importText(file: string, r: EpcisImportResult): string {
  const p = r.placeholders;
  const created = [
    p.items.length > 0 ? `${p.items.length} item(s): ${p.items.map((i) => i.part).join(', ')}` : '',
    p.locations.length > 0 ? `${p.locations.length} location(s): ${p.locations.join(', ')}` : '',
    p.suppliers.length > 0 ? `${p.suppliers.length} supplier(s): ${p.suppliers.join(', ')}` : '',
    p.customers.length > 0 ? `${p.customers.length} customer(s): ${p.customers.join(', ')}` : '',
  ].filter((line) => line !== '');
  return [
    `Imported ${file}: ${r.events} events, ${r.imported} recorded, ${r.skipped} already recorded, ${r.corrections} error declaration(s), ${p.units} new lots and serials`,
    ...(created.length > 0 ? ['Placeholders created (complete their master data):', ...created.map((c) => `  ${c}`)] : []),
  ].join('\n');
}

export function registerEpcis(program: Command, call: Call, out: (text: string) => void, progress?: ProgressOutput): void {
  const epcis = program.command('epcis').description('exchange events as GS1 EPCIS 2.0 JSON-LD');
  epcis
    .command('import')
    .description('import an EPCIS 2.0 JSON/JSON-LD document: all of its events or, if one is invalid, none')
    .argument('<file>', 'the document')
    .option('--json', 'machine-readable output')
    .option('--progress', `show progress on stderr (shown without asking for documents from ${megabytes(LARGE_DOCUMENT)})`)
    .action(async (file: string, opts: { json?: boolean; progress?: boolean }) => {
      const path = resolve(file);
      const size = (() => {
        try {
          return statSync(path).size;
        } catch {
          return 0; // the import says why it cannot read the file
        }
      })();
      const stop = progress && (opts.progress || size >= LARGE_DOCUMENT) ? progress.follow(progressLines(file, (line) => progress.err(line))) : undefined;
      try {
        const result = await call('epcis.import', { file: path });
        out(opts.json ? JSON.stringify(result, null, 2) : importText(file, result));
      } finally {
        stop?.();
      }
    });
  epcis
    .command('export')
    .description('export events as an EPCIS 2.0 JSON-LD document (all, a time window, or the trace of lots)')
    .requiredOption('--out <file>', 'the document to write')
    .option('--from <time>', 'events at or after this ISO 8601 time with zone')
    .option('--to <time>', 'events at or before this ISO 8601 time with zone')
    .option('--lot <ref...>', 'only events of the backward and forward trace of these lots or serials (PART:LOT, PART#SERIAL)')
    .action(async (opts: { out: string; from?: string; to?: string; lot?: string[] }) => {
      const result = await call('epcis.export', {
        file: resolve(opts.out),
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.to ? { to: opts.to } : {}),
        ...(opts.lot ? { lots: opts.lot } : {}),
      });
      out(`Exported ${result.events} events to ${opts.out}`);
    });
}
