// `lotline recall open|scope|contain|letters|consignees|respond|status|close|list|drill`: recall and field-action
// campaigns from the command line. Decisions (rules, steps, lifting holds) are signed as --user (password from
// $LOTLINE_PASSWORD or asked for); without --user they are the local system identity's, unsigned.
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CommandInput, CommandName, CommandResult } from '../../common/api';
import type { Campaign, CampaignScope, CampaignTracking, MassBalance, ScopeRule } from '../../common/api/recall';
import { containments } from '../../common/api/recall';
import { table } from './table';

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;

export interface RecallCliDeps {
  call: Call;
  out: (text: string) => void;
  password: (prompt: string) => Promise<string>;
  user: () => string | undefined;
  fail: (message: string) => never;
}

const CAMPAIGN = /^(RC|FA)-\d{4}-\d{3,}$/i;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

export function campaignText(c: Campaign): string {
  return [
    `${c.number}${c.drill ? ' (mock recall)' : ''} — ${c.title}: ${c.status}`,
    `${c.kind}, ${c.classification}; owner ${c.owner}; started from ${c.seeds.join(', ')}`,
    `Reason: ${c.reason}`,
    `Holds: ${c.holds.active} active, ${c.holds.lifted} lifted (contain as ${c.containAs})`,
    ...(c.elapsedMinutes !== null ? [`Time from opening to the complete report: ${c.elapsedMinutes} min`] : []),
    ...c.rules.map((r) => `Rule ${r.seq}: ${r.text} — ${r.rationale} (signed by ${r.signatures.map((s) => s.username).join(', ') || 'nobody'})`),
    ...c.steps.map((s) => `${s.at} ${s.from} → ${s.to} by ${s.by}${s.signatures.length ? ` (signed ${s.signatures.map((g) => `${g.username} ${g.meaning}${g.valid ? '' : ' — NO LONGER VALID'}`).join(', ')})` : ''}`),
  ].join('\n');
}

export function scopeText(s: CampaignScope): string {
  const t = s.totals;
  return [
    `${s.number}: ${t.units} lots and serials reached, ${t.inScope} in scope, ${t.finished} finished, ${t.inHouse} in house; ${t.shipmentLines} shipment lines to ${t.customers} customers at ${t.locations} ship-to locations${s.truncated ? ' — TRUNCATED at the depth limit' : ''}`,
    '',
    table(['lot/serial', 'status', 'on hand', 'finished', 'in scope'], s.units.slice(0, 200).map((u) => [u.ref, u.status, `${u.onHand} ${u.unit}`, u.finished ? 'yes' : '', u.inScope ? 'yes' : `no (rule ${u.excludedBy ?? '?'})`])),
    ...(s.units.length > 200 ? [`… and ${s.units.length - 200} more (--json for all)`] : []),
    '',
    s.shipments.length === 0 ? 'Nothing has shipped.' : table(['shipment', 'date', 'customer', 'ship-to', 'lot/serial', 'qty', 'in scope'], s.shipments.slice(0, 200).map((l) => [l.shipment, l.shipDate.slice(0, 10), l.customer, l.shipTo, l.ref, l.quantity, l.inScope ? 'yes' : `no (rule ${l.excludedBy ?? '?'})`])),
  ].join('\n');
}

export function statusText(c: Campaign, tracking: CampaignTracking, balance: MassBalance): string {
  return [
    campaignText(c),
    '',
    tracking.customers.length === 0
      ? 'No customer received anything in scope.'
      : table(['customer', 'shipped', 'ack', 'returned', 'destroyed', 'corrected', 'field actions (serials)', 'corrected counted', 'effectiveness'], tracking.customers.map((x) => [x.code, x.shipped, x.acknowledged ? 'yes' : 'no', x.returned, x.destroyed, x.corrected, `${x.fieldActions} (${x.fieldActioned})`, x.correctedInField, pct(x.effectiveness)])),
    `Effectiveness overall: ${tracking.overall.accounted} accounted of ${tracking.overall.shipped} shipped = ${pct(tracking.overall.effectiveness)}`,
    '',
    `Mass balance: ${balance.lots.length} lots, ${balance.unexplained} with an unexplained difference`,
    ...balance.lots.filter((l) => l.unexplained !== '0').slice(0, 20).map((l) => `  ${l.ref}: ${l.unexplained} ${l.unit} unexplained (produced ${l.produced}, shipped ${l.shipped}, consumed ${l.consumed}, in house ${l.inHouse}, scrapped ${l.scrapped}, sampled ${l.sampled})`),
  ].join('\n');
}

