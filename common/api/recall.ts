// Recall and field-action campaigns: seeds, scope by forward trace with targeted rules, signed steps
// (draft → open → monitoring → closed), containment, impact, customer responses, field actions,
// effectiveness and mass balance; mock recalls (drills) timed to their report.
import { z } from 'zod';
import { command, deviceCommand } from './contract';
import { dateField, nameField, partField, reasonField, unitRefField } from './fields';
import { signingFields } from './signatures';
import type { SignatureView } from './signatures';
import type { TraceEdge, TraceNode, UnitStatus, UnitSummary } from '../domain';

export const campaignKinds = ['recall', 'field-action'] as const;
export type CampaignKind = (typeof campaignKinds)[number];
export const campaignStatuses = ['draft', 'open', 'monitoring', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const containments = ['on_hold', 'recalled', 'none'] as const;
export type Containment = (typeof containments)[number];

/** BRCGS asks for a traceability test within four hours. */
export const DRILL_TARGET_MINUTES = 240;

export const campaignNumberField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(RC|FA)-\d{4}-\d{3,}$/, 'must be a campaign number like RC-2026-003 or FA-2026-001');

/** What the campaign starts from: suspect lots/serials, a supplier lot, or an item made or received in a date range. */
export const seedsField = z
  .strictObject({
    refs: z.array(unitRefField).min(1, 'must name at least one lot or serial').max(1000).optional(),
    supplierLot: z.strictObject({ lot: z.string().trim().min(1, 'must not be empty').max(60), supplier: z.string().trim().min(1).max(30).optional() }).optional(),
    item: z.strictObject({ part: partField, from: dateField, to: dateField }).refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] }).optional(),
  })
  .refine((v) => [v.refs, v.supplierLot, v.item].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of refs (lots or serials), supplierLot, or item with a date range',
  });
export type CampaignSeeds = z.output<typeof seedsField>;

/** A targeted scope rule. Product, date and serial rules judge finished lots and serials; customer and location rules judge shipments. */
export const scopeRuleField = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('product'), parts: z.array(partField).min(1, 'must name at least one part').max(200) }),
  z
    .strictObject({ kind: z.literal('dateRange'), from: dateField, to: dateField })
    .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] }),
  z.strictObject({
    kind: z.literal('serialRange'),
    part: partField,
    from: z.string().trim().min(1, 'must not be empty').max(40),
    to: z.string().trim().min(1, 'must not be empty').max(40),
  }),
  z.strictObject({ kind: z.literal('customer'), customers: z.array(z.string().trim().min(1).max(30)).min(1, 'must name at least one customer').max(500) }),
  z.strictObject({ kind: z.literal('location'), locations: z.array(z.string().trim().min(1).max(30)).min(1, 'must name at least one ship-to location').max(500) }),
]);
export type ScopeRule = z.output<typeof scopeRuleField>;
export type RuleMode = 'exclude' | 'only';

export interface CampaignRule {
  seq: number;
  mode: RuleMode;
  rule: ScopeRule;
  /** "Only serials P-0001 to P-0050 of PUMP", in words. */
  text: string;
  rationale: string;
  createdAt: string;
  createdBy: string;
  signatures: SignatureView[];
}

export interface CampaignStep {
  from: CampaignStatus;
  to: CampaignStatus;
  note: string | null;
  figures: Record<string, unknown>;
  at: string;
  by: string;
  signatures: SignatureView[];
}

export interface CampaignHeader {
  number: string;
  kind: CampaignKind;
  drill: boolean;
  title: string;
  reason: string;
  classification: string;
  owner: string;
  containAs: Containment;
  status: CampaignStatus;
  createdAt: string;
  createdBy: string;
  openedAt: string | null;
  reportedAt: string | null;
  closedAt: string | null;
  /** A drill's time from opening to its complete report, in minutes (null until both are known). */
  elapsedMinutes: number | null;
}

/** A campaign's hold lifted from a lot or serial (a signed decision). */
export interface CampaignLift {
  ref: string;
  heldAt: string;
  /** The status it went back to. */
  statusTo: UnitStatus;
  reason: string;
  at: string;
  by: string;
  signatures: SignatureView[];
}

export interface Campaign extends CampaignHeader {
  seedQuery: CampaignSeeds;
  seeds: string[];
  rules: CampaignRule[];
  steps: CampaignStep[];
  holds: { active: number; lifted: number };
  lifts: CampaignLift[];
}

