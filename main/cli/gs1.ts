// `lotline gs1 parse DATA [--json]`: what a GS1 barcode, bracketed text, Digital Link URI or EPC URN says, AI by AI.
import type { Command } from 'commander';
import { parseGs1, toBracketed, toDigitalLink, traceIdentity } from '../../common/gs1';
import type { TraceIdentity } from '../../common/gs1';
import { table } from './table';

export interface Gs1CliIo {
  out(text: string): void;
}

const FORM_NAMES = { 'element-string': 'GS1 element string', bracketed: 'GS1 bracketed text', 'digital-link': 'GS1 Digital Link URI', 'epc-urn': 'EPC URN' } as const;

function identityText(id: TraceIdentity | undefined): string {
  if (!id) return 'Identifies no trade item (GTIN) or logistic unit (SSCC).';
  const parts = [id.gtin && `GTIN ${id.gtin}`, id.lot && `lot ${id.lot}`, id.serial && `serial ${id.serial}`, id.sscc && `SSCC ${id.sscc}`].filter(Boolean);
  return `Identifies: ${parts.join(', ')}`;
}

/** Adds `gs1 parse`. Invalid data ends the command with exit code 1 and the reason (thrown, reported by runCli). */
export function registerGs1Commands(program: Command, io: Gs1CliIo): void {
  program
    .command('gs1')
    .description('GS1 barcode data')
    .command('parse')
    .description('what a scan says, AI by AI: element string (with or without ]d2/]Q3/]C1/… and GS, ^ or <GS> separators), (01)…(10)… text, Digital Link URI or EPC URN; exit 1 when invalid')
    .argument('<data>', 'the scanned or typed data, quoted')
    .option('--json', 'machine-readable output')
    .action((data: string, opts: { json?: boolean }) => {
      const result = parseGs1(data);
      if (!result.ok) {
        if (opts.json) io.out(JSON.stringify(result, null, 2));
        throw new Error(`Not valid GS1 data: ${result.error}`);
      }
      const identity = traceIdentity(result.elements);
      const link = toDigitalLink(result.elements);
      if (opts.json) {
        io.out(JSON.stringify({ ...result, identity: identity ?? null, bracketed: toBracketed(result.elements), digitalLink: link.ok ? link.value : null }, null, 2));
        return;
      }
      io.out(
        [
          `${FORM_NAMES[result.form]}${result.aim ? ` (symbology identifier ${result.aim}, ${result.symbology ?? ''})` : ''}: ${result.elements.length} AI${result.elements.length === 1 ? '' : 's'}`,
          '',
          table(['AI', 'meaning', 'value'], result.elements.map((e) => [e.ai, e.title, e.value])),
          '',
          identityText(identity),
          `Bracketed: ${toBracketed(result.elements)}`,
          ...(link.ok ? [`Digital Link: ${link.value}`] : []),
        ].join('\n'),
      );
    });
}
