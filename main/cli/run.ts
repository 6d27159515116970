// The `lotline` command line: the same api as the app, on a database file.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import type { RecallImpact, TraceResult, UnitSummary } from '../../common/domain';
import { unitStatuses } from '../../common/domain';
import { DEFAULT_TRACE_WINDOW, MAX_TRACE_WINDOW } from '../../common/api/trace';
import type { AuditVerification } from '../../common/api/audit';
import type { LotlineApi } from '../api/types';
import { createApi } from '../api';
import { createThreadedApi } from '../api/threaded';
import { withDevices } from '../api/devices';
import type { WorkerScript } from '../api/threaded';
import { startHost } from '../host';
import { APP_VERSION } from '../api/version';
import { defaultDbPath } from './default-db';
import { generateScalePlant, scaleSizes } from '../demo/scale-plant';
import type { ScaleName } from '../demo/scale-plant';
import { table } from './table';
import { registerEpcis } from './epcis';
import { registerGs1Commands } from './gs1';
import { registerScanCommands } from './scan';
import { registerFsma204 } from './fsma';
import { registerLabelRender } from './label';
import { registerPrintingCommands } from './printing';
import { registerUserCommands } from './users';
import { registerRecordCommands } from './record';
import { registerPackageCommands } from './export-package';
import { registerRecallCommands } from './recall';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Called by `serve` once it listens; the process keeps running until a signal. */
  serving?(url: string, stop: () => Promise<void>): void;
  /** Asks for a password on the terminal (hidden) when $LOTLINE_PASSWORD is not set. */
  password?(prompt: string): Promise<string>;
  /** With it, `serve` runs the core in a worker thread so the web host stays responsive during long work. */
  apiWorker?: WorkerScript;
}

/** An error that ends the command with an exit code: 1 for a refused or failed command, 2 for bad input. */
class CliExit extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const integer = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

