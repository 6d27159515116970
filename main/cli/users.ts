// `lotline user add|passwd` and `lotline sign`: users and signatures from the command line (scripted tests, first setup).
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import { signatureMeanings } from '../../common/api/signatures';
import type { SignatureMeaning } from '../../common/api/signatures';
import { roles } from '../../common/api/users';
import type { Role } from '../../common/api/users';

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;

export interface UserCommandDeps {
  call: Call;
  out(text: string): void;
  /** A password: $LOTLINE_PASSWORD, else asked for on the terminal. */
  password(prompt: string): Promise<string>;
  /** The --user the command line acts as, if any. */
  user(): string | undefined;
  fail(message: string): never;
}

/** `lot:RES-PC:R26124-01` → { kind: 'lot', id: 'RES-PC:R26124-01' } (the id may itself hold colons). */
export function parseRecordRef(text: string): { kind: string; id: string } | null {
  const colon = text.indexOf(':');
  return colon <= 0 || colon === text.length - 1 ? null : { kind: text.slice(0, colon), id: text.slice(colon + 1) };
}

export function registerUserCommands(program: Command, deps: UserCommandDeps): void {
  const user = program.command('user').description('users and their passwords (run as an admin with --user, or as the local system identity)');
  user
    .command('add')
    .description("add a user; the first password comes from $LOTLINE_PASSWORD or is asked for")
    .argument('<name>', 'the user ID they sign in with')
    .addOption(new Option('--role <role>', 'a role (repeat for more)').choices(roles).argParser((value: string, previous: Role[] | undefined) => [...(previous ?? []), value as Role]).makeOptionMandatory())
    .option('--name <printed name>', 'the name printed on records and signatures (default: the user ID)')
    .action(async (name: string, opts: { role: Role[]; name?: string }) => {
      const password = await deps.password(`Password for ${name}: `);
      const added = await deps.call('users.create', { username: name, printedName: opts.name ?? name, roles: opts.role, password });
      deps.out(`Added ${added.username} (${added.printedName}) with the role${added.roles.length > 1 ? 's' : ''} ${added.roles.join(', ')}`);
    });
  user
    .command('passwd')
    .description("set a user's password (from $LOTLINE_PASSWORD or asked for); unlocks them")
    .argument('<name>', 'the user ID')
    .option('--reason <text>', 'why (audited)', 'Password set from the command line')
    .action(async (name: string, opts: { reason: string }) => {
      const password = await deps.password(`New password for ${name}: `);
      await deps.call('users.resetPassword', { username: name, password, reason: opts.reason });
      deps.out(`Password of ${name} set`);
    });

  program
    .command('sign')
    .description('sign a record as --user (password from $LOTLINE_PASSWORD), e.g. lotline --user qa1 sign --record lot:RES-PC:R26124-01 --meaning reviewed')
    .requiredOption('--record <kind:id>', 'the record: its kind and id, e.g. lot:RES-PC:R26124-01 or lot-decision:4711')
    .addOption(new Option('--meaning <meaning>', 'what the signature means').choices(signatureMeanings).makeOptionMandatory())
    .option('--json', 'machine-readable output')
    .action(async (opts: { record: string; meaning: SignatureMeaning; json?: boolean }) => {
      const record = parseRecordRef(opts.record);
      if (record === null) deps.fail(`--record must be KIND:ID (e.g. lot:RES-PC:R26124-01), not ${opts.record}`);
      const username = deps.user();
      if (username === undefined) deps.fail('sign needs --user NAME: a signature is a person’s, never the system’s');
      const signature = await deps.call('signatures.sign', { record, meaning: opts.meaning, username, password: await deps.password(`Password for ${username}: `) });
      deps.out(opts.json ? JSON.stringify(signature, null, 2) : `Signed ${record.kind} ${record.id} as ${signature.meaning}: ${signature.printedName} (${signature.username}), ${signature.signedAt}, SHA-256 ${signature.contentSha256}`);
    });
}