/** A unit of the forward trace, and whether the rules keep it in scope. */
export interface ScopeUnit extends TraceNode {
  finished: boolean;
  inScope: boolean;
  /** The rule (seq) that took it out. */
  excludedBy: number | null;
  inHouse: boolean;
}

export interface ScopeShipmentLine {
  shipment: string;
  shipDate: string;
  customer: string;
  customerName: string;
  shipTo: string;
  shipToName: string;
  ref: string;
  item: string;
  quantity: string;
  unit: string;
  inScope: boolean;
  excludedBy: number | null;
}

/** Above this many lots and serials a scope carries no edges and a campaign's page lists no rows of it (the graph shows levels, the tables and files every row). */
export const SCOPE_GRAPH_LIMIT = 2_000;

export interface CampaignScope {
  number: string;
  seeds: TraceNode[];
  units: ScopeUnit[];
  edges: TraceEdge[];
  shipments: ScopeShipmentLine[];
  totals: { units: number; inScope: number; finished: number; inHouse: number; shipmentLines: number; customers: number; locations: number };
  truncated: boolean;
  /** Whether units, edges and shipments hold every row: false when the scope has more lots and serials than the `limit` asked for (the totals count them all). */
  listed: boolean;
}

export interface CustomerImpact {
  code: string;
  name: string;
  contact: string | null;
  email: string | null;
  locations: { code: string; name: string; address: string | null }[];
  /** Each shipment with its lines counted; `lines` lists them unless the impact was asked without (`linesListed`). */
  shipments: { number: string; shipDate: string; shipTo: string; lineCount: number; lines: { ref: string; item: string; description: string; quantity: string; unit: string }[] }[];
  quantity: string;
  firstShipped: string;
  lastShipped: string;
}

export interface ProductImpact {
  item: string;
  description: string;
  unit: string;
  units: number;
  produced: string;
  shipped: string;
  inHouse: string;
  consumed: string;
  scrapped: string;
  /** The items this one went into, one level down. */
  consumedInto: string[];
}

export interface CampaignImpact {
  number: string;
  customers: CustomerImpact[];
  products: ProductImpact[];
  /** Whether each shipment's `lines` lists its lines: false when asked with `lines: false` (its `lineCount` counts them). */
  linesListed: boolean;
}

export interface CustomerTracking {
  code: string;
  name: string;
  shipped: string;
  acknowledged: boolean;
  acknowledgedAt: string | null;
  returned: string;
  destroyed: string;
  /** As the customer reported it. */
  corrected: string;
  /** Field actions recorded on this customer's serials, and the quantity of those serials (each counted once). */
  fieldActions: number;
  fieldActioned: string;
  /** What accounted counts as corrected in the field: the greater of `corrected` and `fieldActioned` (they overlap, never added). */
  correctedInField: string;
  /** returned + destroyed + correctedInField, at most what was shipped. */
  accounted: string;
  /** accounted ÷ shipped, 0 to 1; null when nothing was shipped. */
  effectiveness: number | null;
}

export interface FieldActionView {
  serial: string;
  customer: string | null;
  service: string;
  description: string;
  removed: string | null;
  installed: string | null;
  performedAt: string;
  /** Who recorded it. */
  by: string;
}

export interface CampaignTracking {
  number: string;
  customers: CustomerTracking[];
  fieldActions: FieldActionView[];
  overall: { shipped: string; accounted: string; effectiveness: number | null };
}

/** produced + returned = shipped + consumed + in house + scrapped + sampled + unexplained. */
export interface MassBalanceRow {
  ref: string;
  item: string;
  unit: string;
  produced: string;
  returned: string;
  shipped: string;
  inHouse: string;
  consumed: string;
  scrapped: string;
  sampled: string;
  unexplained: string;
}

export interface MassBalance {
  number: string;
  lots: MassBalanceRow[];
  /** Lots whose unexplained difference is not zero. */
  unexplained: number;
}

export interface DrillReport {
  number: string;
  file: string;
  pages: number;
  sha256: string;
  bytes: number;
  elapsedMinutes: number;
  targetMinutes: number;
  figures: CampaignScope['totals'] & { effectiveness: number | null; unexplainedLots: number; lots: number };
}

