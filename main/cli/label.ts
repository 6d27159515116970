// `lotline label render --template NAME --ref REF [--dpi 203|300|600] [--format zpl|png|pdf] --out FILE`: a label
// as the printer gets it (ZPL), as its preview (PNG rendered from that ZPL) or as a PDF for office printers.
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import { labelFormats } from '../../common/api/labels';
import type { LabelFormat } from '../../common/api/labels';
import { labelDpis } from '../../common/labels/template';
import type { LabelDpi } from '../../common/labels/template';

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;

interface Options {
  template: string;
  ref: string;
  dpi: LabelDpi;
  format?: LabelFormat;
  shipment?: string;
  shipTo?: string;
  out: string;
  json?: boolean;
}

const dpi = (value: string): LabelDpi => {
  const n = Number(value);
  if (!(labelDpis as readonly number[]).includes(n)) throw new InvalidArgumentError(`--dpi must be one of ${labelDpis.join(', ')}`);
  return n as LabelDpi;
};

/** The format named, or the one the file's extension says, or ZPL. */
function formatFor(opts: Options): LabelFormat {
  if (opts.format) return opts.format;
  const ext = extname(opts.out).slice(1).toLowerCase();
  return (labelFormats as readonly string[]).includes(ext) ? (ext as LabelFormat) : 'zpl';
}

/** The `label` group, shared with the commands that print (another module may have made it first). */
function labelGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'label') ?? program.command('label').description('label templates: render and print');
}

export function registerLabelRender(program: Command, call: Call, out: (text: string) => void): void {
  labelGroup(program)
    .command('render')
    .description('render a label for a lot, serial or SSCC to ZPL, to a PNG preview of that ZPL, or to PDF, into a file')
    .requiredOption('--template <name>', 'the label template: raw-lot, fg-lot, udi or sscc (`lotline call labels.templates` lists them)')
    .requiredOption('--ref <ref>', 'PART:LOT, PART#SERIAL or GS1 data; for sscc the SSCC (18 digits or (00)…)')
    .option('--dpi <dpi>', `printer resolution: ${labelDpis.join(', ')}`, dpi, 203 as LabelDpi)
    .addOption(new Option('--format <format>', 'what to write (default: from the file extension, else zpl)').choices(labelFormats))
    .option('--shipment <number>', 'sscc: the shipment the case or pallet goes on (its ship-to, customer, date, carrier)')
    .option('--ship-to <text>', 'sscc: the ship-to when there is no shipment, as "Name; address"')
    .requiredOption('--out <file>', 'the file to write')
    .option('--json', 'machine-readable summary')
    .action(async (opts: Options) => {
      const format = formatFor(opts);
      const [name = '', ...address] = (opts.shipTo ?? '').split(';').map((s) => s.trim());
      const label = await call('labels.render', {
        template: opts.template,
        ref: opts.ref,
        dpi: opts.dpi,
        format,
        ...(opts.shipment ? { shipment: opts.shipment } : {}),
        ...(opts.shipTo ? { shipTo: { name, ...(address.length > 0 ? { address: address.join(', ') } : {}) } } : {}),
      });
      const bytes = format === 'zpl' ? Buffer.from(label.content, 'utf8') : Buffer.from(label.content, 'base64');
      const file = resolve(opts.out);
      writeFileSync(file, bytes);
      const summary = { file, template: label.template, format, dpi: label.dpi, widthMm: label.widthMm, heightMm: label.heightMm, bytes: bytes.length };
      out(opts.json ? JSON.stringify(summary, null, 2) : `Wrote the ${label.template} label (${label.widthMm} × ${label.heightMm} mm, ${label.dpi} dpi) as ${format.toUpperCase()} to ${opts.out} (${bytes.length.toLocaleString('en')} bytes)`);
    });
}
