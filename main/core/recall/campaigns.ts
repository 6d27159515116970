// Recall and field-action campaigns: the campaign row (RC-YYYY-NNN / FA-YYYY-NNN), its seeds resolved to lots and
// serials when it is started, and how it reads back with its rules, signed steps and holds.
import type { Database as Db } from 'better-sqlite3';
import type { Campaign, CampaignHeader, CampaignKind, CampaignSeeds, CampaignStatus, Containment } from '../../../common/api/recall';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { itemByPart } from '../masterdata/items';
import { partyByCode } from '../masterdata/parties';
import { nextCode } from '../numbering/patterns';
import { resolveRef, unitRef } from '../units/rows';
import { liftsOf } from './lifts-read';
import { rulesOf } from './rules';
import { stepsOf } from './steps-read';

export interface CampaignRow {
  id: number;
  number: string;
  kind: CampaignKind;
  drill: 0 | 1;
  title: string;
  reason: string;
  classification: string;
  owner: string;
  contain_as: Containment;
  seed_query: string;
  status: CampaignStatus;
  opened_at: string | null;
  reported_at: string | null;
  closed_at: string | null;
  created_at: string;
  created_by: string;
}

const statements = perConnection((db: Db) => ({
  byNumber: db.prepare<[string], CampaignRow>('SELECT * FROM recall_campaigns WHERE number = ?'),
  all: db.prepare<[], CampaignRow>('SELECT * FROM recall_campaigns ORDER BY created_at DESC, id DESC LIMIT 1000'),
  insert: db.prepare<[Omit<CampaignRow, 'id' | 'opened_at' | 'reported_at' | 'closed_at' | 'status'>]>(
    `INSERT INTO recall_campaigns (number, kind, drill, title, reason, classification, owner, contain_as, seed_query, status, created_at, created_by)
     VALUES (@number, @kind, @drill, @title, @reason, @classification, @owner, @contain_as, @seed_query, 'draft', @created_at, @created_by)`,
  ),
  insertSeed: db.prepare<[number, number]>('INSERT OR IGNORE INTO recall_seeds (campaign_id, unit_id) VALUES (?, ?)'),
  seeds: db.prepare<[number], { id: number; kind: 'lot' | 'serial'; part: string; code: string }>(
    `SELECT u.id, u.kind, i.part, u.code FROM recall_seeds s JOIN units u ON u.id = s.unit_id JOIN items i ON i.id = u.item_id
      WHERE s.campaign_id = ? ORDER BY i.part, u.code`,
  ),
  bySupplierLot: db.prepare<[{ lot: string; supplier: number | null }], { id: number }>(
    'SELECT id FROM units WHERE supplier_lot = @lot AND (@supplier IS NULL OR supplier_id = @supplier) ORDER BY id',
  ),
  byItemDates: db.prepare<[number, string, string], { id: number }>(
    `SELECT id FROM units WHERE item_id = ? AND substr(coalesce(produced_at, created_at), 1, 10) BETWEEN ? AND ? ORDER BY id`,
  ),
  holdCounts: db.prepare<[number], { active: number; lifted: number }>(
    `SELECT count(*) - count(l.id) AS active, count(l.id) AS lifted FROM recall_holds h LEFT JOIN recall_lifts l ON l.hold_id = h.id WHERE h.campaign_id = ?`,
  ),
  setStatus: db.prepare('UPDATE recall_campaigns SET status = ?, opened_at = coalesce(opened_at, ?), closed_at = ? WHERE id = ?'),
  setReported: db.prepare('UPDATE recall_campaigns SET reported_at = ? WHERE id = ?'),
}));

export const campaignStatements = statements;

export function campaignByNumber(db: Db, number: string): CampaignRow {
  const row = statements(db).byNumber.get(number);
  if (row === undefined) throw new LotlineError('NOT_FOUND', `There is no recall or field-action campaign ${number}`);
  return row;
}