function parseRule(json: string, fail: (m: string) => never): ScopeRule {
  try {
    return JSON.parse(json) as ScopeRule;
  } catch {
    return fail(`--rule is not valid JSON: ${json} (e.g. '{"kind":"customer","customers":["ACME"]}')`);
  }
}

export function registerRecallCommands(recall: Command, deps: RecallCliDeps): void {
  const { call, out } = deps;
  const signature = async () => {
    const username = deps.user();
    return username === undefined ? undefined : { meaning: 'approved' as const, username, password: await deps.password(`Password for ${username} (signing): `) };
  };
  const print = (json: boolean | undefined, value: unknown, human: () => string) => out(json ? JSON.stringify(value, null, 2) : human());

  recall
    .command('list')
    .description('campaigns, newest first; --drills for mock recalls (with their times)')
    .option('--drills', 'only mock recalls')
    .option('--year <yyyy>', 'only this year', (v) => Number(v))
    .option('--json', 'machine-readable output')
    .action(async (opts: { drills?: boolean; year?: number; json?: boolean }) => {
      const list = await call('recalls.list', { ...(opts.drills ? { drill: true } : {}), ...(opts.year ? { year: opts.year } : {}) });
      print(opts.json, list, () =>
        list.length === 0 ? 'No campaigns.' : table(['campaign', 'kind', 'drill', 'status', 'title', 'opened', 'minutes to report'], list.map((c) => [c.number, c.kind, c.drill ? 'yes' : '', c.status, c.title, c.openedAt ?? '', c.elapsedMinutes ?? ''])),
      );
    });

  recall
    .command('open')
    .description('start a campaign from suspect lots/serials (or --supplier-lot, or --item with --from/--to) and open it: what is in house is held; or open a draft by its number')
    .argument('[refs...]', 'suspect lots (PART:LOT) or serials (PART#SERIAL), or the number of a draft campaign')
    .option('--title <text>', 'what is recalled, in a few words')
    .option('--reason <text>', 'why')
    .option('--class <text>', 'classification (Class I/II/III, market withdrawal…)', 'Class II')
    .option('--supplier-lot <lot>', 'start from every lot received with this supplier lot')
    .option('--supplier <code>', 'with --supplier-lot: only from this supplier')
    .option('--item <part>', 'start from the lots and serials of this item made or received from --from to --to')
    .option('--from <date>', 'with --item: first date (YYYY-MM-DD)')
    .option('--to <date>', 'with --item: last date (YYYY-MM-DD)')
    .option('--field-action', 'a field action (service campaign) instead of a recall')
    .option('--drill', 'a mock recall: nothing is held unless --contain says so, no letters are sent')
    .addOption(new Option('--contain <how>', 'what opening does to in-house stock in scope').choices(containments))
    .option('--draft', 'stop at the draft (to add scope rules first)')
    .option('--json', 'machine-readable output')
    .action(async (refs: string[], opts: Record<string, string | boolean | undefined>) => {
      let number = refs.length === 1 && CAMPAIGN.test(refs[0] ?? '') ? (refs[0] as string).toUpperCase() : undefined;
      if (number === undefined) {
        const title = typeof opts.title === 'string' ? opts.title : undefined;
        const reason = typeof opts.reason === 'string' ? opts.reason : undefined;
        if (title === undefined || reason === undefined) deps.fail('recall open needs --title and --reason to start a campaign');
        const seeds =
          typeof opts.supplierLot === 'string'
            ? { supplierLot: { lot: opts.supplierLot, ...(typeof opts.supplier === 'string' ? { supplier: opts.supplier } : {}) } }
            : typeof opts.item === 'string'
              ? { item: { part: opts.item, from: String(opts.from ?? ''), to: String(opts.to ?? '') } }
              : { refs };
        const created = await call('recalls.create', {
          kind: opts.fieldAction ? 'field-action' : 'recall',
          drill: opts.drill === true,
          title,
          reason,
          classification: String(opts.class),
          ...(typeof opts.contain === 'string' ? { containAs: opts.contain as (typeof containments)[number] } : {}),
          seeds,
        });
        number = created.number;
        if (opts.draft) {
          print(opts.json === true, created, () => `${campaignText(created)}\nDraft: add rules with \`lotline recall scope ${number} --rule …\`, then \`lotline recall open ${number}\`.`);
          return;
        }
      }
      const opened = await call('recalls.open', { number, signature: await signature() });
      print(opts.json === true, opened, () => campaignText(opened));
    });

  recall
    .command('scope')
    .description("a campaign's scope (forward trace of its seeds, rules applied); with --rule, narrow a draft first (signed)")
    .argument('<campaign>', 'campaign number')
    .option('--rule <json>', 'a rule as JSON: {"kind":"product","parts":[…]} | {"kind":"dateRange","from":…,"to":…} | {"kind":"serialRange","part":…,"from":…,"to":…} | {"kind":"customer","customers":[…]} | {"kind":"location","locations":[…]}')
    .addOption(new Option('--mode <mode>', 'exclude what matches, or keep only what matches').choices(['exclude', 'only']).default('exclude'))
    .option('--rationale <text>', 'why (required with --rule)')
    .option('--json', 'machine-readable output')
    .action(async (number: string, opts: { rule?: string; mode: 'exclude' | 'only'; rationale?: string; json?: boolean }) => {
      if (opts.rule !== undefined) {
        if (opts.rationale === undefined) deps.fail('--rule needs --rationale: every exclusion says why');
        await call('recalls.addRule', { number, mode: opts.mode, rule: parseRule(opts.rule, deps.fail), rationale: opts.rationale, signature: await signature() });
      }
      const scope = await call('recalls.scope', { number });
      print(opts.json, scope, () => scopeText(scope));
    });

  recall
    .command('contain')
    .description("what a campaign holds; with --lift, lift its hold from lots or serials (a signed decision)")
    .argument('<campaign>', 'campaign number')
    .option('--lift <refs...>', 'lots or serials to give their earlier status back')
    .option('--reason <text>', 'why the hold is lifted (required with --lift)')
    .option('--json', 'machine-readable output')
    .action(async (number: string, opts: { lift?: string[]; reason?: string; json?: boolean }) => {
      if (opts.lift !== undefined) {
        if (opts.reason === undefined) deps.fail('--lift needs --reason');
        await call('recalls.lift', { number, refs: opts.lift, reason: opts.reason, signature: await signature() });
      }
      const scope = await call('recalls.scope', { number });
      const held = scope.units.filter((u) => u.inScope && u.inHouse);
      print(opts.json, held, () =>
        held.length === 0 ? `${number}: nothing in scope is in house.` : `${number}: in scope and in house\n${table(['lot/serial', 'status', 'on hand', 'reason'], held.map((u) => [u.ref, u.status, `${u.onHand} ${u.unit}`, u.statusReason ?? '']))}`,
      );
    });

  recall
    .command('letters')
    .description('a notification letter (PDF) per customer in scope, into a folder')
    .argument('<campaign>', 'campaign number')
    .requiredOption('--out <dir>', 'the folder to write the letters to')
    .action(async (number: string, opts: { out: string }) => {
      const { files } = await call('recalls.letters', { number, outDir: resolve(opts.out) });
      out(files.length === 0 ? `${number}: no customer received anything in scope; no letters written.` : files.map((f) => `${f.customer}: ${f.file} (${f.pages} page(s))`).join('\n'));
    });

  recall
    .command('consignees')
    .description('every affected consignee as CSV or xlsx (by the file name) for a regulator')
    .argument('<campaign>', 'campaign number')
    .requiredOption('--out <file>', 'a .csv or .xlsx file')
    .action(async (number: string, opts: { out: string }) => {
      const r = await call('recalls.consignees', { number, out: resolve(opts.out) });
      out(`Wrote ${r.rows} consignee line(s) to ${r.file}`);
    });

  recall
    .command('respond')
    .description("record a customer's response: acknowledgement and quantities returned, destroyed or corrected")
    .argument('<campaign>', 'campaign number')
    .argument('<customer>', 'customer code')
    .option('--ack', 'the customer acknowledged the notice')
    .option('--returned <qty>', 'quantity returned')
    .option('--destroyed <qty>', 'quantity destroyed')
    .option('--corrected <qty>', 'quantity corrected in the field')
    .option('--note <text>', 'a note')
    .action(async (number: string, customer: string, opts: { ack?: boolean; returned?: string; destroyed?: string; corrected?: string; note?: string }) => {
      const tracking = await call('recalls.respond', {
        number,
        customer,
        acknowledged: opts.ack === true,
        ...(opts.returned !== undefined ? { returned: opts.returned } : {}),
        ...(opts.destroyed !== undefined ? { destroyed: opts.destroyed } : {}),
        ...(opts.corrected !== undefined ? { corrected: opts.corrected } : {}),
        ...(opts.note !== undefined ? { note: opts.note } : {}),
      });
      const c = tracking.customers.find((x) => x.code.toLowerCase() === customer.toLowerCase());
      out(`${number}: ${customer} accounted ${c?.accounted ?? '0'} of ${c?.shipped ?? '0'} shipped (${pct(c?.effectiveness ?? null)}); overall ${pct(tracking.overall.effectiveness)}`);
    });

  recall
    .command('status')
    .description('a campaign with its steps, responses, effectiveness and mass balance; --monitor moves an open campaign to monitoring (signed)')
    .argument('<campaign>', 'campaign number')
    .option('--monitor', 'move it to monitoring')
    .option('--json', 'machine-readable output')
    .action(async (number: string, opts: { monitor?: boolean; json?: boolean }) => {
      if (opts.monitor) await call('recalls.monitor', { number, signature: await signature() });
      const [campaign, tracking, balance] = [await call('recalls.get', { number }), await call('recalls.tracking', { number }), await call('recalls.massBalance', { number })];
      print(opts.json, { campaign, tracking, balance }, () => statusText(campaign, tracking, balance));
    });

  recall
    .command('close')
    .description('close a campaign (signed); with an unexplained mass-balance difference it needs --explanation')
    .argument('<campaign>', 'campaign number')
    .option('--explanation <text>', 'what explains the unexplained differences (signed with the closing)')
    .option('--note <text>', 'a note on the closing')
    .action(async (number: string, opts: { explanation?: string; note?: string }) => {
      const closed = await call('recalls.close', { number, ...(opts.explanation ? { explanation: opts.explanation } : {}), ...(opts.note ? { note: opts.note } : {}), signature: await signature() });
      out(campaignText(closed));
    });

  recall
    .command('drill')
    .description('a timed mock recall: start it from lots/serials (or give an open drill’s number), open it and write its impact and mass-balance report')
    .argument('<refs...>', 'suspect lots or serials, or a drill campaign number')
    .requiredOption('--out <file>', 'the report PDF')
    .option('--title <text>', 'title', 'Mock recall')
    .option('--reason <text>', 'why', 'Annual traceability test (mock recall)')
    .option('--json', 'machine-readable output')
    .action(async (refs: string[], opts: { out: string; title: string; reason: string; json?: boolean }) => {
      let number = refs.length === 1 && CAMPAIGN.test(refs[0] ?? '') ? (refs[0] as string).toUpperCase() : undefined;
      if (number === undefined) {
        number = (await call('recalls.create', { drill: true, title: opts.title, reason: opts.reason, classification: 'Mock recall', seeds: { refs } })).number;
        await call('recalls.open', { number, signature: await signature() });
      }
      const r = await call('recalls.report', { number, out: resolve(opts.out) });
      const f = r.figures;
      print(opts.json, r, () =>
        [
          `${r.number}: report complete ${r.elapsedMinutes.toFixed(2)} min after opening (target ${r.targetMinutes} min: ${r.elapsedMinutes <= r.targetMinutes ? 'met' : 'NOT met'})`,
          `${f.units} lots and serials reached, ${f.inScope} in scope, ${f.finished} finished, ${f.inHouse} in house; ${f.shipmentLines} shipment lines to ${f.customers} customers at ${f.locations} ship-to locations`,
          `Mass balance: ${f.lots} lots, ${f.unexplainedLots} unexplained; effectiveness ${pct(f.effectiveness)}`,
          `Report: ${r.file} (${r.pages} page(s), ${r.bytes.toLocaleString('en')} bytes)`,
        ].join('\n'),
      );
    });
}