function rendererDir(): string {
  // Built: out/main/cli.js → out/renderer. From source (tests): main/cli → out/renderer.
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'out', 'renderer')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0] ?? here;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let api: LotlineApi | undefined;
  let keepOpen = false;
  const program = new Command('lotline');
  const dbFile = (): string => (program.opts<{ db?: string }>().db ?? process.env.LOTLINE_DB ?? defaultDbPath());
  const open = (): LotlineApi => (api ??= createApi({ dbPath: dbFile(), epcisChecker: io.apiWorker?.epcisChecker.href }));
  const user = (): string | undefined => program.opts<{ user?: string }>().user;
  const password = async (prompt: string): Promise<string> => {
    const fromEnv = process.env.LOTLINE_PASSWORD;
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    if (io.password) return io.password(prompt);
    throw new CliExit('Set LOTLINE_PASSWORD to the password (there is no terminal to ask on)', 2);
  };
  // With --user the command line signs in once and acts as that person; without it, as the local system identity.
  let session: Promise<string> | undefined;
  const sessionToken = async (): Promise<string | undefined> => {
    const name = user();
    if (name === undefined) return undefined;
    session ??= (async () => {
      const signedIn = await open().invoke('auth.login', { username: name, password: await password(`Password for ${name}: `) });
      if (!signedIn.ok) throw new CliExit(signedIn.error.message, 1);
      return (signedIn.value as CommandResult<'auth.login'>).token;
    })();
    return session;
  };
  const invokeAs = async (name: string, input: unknown) => open().invoke(name, input, await sessionToken());
  const call = async <K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResult<K>> => {
    const result = await invokeAs(name, input);
    if (!result.ok) throw new CliExit(result.error.message, result.error.code === 'VALIDATION' ? 2 : 1);
    return result.value as CommandResult<K>;
  };
  const print = (json: boolean | undefined, value: unknown, human: () => string) => io.out(json ? JSON.stringify(value, null, 2) : human());

  program
    .description('Lotline: lot and serial traceability on a local trace database')
    .version(APP_VERSION)
    .option('--db <file>', 'the trace database file (default: $LOTLINE_DB or the per-user data folder)')
    .option('--user <name>', 'act as this user, password from $LOTLINE_PASSWORD or asked for (default: the local system identity)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: () => undefined })
    .showSuggestionAfterError();

  program
    .command('init')
    .description('create the database (or bring it to this version) and say where it is')
    .action(() => {
      open();
      io.out(`Lotline database ready: ${dbFile()}`);
    });

  program
    .command('demo')
    .description('load the demo plant into an empty database (or, with --scale, a synthetic multi-year plant for benchmarks)')
    .addOption(new Option('--scale <size>', 'generate a synthetic plant instead: quick (seconds) or plant (1M lots, 5M edges; long)').choices(Object.keys(scaleSizes)))
    .option('--seed <n>', 'seed of the synthetic plant', integer('--seed', 0, 2 ** 31), 1)
    .action(async (opts: { scale?: ScaleName; seed: number }) => {
      if (opts.scale) {
        if (existsSync(dbFile())) throw new CliExit(`${dbFile()} exists; the synthetic plant is generated into a new file`, 1);
        let shown = -1;
        const report = generateScalePlant(dbFile(), scaleSizes[opts.scale], opts.seed, (day, days) => {
          const pct = Math.floor((day / days) * 100);
          if (pct !== shown) io.err(`generating: day ${day} of ${days} (${(shown = pct)}%)`);
        });
        io.out(
          `Synthetic plant (${opts.scale}, seed ${opts.seed}) in ${dbFile()}: ${report.lots} lots, ${report.serials} serials, ${report.edges} lineage edges, ${report.shipments} shipments, ${report.workOrders} work orders, ${report.auditRows} audit rows; ${report.seconds.toFixed(1)} s, ${(report.bytes / 1e6).toFixed(0)} MB`,
        );
        return;
      }
      const loaded = await open().seedDemoIfEmpty();
      if (!loaded) throw new CliExit(`The database ${dbFile()} already holds data; the demo plant loads only into an empty database`, 1);
      const info = await call('dashboard.summary', {});
      io.out(`Demo plant loaded into ${dbFile()}: ${info.counts.lots} lots, ${info.counts.serials} serials, ${info.counts.shipments} shipments`);
    });

  const trace = program.command('trace').description('forward and backward trace');
  for (const direction of ['backward', 'forward'] as const) {
    trace
      .command(direction)
      .description(direction === 'backward' ? 'where a lot or serial came from' : 'where a lot or serial went, down to customers')
      .argument('<ref>', 'PART:LOT for a lot, PART#SERIAL for a serial, or GS1 barcode data naming its GTIN with lot (10) or serial (21)')
      .option('--depth <n>', 'how many levels to follow', integer('--depth', 1, 1000))
      .option('--offset <n>', 'skip this many units (by level, then id) before the rows shown', integer('--offset', 0, 2 ** 31 - 1))
      .option('--limit <n>', `units per answer (default ${DEFAULT_TRACE_WINDOW.toLocaleString('en')})`, integer('--limit', 1, MAX_TRACE_WINDOW))
      .option('--json', 'machine-readable output')
      .action(async (ref: string, opts: { depth?: number; offset?: number; limit?: number; json?: boolean }) => {
        const result = await call(direction === 'backward' ? 'trace.backward' : 'trace.forward', {
          ref,
          ...(opts.depth ? { depth: opts.depth } : {}),
          ...(opts.offset !== undefined ? { offset: opts.offset } : {}),
          ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
        });
        print(opts.json, result, () => traceText(result));
      });
  }

  const recall = program.command('recall').description('recall and field-action campaigns, mock recalls, and the recall impact of suspect lots');
  recall
    .command('impact')
    .description('everything that contains the suspect lots or serials')
    .argument('<refs...>', 'suspect lots (PART:LOT) or serials (PART#SERIAL), or their GS1 barcode data')
    .option('--json', 'machine-readable output')
    .action(async (refs: string[], opts: { json?: boolean }) => {
      const result = await call('recall.impact', { refs });
      print(opts.json, result, () => impactText(result));
    });

  for (const kind of ['lots', 'serials'] as const) {
    program
      .command(kind)
      .description(`list ${kind}`)
      .option('--item <part>', 'only this item')
      .addOption(new Option('--status <status>', 'only this status').choices(unitStatuses))
      .option('--limit <n>', 'at most this many (default 500)', integer('--limit', 1, 100_000))
      .option('--json', 'machine-readable output')
      .action(async (opts: { item?: string; status?: (typeof unitStatuses)[number]; limit?: number; json?: boolean }) => {
        const input = { ...(opts.item ? { item: opts.item } : {}), ...(opts.status ? { status: opts.status } : {}), ...(opts.limit ? { limit: opts.limit } : {}) };
        const units = await call(kind === 'lots' ? 'lots.list' : 'serials.list', input);
        print(opts.json, units, () => unitsText(units));
      });
  }

  program
    .command('audit')
    .description('the audit trail')
    .command('verify')
    .description('check the hash chain and replay the trail against the records; exit 1 when broken')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const result = await call('audit.verify', {});
      print(opts.json, result, () => verifyText(result));
      if (!result.ok) throw new CliExit('', 1);
    });

  registerGs1Commands(program, io);
  registerScanCommands(program, io);

  registerEpcis(program, call, (text) => io.out(text), { follow: (listener) => open().subscribe('progress', (p) => p.command === 'epcis.import' && listener(p)), err: (text) => io.err(text) });
  registerFsma204(program, dbFile, (text) => io.out(text));
  registerLabelRender(program, call, (text) => io.out(text));
  registerPrintingCommands(program, call, invokeAs, io);
  // The users and recall commands sign as --user: both take the same door (a refusal of their own input exits 2).
  const signingDeps = {
    call,
    out: (text: string) => io.out(text),
    password,
    user,
    fail: (message: string): never => {
      throw new CliExit(message, 2);
    },
  };
  registerUserCommands(program, signingDeps);
  registerRecallCommands(recall, signingDeps);
  registerRecordCommands(program, call, (text) => io.out(text), () => {
    throw new CliExit('', 1);
  });
  registerPackageCommands(program, call, {
    out: (text) => io.out(text),
    err: (text) => io.err(text),
    follow: (listener) => open().subscribe('progress', (p) => p.command === 'packages.export' && listener(p)),
    fail: () => {
      throw new CliExit('', 1);
    },
    usage: (message) => {
      throw new CliExit(message, 2);
    },
    user,
    password,
  });

  program
    .command('call')
    .description('run any api command with a JSON input (see `lotline commands`)')
    .argument('<command>', 'the command name, e.g. units.setStatus')
    .argument('[input]', 'the input as JSON', '{}')
    .action(async (name: string, json: string) => {
      let input: unknown;
      try {
        input = JSON.parse(json);
      } catch {
        throw new CliExit(`The input is not valid JSON: ${json}`, 2);
      }
      const result = await invokeAs(name, input);
      if (!result.ok) throw new CliExit(result.error.message, result.error.code === 'VALIDATION' || result.error.code === 'UNKNOWN_COMMAND' ? 2 : 1);
      io.out(JSON.stringify(result.value, null, 2));
    });

  program
    .command('serve')
    .description('serve the app and its api on the web host')
    .option('--port <n>', 'port (default 4310; 0 picks a free one)', integer('--port', 0, 65535), 4310)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--token <token>', 'session token (default: a random one)')
    .option('--demo', 'load the demo plant when the database is empty')
    .option('--devices <file>', 'the scanners to run and the scan settings (default: devices.json beside the database)')
    .action(async (opts: { port: number; host: string; token?: string; demo?: boolean; devices?: string }) => {
      const core = io.apiWorker ? await createThreadedApi({ dbPath: dbFile() }, io.apiWorker) : open();
      // The scanners run on this thread beside the web host (not in the core's worker, see main/api/devices.ts).
      const served = withDevices(core, { configFile: opts.devices ?? join(dirname(dbFile()), 'devices.json') });
      if (opts.demo && (await served.seedDemoIfEmpty())) io.out(`Loaded the demo plant into ${dbFile()}`);
      const token = opts.token ?? randomBytes(24).toString('base64url');
      const host = await startHost({ api: served, port: opts.port, host: opts.host, token, staticDir: rendererDir() });
      io.out(`Lotline is serving ${dbFile()} at ${host.url}?token=${token}`);
      keepOpen = true;
      io.serving?.(host.url, async () => {
        await host.close();
        served.close();
      });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      io.err(`lotline: ${error.message.replace(/^error: /, '')}`);
      return 2;
    }
    if (error instanceof CliExit) {
      if (error.message) io.err(`lotline: ${error.message}`);
      return error.exitCode;
    }
    io.err(`lotline: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (!keepOpen) api?.close();
  }
}

function unitsText(units: readonly UnitSummary[]): string {
  if (units.length === 0) return 'Nothing matches.';
  return table(['type', 'item', 'lot/serial', 'gtin', 'status', 'on hand', 'expires'], units.map((u) => [u.type, u.item, u.lot ?? u.serial, u.gtin, u.status, `${u.onHand} ${u.unit}`, u.expiresAt]));
}

function traceText(r: TraceResult): string {
  const shown = r.nodes.length === r.total.nodes ? '' : ` (rows ${r.window.offset + 1}–${r.window.offset + r.nodes.length} shown; --offset and --limit for the others)`;
  const lines = [
    `${r.direction === 'backward' ? 'Backward' : 'Forward'} trace of ${r.root.ref} (${r.root.description}): ${r.total.nodes} lots and serials${shown}${r.truncated ? ` — TRUNCATED at depth ${r.depthLimit}` : ''}`,
    '',
    table(['depth', 'type', 'item', 'lot/serial', 'status', 'on hand'], r.nodes.map((n) => [n.depth, n.type, n.item, n.lot ?? n.serial, n.status, `${n.onHand} ${n.unit}`])),
  ];
  if (r.direction === 'forward') {
    lines.push('', `${r.total.shipments} shipments (${r.total.shipmentLines} lines) to ${r.customers.length} customers`);
    lines.push('', r.shipments.length === 0 ? 'Nothing has shipped.' : table(['shipment', 'date', 'customer', 'ship-to', 'shipped', 'qty'], r.shipments.map((s) => [s.number, s.shipDate.slice(0, 10), s.customer, s.shipTo, s.ref, s.quantity])));
  }
  return lines.join('\n');
}

function impactText(r: RecallImpact): string {
  return [
    `Recall impact of ${r.suspects.map((s) => s.ref).join(', ')}${r.truncated ? ' — TRUNCATED' : ''}`,
    `${r.affected.length} lots and serials affected, ${r.finished.length} finished, ${r.inHouse.length} still in house, ${r.shipments.length} shipment lines to ${r.customers.length} customers`,
    '',
    'Customers:',
    r.customers.length === 0 ? '  none' : table(['customer', 'name', 'shipments', 'ship-to locations'], r.customers.map((c) => [c.code, c.name, c.shipments, c.locations.join(', ')])),
    '',
    'In house:',
    r.inHouse.length === 0 ? '  none' : unitsText(r.inHouse),
  ].join('\n');
}

function verifyText(r: AuditVerification): string {
  if (r.ok) return `Audit trail intact: ${r.rows} rows, ${r.recordsChecked} records match their last audited state. Chain head ${r.head ?? '(empty)'}`;
  return [`Audit trail BROKEN: ${r.problems.length} problem(s) in ${r.rows} rows`, ...r.problems.map((p) => `  - ${p.message}`)].join('\n');
}
