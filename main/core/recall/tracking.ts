// Tracking a campaign to closure: each customer's responses (acknowledgement; quantities returned, destroyed or
// corrected in the field), each serial's field action (a service event), and effectiveness = accounted ÷ shipped.
//
// Accounted, per customer, is counted once: returned + destroyed + corrected in the field, where "corrected in the
// field" is the greater of the customer's reported corrected quantity and the quantity of the serials (shipped to that
// customer) with a recorded field action — a serial reported corrected by the customer and field-actioned by us is the
// same unit, so the two figures overlap and are never added. Each serial counts once however many actions it has, and
// a customer's accounted quantity stops at what it was shipped (the reported figures stay as reported), so
// effectiveness is at most 100 %.
import type { Database as Db } from 'better-sqlite3';
import type { CampaignScope, CampaignTracking, CustomerTracking, FieldActionView } from '../../../common/api/recall';
import { LotlineError } from '../../../common/errors';
import { QTY_SCALE, fromMilli, toMilli } from '../../../common/quantity';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { partyByCode } from '../masterdata/parties';
import { recordService } from '../service/service-events';
import { resolveRef, unitName } from '../units/rows';
import type { CampaignRow } from './campaigns';

const statements = perConnection((db: Db) => ({
  responses: db.prepare<[number], { code: string; acknowledged_at: string | null; returned: number; destroyed: number; corrected: number }>(
    `SELECT c.code, min(CASE WHEN r.acknowledged = 1 THEN r.received_at END) AS acknowledged_at,
            sum(r.returned) AS returned, sum(r.destroyed) AS destroyed, sum(r.corrected) AS corrected
       FROM recall_responses r JOIN customers c ON c.id = r.customer_id WHERE r.campaign_id = ? GROUP BY c.id`,
  ),
  insertResponse: db.prepare(
    `INSERT INTO recall_responses (campaign_id, customer_id, acknowledged, returned, destroyed, corrected, note, received_at, recorded_at, recorded_by)
     VALUES (@campaign_id, @customer_id, @acknowledged, @returned, @destroyed, @corrected, @note, @received_at, @recorded_at, @recorded_by)`,
  ),
  fieldActions: db.prepare<[number], { serial_id: number; number: string; description: string; performed_at: string; removed: string | null; installed: string | null; actor: string }>(
    `SELECT f.serial_id, s.number, s.description, s.performed_at, (SELECT e.actor FROM events e WHERE e.id = s.event_id) AS actor,
            (SELECT i.part || '#' || u.code FROM units u JOIN items i ON i.id = u.item_id WHERE u.id = s.removed_unit_id) AS removed,
            (SELECT i.part || '#' || u.code FROM units u JOIN items i ON i.id = u.item_id WHERE u.id = s.installed_unit_id) AS installed
       FROM recall_field_actions f JOIN service_events s ON s.id = f.service_event_id WHERE f.campaign_id = ? ORDER BY f.id`,
  ),
  insertFieldAction: db.prepare<[number, number, number, string]>(
    'INSERT INTO recall_field_actions (campaign_id, service_event_id, serial_id, recorded_at) VALUES (?, ?, ?, ?)',
  ),
}));

function assertTracking(campaign: CampaignRow): void {
  if (campaign.status !== 'open' && campaign.status !== 'monitoring') {
    throw new LotlineError('STATUS', `${campaign.number} is ${campaign.status}: responses and field actions are recorded while it is open or monitoring`);
  }
}

/** The effectiveness figure: accounted ÷ shipped, or null when nothing shipped. */
export function effectiveness(accounted: number, shipped: number): number | null {
  return shipped === 0 ? null : Math.round((accounted / shipped) * 10_000) / 10_000;
}

/** Accounted (thousandths) of one customer: see the rule at the top of this file. */
export function accountedQuantity(q: { shipped: number; returned: number; destroyed: number; corrected: number; fieldActioned: number }): number {
  return Math.min(q.shipped, q.returned + q.destroyed + Math.max(q.corrected, q.fieldActioned));
}