/** A campaign document handed to the window as base64 (letters, consignee sheet, report). */
export const recallDocuments = ['letter', 'consignees-csv', 'consignees-xlsx', 'report'] as const;
export type RecallDocument = (typeof recallDocuments)[number];

export interface RecallFile {
  fileName: string;
  mediaType: string;
  contentBase64: string;
  /** For a report: the drill's elapsed minutes and target (the first report stops a drill's timer). */
  report?: Pick<DrillReport, 'elapsedMinutes' | 'targetMinutes'>;
}

const numberInput = z.strictObject({ number: campaignNumberField });
const signature = z.strictObject(signingFields).optional();
const QA = ['qa'] as const;
const outPath = z.string().trim().min(1, 'must name a file or folder').max(4096);

export const recallCommands = {
  'recalls.create': command<Campaign>()({
    input: z.strictObject({
      kind: z.enum(campaignKinds, { error: `must be one of ${campaignKinds.join(', ')}` }).default('recall'),
      drill: z.boolean().default(false),
      title: nameField,
      reason: reasonField,
      classification: z.string().trim().min(1, 'must not be empty (e.g. Class II, market withdrawal)').max(100),
      owner: z.string().trim().min(1).max(100).optional(),
      containAs: z.enum(containments, { error: `must be one of ${containments.join(', ')}` }).optional(),
      seeds: seedsField,
    }),
    writes: true,
    summary: 'Start a recall or field-action campaign (a draft) from its seeds',
    roles: QA,
    action: 'Starting a recall campaign',
  }),
  'recalls.list': command<CampaignHeader[]>()({
    input: z.strictObject({ year: z.number().int().min(2000).max(2100).optional(), drill: z.boolean().optional() }),
    writes: false,
    summary: 'Campaigns, newest first (drills per year with their elapsed time)',
  }),
  'recalls.get': command<Campaign>()({ input: numberInput, writes: false, summary: 'A campaign with its seeds, rules and signed steps' }),
  'recalls.scope': command<CampaignScope>()({
    input: z.strictObject({
      number: campaignNumberField,
      limit: z.number({ error: 'must be a number of lots and serials' }).int().min(0).max(10_000_000).optional(),
    }),
    writes: false,
    summary:
      "A campaign's scope: the forward trace of its seeds with its rules applied, down to shipments and customers; with `limit`, its rows only when it has at most that many lots and serials (its totals always)",
  }),
  'recalls.held': command<UnitSummary[]>()({
    input: numberInput,
    writes: false,
    summary: 'What a campaign holds now: the lots and serials in house that are on its hold, by reference',
  }),
  'recalls.addRule': command<Campaign>()({
    input: z.strictObject({ number: campaignNumberField, mode: z.enum(['exclude', 'only']), rule: scopeRuleField, rationale: reasonField, signature }),
    writes: true,
    summary: 'Narrow a draft campaign by a rule, with a signed rationale',
    roles: QA,
    action: 'Narrowing a recall scope',
  }),
  'recalls.open': command<Campaign>()({
    input: z.strictObject({ number: campaignNumberField, note: z.string().trim().max(2000).optional(), signature }),
    writes: true,
    summary: 'Open a campaign (signed): in-house lots and serials in scope are held in the same transaction',
    roles: QA,
    action: 'Opening a recall',
  }),
  'recalls.monitor': command<Campaign>()({
    input: z.strictObject({ number: campaignNumberField, note: z.string().trim().max(2000).optional(), signature }),
    writes: true,
    summary: 'Move an open campaign to monitoring (signed): notifications are out, responses are being tracked',
    roles: QA,
    action: 'Moving a recall to monitoring',
  }),
  'recalls.close': command<Campaign>()({
    input: z.strictObject({
      number: campaignNumberField,
      note: z.string().trim().max(2000).optional(),
      explanation: z.string().trim().min(10, 'must explain the unexplained differences (at least 10 characters)').max(4000).optional(),
      signature,
    }),
    writes: true,
    summary: 'Close a campaign (signed); refused with an unexplained mass-balance difference unless QA signs an explanation',
    roles: QA,
    action: 'Closing a recall',
  }),
  'recalls.lift': command<Campaign>()({
    input: z.strictObject({ number: campaignNumberField, refs: z.array(unitRefField).min(1).max(10_000), reason: reasonField, signature }),
    writes: true,
    summary: "Lift a campaign's hold on lots or serials (a signed decision); each goes back to the status it had",
    roles: QA,
    action: 'Lifting a recall hold',
  }),
  'recalls.impact': command<CampaignImpact>()({
    input: z.strictObject({ number: campaignNumberField, lines: z.boolean({ error: 'must be true or false' }).optional() }),
    writes: false,
    summary:
      'Impact per customer and ship-to (shipments, lots/serials, quantities, dates, contacts) and per product; with `lines: false`, shipments counted without their lines (a page of a wide recall)',
  }),
  'recalls.respond': command<CampaignTracking>()({
    input: z
      .strictObject({
        number: campaignNumberField,
        customer: z.string().trim().min(1, 'must name the customer').max(30),
        acknowledged: z.boolean().default(false),
        returned: z.union([z.string(), z.number()]).optional(),
        destroyed: z.union([z.string(), z.number()]).optional(),
        corrected: z.union([z.string(), z.number()]).optional(),
        note: z.string().trim().max(2000).optional(),
        receivedAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with zone' }).optional(),
      })
      .refine((v) => v.acknowledged || v.returned !== undefined || v.destroyed !== undefined || v.corrected !== undefined, {
        message: 'a response acknowledges or reports quantities returned, destroyed or corrected',
      }),
    writes: true,
    summary: "Record a customer's response: acknowledgement and quantities returned, destroyed or corrected in the field",
    roles: ['qa', 'operator'],
    action: 'Recording a recall response',
  }),
  'recalls.fieldAction': command<CampaignTracking>()({
    input: z.strictObject({
      number: campaignNumberField,
      serial: unitRefField,
      description: z.string().trim().min(3, 'must say what was done').max(2000),
      removed: unitRefField.optional(),
      installed: unitRefField.optional(),
    }),
    writes: true,
    summary: 'Record the field action on a serial in scope (a service event; a swapped part or unit enters the genealogy)',
    roles: ['qa', 'operator'],
    action: 'Recording a field action',
  }),
  'recalls.tracking': command<CampaignTracking>()({ input: numberInput, writes: false, summary: 'Responses, field actions and effectiveness by customer and overall' }),
  'recalls.massBalance': command<MassBalance>()({ input: numberInput, writes: false, summary: 'Mass balance of every lot in scope, with unexplained differences' }),
  // Documents are written off the database (outside the command transaction), each to the file or folder named.
  'recalls.letters': deviceCommand<{ files: { customer: string; file: string; pages: number; sha256: string }[] }>()({
    input: z.strictObject({ number: campaignNumberField, outDir: outPath, customer: z.string().trim().min(1, 'must name the customer').max(30).optional() }),
    writes: false,
    summary: 'A notification letter (PDF) per customer in scope, with exactly the lots/serials and quantities that customer received',
    roles: ['qa', 'admin'],
    action: 'Writing recall letters',
  }),
  'recalls.consignees': deviceCommand<{ file: string; rows: number }>()({
    input: z.strictObject({ number: campaignNumberField, out: outPath, format: z.enum(['csv', 'xlsx']).optional() }),
    writes: false,
    summary: 'Every affected consignee (customer, ship-to, shipment, lot/serial, quantity) as CSV or xlsx for a regulator',
    roles: ['qa', 'admin'],
    action: 'Exporting recall consignees',
  }),
  'recalls.report': deviceCommand<DrillReport>()({
    input: z.strictObject({ number: campaignNumberField, out: outPath }),
    writes: true,
    summary: "A campaign's complete impact and mass-balance report PDF; a drill's timer stops at the first one",
    roles: ['qa', 'admin'],
    action: 'Writing a recall report',
  }),
  'recalls.file': deviceCommand<RecallFile>()({
    input: z
      .strictObject({
        number: campaignNumberField,
        document: z.enum(recallDocuments, { error: `must be one of ${recallDocuments.join(', ')}` }),
        customer: z.string().trim().min(1, 'must name the customer').max(30).optional(),
      })
      .refine((v) => v.document !== 'letter' || v.customer !== undefined, { message: 'a letter needs the customer it is for', path: ['customer'] }),
    writes: true,
    summary: "A campaign's letter to one customer, consignee sheet (CSV or xlsx) or report PDF, as base64 for download",
    roles: ['qa', 'admin'],
    action: 'Downloading a recall document',
  }),
};

export type RecallCommandName = keyof typeof recallCommands;
