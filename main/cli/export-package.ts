// `lotline export package --lot REF | --serial REF | --item PART --from --to | --work-order WO | --campaign ID --out FILE.zip`
// and `lotline export verify FILE.zip` (exit 1 naming every file changed, missing or added).
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import { packageSignatureMeanings } from '../../common/api/packages';
import type { PackageProgress, PackageScope, PackageVerification } from '../../common/api/packages';

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;

export interface PackageCliIo {
  out(text: string): void;
  err(text: string): void;
  /** Follows the api's progress events while the package is written. */
  follow(listener: (p: PackageProgress) => void): () => void;
  /** Ends the command with exit 1 (a package that does not verify). */
  fail(): never;
  /** Ends the command with exit 2 and this message (bad arguments). */
  usage(message: string): never;
  /** The --user the command acts as. */
  user(): string | undefined;
  /** The password for a signature ($LOTLINE_PASSWORD, or asked on the terminal). */
  password(prompt: string): Promise<string>;
}

interface ScopeOptions {
  lot?: string;
  serial?: string;
  item?: string;
  from?: string;
  to?: string;
  workOrder?: string;
  campaign?: string;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Exactly one scope option, as the api's scope. */
export function scopeOf(opts: ScopeOptions, usage: (message: string) => never): PackageScope {
  const given = (['lot', 'serial', 'item', 'workOrder', 'campaign'] as const).filter((k) => opts[k] !== undefined);
  if (given.length !== 1) usage('give exactly one scope: --lot REF, --serial REF, --item PART --from DATE --to DATE, --work-order WO or --campaign ID');
  if (opts.item === undefined && (opts.from !== undefined || opts.to !== undefined)) usage('--from and --to go with --item PART');
  if (opts.lot !== undefined) return { by: 'lot', ref: opts.lot };
  if (opts.serial !== undefined) return { by: 'serial', ref: opts.serial };
  if (opts.workOrder !== undefined) return { by: 'workOrder', number: opts.workOrder };
  if (opts.campaign !== undefined) return { by: 'campaign', id: opts.campaign };
  if (opts.from === undefined || opts.to === undefined) usage('--item needs --from YYYY-MM-DD and --to YYYY-MM-DD');
  return { by: 'item', part: opts.item ?? '', from: opts.from, to: opts.to };
}

/** One progress line per tenth of the files, and one at the end. */
export function packageProgressLines(print: (line: string) => void): (p: PackageProgress) => void {
  let shown = -1;
  return (p) => {
    const tenth = p.totalFiles === 0 ? 10 : Math.floor((p.files / p.totalFiles) * 10);
    if (tenth <= shown) return;
    shown = tenth;
    print(`packaging: ${p.files.toLocaleString('en')} of ${p.totalFiles.toLocaleString('en')} files, ${megabytes(p.bytes)} written${p.current ? ` (${p.current})` : ''}`);
  };
}

function signatureText(v: PackageVerification): string[] {
  const s = v.signature;
  if (s === null) return ['The manifest is not signed.'];
  const who = `${s.printedName} (${s.username}) as ${s.meaning} at ${s.signedAt}, signature ${s.signatureId} of package ${s.packageId}`;
  if (!s.ok) return [`The manifest signature does NOT hold: signed by ${who}.`];
  return [`The manifest is signed by ${who}; it binds manifest.json SHA-256 ${s.manifestSha256}${s.checkedInDatabase ? ', and the signature record in the database is valid' : ` (its signature record: ${s.notChecked ?? 'not checked'})`}.`];
}

export function verificationText(v: PackageVerification): string {
  if (v.ok) {
    return [
      `Package verified: ${v.file}. All ${v.listed} files match their SHA-256 in the manifest; the audit trail extract (${v.audit.rows} rows) recomputes and its chain (${v.audit.chainRows} rows) ends at the head ${v.audit.head ?? '(none)'}.`,
      ...signatureText(v),
    ].join('\n');
  }
  const list = (label: string, names: string[]) => (names.length > 0 ? [`${label}: ${names.join(', ')}`] : []);
  return [
    `Package NOT verified: ${v.file} (${v.problems.length} problem(s))`,
    ...list('Changed', v.changed),
    ...list('Missing', v.missing),
    ...list('Added', v.extra),
    ...(v.signature === null ? [] : signatureText(v)),
    ...v.problems.map((p) => `  - ${p}`),
  ].join('\n');
}

export function registerPackageCommands(program: Command, call: Call, io: PackageCliIo): void {
  const group = program.command('export').description('audit packages for regulators: one zip that opens without Lotline and proves itself');
  group
    .command('package')
    .description('write an audit package: index.html, record PDFs, data as CSV and JSON, audit trail extract, EPCIS, certificates, manifest.json and manifest.sha256')
    .option('--lot <ref>', 'a lot (PART:LOT) with its backward and forward trace')
    .option('--serial <ref>', 'a serial (PART#SERIAL) with its backward and forward trace')
    .option('--item <part>', 'the lots and serials of an item made or received from --from to --to, with their trace')
    .option('--from <date>', 'first day (YYYY-MM-DD), with --item')
    .option('--to <date>', 'last day (YYYY-MM-DD), with --item')
    .option('--work-order <number>', 'what a work order consumed and produced, with their trace')
    .option('--campaign <number>', 'a recall or field-action campaign: its seed lots and serials with their trace')
    .requiredOption('--out <file>', 'the zip to write')
    .option('--fsma', 'include the FSMA 204 sortable spreadsheet (foods on the Food Traceability List)')
    .addOption(new Option('--sign [meaning]', 'sign the manifest as --user (password from $LOTLINE_PASSWORD or asked for)').choices(packageSignatureMeanings).preset('approved'))
    .option('--progress', 'show progress on stderr')
    .option('--json', 'machine-readable summary')
    .action(async (opts: ScopeOptions & { out: string; fsma?: boolean; sign?: (typeof packageSignatureMeanings)[number]; progress?: boolean; json?: boolean }) => {
      const scope = scopeOf(opts, (message) => io.usage(message));
      const username = io.user();
      if (opts.sign !== undefined && username === undefined) io.usage('--sign needs --user NAME: a signature is a person’s, never the system’s');
      const sign = opts.sign === undefined ? undefined : { meaning: opts.sign, username, password: await io.password(`Password for ${username ?? ''} (signing the manifest): `) };
      const stop = opts.progress ? io.follow(packageProgressLines((line) => io.err(line))) : undefined;
      try {
        const r = await call('packages.export', { scope, file: resolve(opts.out), ...(opts.fsma ? { fsma: true } : {}), ...(sign ? { sign } : {}) });
        io.out(
          opts.json
            ? JSON.stringify(r, null, 2)
            : `Wrote the audit package ${opts.out}: ${r.title}; ${r.files} files, ${r.bytes.toLocaleString('en')} bytes in ${r.seconds.toFixed(1)} s. manifest.json SHA-256 ${r.manifestSha256}; audit chain head ${r.auditHead ? `row ${r.auditHead.seq} ${r.auditHead.hash}` : '(empty trail)'}.${r.signature ? ` Manifest signed by ${r.signature.printedName} (${r.signature.username}) as ${r.signature.meaning}: manifest.signature.json.` : ''}`,
        );
      } finally {
        stop?.();
      }
    });
  group
    .command('verify')
    .description('check an audit package: every file against manifest.json, manifest.sha256, the audit trail extract and the manifest signature (with its record in the database); exit 1 naming what differs')
    .argument('<file>', 'the package zip')
    .option('--package-only', 'check the package alone: do not look its manifest signature up in the database')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean; packageOnly?: boolean }) => {
      const v = await call('packages.verify', { file: resolve(file), ...(opts.packageOnly ? { database: false } : {}) });
      io.out(opts.json ? JSON.stringify(v, null, 2) : verificationText(v));
      if (!v.ok) io.fail();
    });
}