export function campaignTracking(db: Db, campaign: CampaignRow, scope: CampaignScope): CampaignTracking {
  const shipped = new Map<string, { name: string; qty: number }>();
  const customerOfRef = new Map<string, string>();
  // What each serial's customer received of it (a serial shipped twice to one customer still counts once).
  const shippedOfRef = new Map<string, number>();
  for (const l of scope.shipments) {
    if (!l.inScope) continue;
    const c = shipped.get(l.customer) ?? { name: l.customerName, qty: 0 };
    const qty = toMilli(l.quantity) ?? 0;
    c.qty += qty;
    shipped.set(l.customer, c);
    if (customerOfRef.get(l.ref) !== l.customer) shippedOfRef.set(l.ref, 0);
    customerOfRef.set(l.ref, l.customer);
    shippedOfRef.set(l.ref, Math.max(shippedOfRef.get(l.ref) ?? 0, qty));
  }
  const responses = new Map(statements(db).responses.all(campaign.id).map((r) => [r.code, r]));
  const refOfId = new Map(scope.units.map((u) => [u.id, u.ref]));
  const fieldActions: FieldActionView[] = statements(db)
    .fieldActions.all(campaign.id)
    .map((f) => {
      const serial = refOfId.get(f.serial_id) ?? '';
      return { serial, customer: customerOfRef.get(serial) ?? null, service: f.number, description: f.description, removed: f.removed, installed: f.installed, performedAt: f.performed_at, by: f.actor };
    });
  const customers: CustomerTracking[] = [...shipped]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, c]) => {
      const r = responses.get(code);
      const own = fieldActions.filter((f) => f.customer === code);
      const fieldActioned = [...new Set(own.map((f) => f.serial))].reduce((n, ref) => n + (shippedOfRef.get(ref) ?? QTY_SCALE), 0);
      const corrected = r?.corrected ?? 0;
      const accounted = accountedQuantity({ shipped: c.qty, returned: r?.returned ?? 0, destroyed: r?.destroyed ?? 0, corrected, fieldActioned });
      return {
        code,
        name: c.name,
        shipped: fromMilli(c.qty),
        acknowledged: r?.acknowledged_at != null,
        acknowledgedAt: r?.acknowledged_at ?? null,
        returned: fromMilli(r?.returned ?? 0),
        destroyed: fromMilli(r?.destroyed ?? 0),
        corrected: fromMilli(corrected),
        fieldActions: own.length,
        fieldActioned: fromMilli(fieldActioned),
        correctedInField: fromMilli(Math.max(corrected, fieldActioned)),
        accounted: fromMilli(accounted),
        effectiveness: effectiveness(accounted, c.qty),
      };
    });
  const totalShipped = [...shipped.values()].reduce((n, c) => n + c.qty, 0);
  const totalAccounted = customers.reduce((n, c) => n + (toMilli(c.accounted) ?? 0), 0);
  return {
    number: campaign.number,
    customers,
    fieldActions,
    overall: { shipped: fromMilli(totalShipped), accounted: fromMilli(totalAccounted), effectiveness: effectiveness(totalAccounted, totalShipped) },
  };
}

function quantityOf(value: string | number | undefined, field: string): number {
  if (value === undefined) return 0;
  const milli = toMilli(String(value));
  if (milli === undefined) throw new LotlineError('VALIDATION', `${field}: must be a quantity of 0 or more with at most 3 decimals, not "${String(value)}"`);
  return milli;
}

export function recordResponse(
  core: Core,
  campaign: CampaignRow,
  scope: CampaignScope,
  input: { customer: string; acknowledged: boolean; returned?: string | number | undefined; destroyed?: string | number | undefined; corrected?: string | number | undefined; note?: string | undefined; receivedAt?: string | undefined },
): void {
  assertTracking(campaign);
  const customer = partyByCode(core.db, 'customers', input.customer);
  if (!scope.shipments.some((l) => l.inScope && l.customer === customer.code)) {
    throw new LotlineError('VALIDATION', `customer: ${customer.code} received nothing in the scope of ${campaign.number}`);
  }
  const values = {
    campaign_id: campaign.id,
    customer_id: customer.id,
    acknowledged: input.acknowledged ? 1 : 0,
    returned: quantityOf(input.returned, 'returned'),
    destroyed: quantityOf(input.destroyed, 'destroyed'),
    corrected: quantityOf(input.corrected, 'corrected'),
    note: input.note ?? null,
    received_at: input.receivedAt === undefined ? core.now().toISOString() : new Date(input.receivedAt).toISOString(),
    recorded_at: core.now().toISOString(),
    recorded_by: core.actor,
  };
  const id = Number(statements(core.db).insertResponse.run(values).lastInsertRowid);
  auditCreate(core, 'recall_responses', id, `${campaign.number}: response of ${customer.code}`);
}

export function recordFieldAction(
  core: Core,
  campaign: CampaignRow,
  scope: CampaignScope,
  input: { serial: string; description: string; removed?: string | undefined; installed?: string | undefined },
): void {
  assertTracking(campaign);
  const serial = resolveRef(core.db, input.serial);
  const inScope = scope.units.find((u) => u.id === serial.id);
  if (serial.kind !== 'serial') throw new LotlineError('VALIDATION', `serial: field actions are recorded by serial; ${unitName(serial)} is a lot`);
  if (inScope?.inScope !== true) throw new LotlineError('VALIDATION', `serial: ${unitName(serial)} is not in the scope of ${campaign.number}`);
  const kind = input.removed !== undefined && input.installed !== undefined ? 'part_replaced' : 'field_action';
  const service = recordService(core, { serial: input.serial, kind, description: `${campaign.number}: ${input.description}`, removed: input.removed, installed: input.installed });
  const id = Number(statements(core.db).insertFieldAction.run(campaign.id, service.id, serial.id, core.now().toISOString()).lastInsertRowid);
  auditCreate(core, 'recall_field_actions', id, `${campaign.number}: field action ${service.number} on ${unitName(serial)}`);
}
