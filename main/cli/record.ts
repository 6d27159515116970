// `lotline record ebr|dhr|coa REF --out FILE.pdf`: a record PDF (PDF/A-3, its data attached and its SHA-256 printed);
// `lotline record verify FILE.pdf`: the PDF checked against itself and the database, every difference named.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import { recordKindTitles, recordKinds } from '../../common/api/records';
import type { RecordKind, RecordVerification } from '../../common/api/records';

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;

const REF_HELP: Record<RecordKind, string> = {
  ebr: 'the lot the work order produced (PART:LOT), or the work order number',
  dhr: 'a serial (PART#SERIAL) or a device lot (PART:LOT)',
  coa: 'a lot (PART:LOT)',
};

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export function verificationText(r: RecordVerification): string {
  const head = r.ok
    ? `Record PDF verified: ${r.kind} ${r.id}. The attached data matches the SHA-256 printed on page 1 (${r.printedSha256}) and the database's record data now.`
    : `Record PDF NOT verified${r.kind ? ` (${r.kind} ${r.id})` : ''}: ${r.problems.length} problem(s)`;
  return [
    head,
    ...r.problems.map((p) => `  - ${p}`),
    ...(r.differences.length ? ['', 'Differences (in the PDF → in the database now):', ...r.differences.map((d) => `  ${d.path}: ${show(d.inPdf)} → ${show(d.now)}`)] : []),
  ].join('\n');
}

export function registerRecordCommands(program: Command, call: Call, out: (text: string) => void, fail: () => never): void {
  const group = program.command('record').description('quality records as PDF: batch record (ebr), device history record (dhr), certificate of analysis (coa), and their verification');
  for (const kind of recordKinds) {
    group
      .command(kind)
      .description(`the ${recordKindTitles[kind].toLowerCase()} as a PDF/A-3 with its data attached`)
      .argument('<ref>', REF_HELP[kind])
      .requiredOption('--out <file>', 'the PDF to write')
      .option('--json', 'machine-readable summary')
      .action(async (ref: string, opts: { out: string; json?: boolean }) => {
        const r = await call('records.render', { kind, ref, file: resolve(opts.out) });
        out(opts.json ? JSON.stringify(r, null, 2) : `Wrote the ${recordKindTitles[kind].toLowerCase()} ${r.id} to ${opts.out}: ${r.pages} page(s), ${r.bytes.toLocaleString('en')} bytes, record data SHA-256 ${r.sha256}`);
      });
  }
  group
    .command('verify')
    .description('check a record PDF: its attached data against the printed SHA-256 and against the database now; exit 1 when they differ')
    .argument('<file>', 'the record PDF')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const r = await call('records.verify', { file: resolve(file) });
      out(opts.json ? JSON.stringify(r, null, 2) : verificationText(r));
      if (!r.ok) fail();
    });
}