/** The lots and serials a campaign starts from; a seed query that finds none is refused, naming what was asked. */
function resolveSeeds(db: Db, seeds: CampaignSeeds): number[] {
  const s = statements(db);
  if (seeds.refs !== undefined) return seeds.refs.map((ref) => resolveRef(db, ref).id);
  if (seeds.supplierLot !== undefined) {
    const supplier = seeds.supplierLot.supplier === undefined ? null : partyByCode(db, 'suppliers', seeds.supplierLot.supplier).id;
    const ids = s.bySupplierLot.all({ lot: seeds.supplierLot.lot, supplier }).map((r) => r.id);
    if (ids.length === 0) {
      const from = seeds.supplierLot.supplier === undefined ? '' : ` from supplier ${seeds.supplierLot.supplier}`;
      throw new LotlineError('NOT_FOUND', `seeds.supplierLot: no lot was received with supplier lot ${seeds.supplierLot.lot}${from}`);
    }
    return ids;
  }
  if (seeds.item !== undefined) {
    const item = itemByPart(db, seeds.item.part);
    const ids = s.byItemDates.all(item.id, seeds.item.from, seeds.item.to).map((r) => r.id);
    if (ids.length === 0) throw new LotlineError('NOT_FOUND', `seeds.item: no lot or serial of ${item.part} was made or received from ${seeds.item.from} to ${seeds.item.to}`);
    return ids;
  }
  throw new LotlineError('VALIDATION', 'seeds: give refs, supplierLot or item');
}

export function createCampaign(
  core: Core,
  input: { kind: CampaignKind; drill: boolean; title: string; reason: string; classification: string; owner?: string | undefined; containAs?: Containment | undefined; seeds: CampaignSeeds },
): Campaign {
  const s = statements(core.db);
  const unitIds = resolveSeeds(core.db, input.seeds);
  const number = nextCode(core.db, input.kind, `${input.kind === 'recall' ? 'RC' : 'FA'}-{YYYY}-{SEQ:3}`, core.now(), '', (n) => s.byNumber.get(n) !== undefined);
  const id = Number(
    s.insert.run({
      number,
      kind: input.kind,
      drill: input.drill ? 1 : 0,
      title: input.title,
      reason: input.reason,
      classification: input.classification,
      owner: input.owner ?? core.user?.printedName ?? core.actor,
      // A drill holds nothing unless asked to; a real campaign holds what is in house.
      contain_as: input.containAs ?? (input.drill ? 'none' : 'on_hold'),
      seed_query: JSON.stringify(input.seeds),
      created_at: core.now().toISOString(),
      created_by: core.actor,
    }).lastInsertRowid,
  );
  for (const unitId of unitIds) s.insertSeed.run(id, unitId);
  auditCreate(core, 'recall_campaigns', id, `${input.drill ? 'Mock ' : ''}${input.kind} ${number} started: ${input.reason}`);
  return campaignView(core.db, campaignByNumber(core.db, number));
}

export function seedIds(db: Db, campaignId: number): number[] {
  return statements(db).seeds.all(campaignId).map((r) => r.id);
}

export function toHeader(row: CampaignRow): CampaignHeader {
  const elapsed = row.opened_at !== null && row.reported_at !== null ? (Date.parse(row.reported_at) - Date.parse(row.opened_at)) / 60_000 : null;
  return {
    number: row.number,
    kind: row.kind,
    drill: row.drill === 1,
    title: row.title,
    reason: row.reason,
    classification: row.classification,
    owner: row.owner,
    containAs: row.contain_as,
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by,
    openedAt: row.opened_at,
    reportedAt: row.reported_at,
    closedAt: row.closed_at,
    elapsedMinutes: elapsed === null ? null : Math.round(elapsed * 100) / 100,
  };
}

export function campaignView(db: Db, row: CampaignRow): Campaign {
  return {
    ...toHeader(row),
    seedQuery: JSON.parse(row.seed_query) as CampaignSeeds,
    seeds: statements(db).seeds.all(row.id).map(unitRef),
    rules: rulesOf(db, row),
    steps: stepsOf(db, row),
    holds: statements(db).holdCounts.get(row.id) ?? { active: 0, lifted: 0 },
    lifts: liftsOf(db, row),
  };
}

export function getCampaign(db: Db, number: string): Campaign {
  return campaignView(db, campaignByNumber(db, number));
}

export function listCampaigns(db: Db, filter: { year?: number | undefined; drill?: boolean | undefined }): CampaignHeader[] {
  return statements(db)
    .all.all()
    .filter((r) => (filter.drill === undefined || (r.drill === 1) === filter.drill) && (filter.year === undefined || r.created_at.startsWith(String(filter.year))))
    .map(toHeader);
}
