// A campaign's impact and mass-balance report (for a drill: the mock-recall report an auditor receives), timed from
// the campaign's opening against the target. Customers and products in full; the mass balance per item, with every
// lot whose difference is unexplained listed (the first 500; the attached report.json holds the same figures).
// The attachment carries totals, not shipment lines: per customer (shipments, lines, lots/serials, quantity, dates,
// per item, and per lot or serial for a customer that received at most ATTACHED_LOTS_PER_CUSTOMER of them); every
// line is in the consignee sheet (CSV/xlsx). On the plant dataset the lines made the PDF 64 MB.
import type { CustomerImpact, MassBalance } from '../../../common/api/recall';
import type { ReportData } from '../../core/recall/report';
import { fromMilli, toMilli } from '../../../common/quantity';
import { canonicalJson, sha256 } from '../../core/audit/canonical';
import type { PdfSink } from '../pdf-sink';
import { RecordPdf } from '../record-pdf';

export const REPORT_ATTACHMENT = 'report.json';
const LISTED_UNEXPLAINED = 500;


const MB_FIELDS = ['produced', 'returned', 'shipped', 'consumed', 'inHouse', 'scrapped', 'sampled', 'unexplained'] as const;

/** The mass balance summed per item: lots, each column, and how many lots do not balance. */
export function balanceByItem(balance: MassBalance): { item: string; unit: string; lots: number; open: number; sums: Record<(typeof MB_FIELDS)[number], string> }[] {
  const items = new Map<string, { item: string; unit: string; lots: number; open: number; sums: number[] }>();
  for (const row of balance.lots) {
    const e = items.get(row.item) ?? { item: row.item, unit: row.unit, lots: 0, open: 0, sums: MB_FIELDS.map(() => 0) };
    e.lots++;
    if (row.unexplained !== '0') e.open++;
    MB_FIELDS.forEach((f, i) => (e.sums[i] = (e.sums[i] ?? 0) + (row[f].startsWith('-') ? -(toMilli(row[f].slice(1)) ?? 0) : (toMilli(row[f]) ?? 0))));
    items.set(row.item, e);
  }
  return [...items.values()]
    .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
    .map((e) => ({ item: e.item, unit: e.unit, lots: e.lots, open: e.open, sums: Object.fromEntries(MB_FIELDS.map((f, i) => [f, fromMilli(e.sums[i] ?? 0)])) as Record<(typeof MB_FIELDS)[number], string> }));
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

/** Above this many lots and serials received, a customer's per-lot totals are left to the consignee sheet. */
export const ATTACHED_LOTS_PER_CUSTOMER = 1000;

interface QuantityOf {
  quantity: string;
  unit: string;
}

/** One customer's impact as totals: what it received per item and (up to the limit) per lot or serial. */
export function customerTotals(c: CustomerImpact) {
  const byItem = new Map<string, { item: string; unit: string; lotsAndSerials: Set<string>; milli: number }>();
  const byRef = new Map<string, { ref: string; item: string; unit: string; milli: number }>();
  let lines = 0;
  for (const s of c.shipments) {
    for (const l of s.lines) {
      lines++;
      const milli = toMilli(l.quantity) ?? 0;
      const item = byItem.get(l.item) ?? { item: l.item, unit: l.unit, lotsAndSerials: new Set<string>(), milli: 0 };
      item.lotsAndSerials.add(l.ref);
      item.milli += milli;
      byItem.set(l.item, item);
      const ref = byRef.get(l.ref) ?? { ref: l.ref, item: l.item, unit: l.unit, milli: 0 };
      ref.milli += milli;
      byRef.set(l.ref, ref);
    }
  }
  const total = (x: { milli: number; unit: string }): QuantityOf => ({ quantity: fromMilli(x.milli), unit: x.unit });
  return {
    code: c.code,
    name: c.name,
    contact: c.contact,
    email: c.email,
    locations: c.locations,
    shipments: c.shipments.length,
    lines,
    lotsAndSerials: byRef.size,
    quantity: c.quantity,
    firstShipped: c.firstShipped,
    lastShipped: c.lastShipped,
    byItem: [...byItem.values()].map((i) => ({ item: i.item, lotsAndSerials: i.lotsAndSerials.size, ...total(i) })),
    lots: byRef.size <= ATTACHED_LOTS_PER_CUSTOMER ? [...byRef.values()].map((r) => ({ ref: r.ref, item: r.item, ...total(r) })) : null,
  };
}

/** The figures attached to the report as report.json: totals per customer and item, the mass balance per item. */
export function reportAttachment(data: ReportData) {
  return {
    ...data,
    impact: { number: data.impact.number, customers: data.impact.customers.map(customerTotals), products: data.impact.products },
    balance: {
      number: data.balance.number,
      unexplained: data.balance.unexplained,
      byItem: balanceByItem(data.balance),
      unexplainedLots: data.balance.lots.filter((l) => l.unexplained !== '0'),
    },
    lines: `Every shipment line in scope is in the consignee sheet (CSV/xlsx); a customer that received more than ${ATTACHED_LOTS_PER_CUSTOMER} lots and serials has lots: null.`,
  };
}

export async function writeReportPdf(data: ReportData, sink: PdfSink, generatedBy: string): Promise<{ pages: number; sha256: string }> {
  const attached = reportAttachment(data);
  const byItem = attached.balance.byItem;
  const json = canonicalJson(attached);
  const hash = sha256(json);
  const c = data.campaign;
  const pdf = new RecordPdf(sink, {
    frame: { kind: c.drill ? 'Mock recall report' : 'Recall impact and mass-balance report', subject: `${c.number} — ${c.title}`, generatedAt: data.date, generatedBy },
    attachment: { name: REPORT_ATTACHMENT, description: `Impact and mass balance of ${c.number}`, data: Buffer.from(json) },
  });
  const met = data.elapsedMinutes <= data.targetMinutes;
  await pdf.keyValues([
    ['Campaign', `${c.number}${c.drill ? ' (mock recall)' : ''}`],
    ['Kind', c.kind === 'recall' ? 'Recall' : 'Field action'],
    ['Classification', c.classification],
    ['Reason', c.reason],
    ['Owner', c.owner],
    ['Status', c.status],
    ['Started from', data.seeds.join(', ')],
    ['Opened', c.openedAt ?? '—'],
    ['Report complete', data.date],
  ]);
  await pdf.heading('Time to a complete report');
  await pdf.paragraph(
    `${data.elapsedMinutes.toFixed(2)} minutes from opening to this complete impact and mass-balance report, against a target of ${data.targetMinutes} minutes: ${met ? 'MET' : 'NOT MET'}.`,
    'sansBold',
    10,
  );
  await pdf.heading('Scope');
  await pdf.keyValues([
    ['Lots and serials reached', data.totals.units.toLocaleString('en')],
    ['In scope', data.totals.inScope.toLocaleString('en')],
    ['Finished lots and serials', data.totals.finished.toLocaleString('en')],
    ['Still in house', data.totals.inHouse.toLocaleString('en')],
    ['Shipment lines', data.totals.shipmentLines.toLocaleString('en')],
    ['Customers / ship-to locations', `${data.totals.customers} / ${data.totals.locations}`],
  ]);
  if (data.truncated) await pdf.paragraph('The trace reached its depth limit: there may be more beyond it.', 'sansBold');
  await pdf.heading('Customers');
  await pdf.table(
    [
      { header: 'Customer', width: 10 },
      { header: 'Name', width: 22 },
      { header: 'Contact', width: 18 },
      { header: 'Ship-to', width: 16 },
      { header: 'Shipments', width: 11, align: 'right' },
      { header: 'Quantity', width: 10, align: 'right' },
      { header: 'Shipped', width: 16 },
    ],
    data.impact.customers.map((cu) => [
      cu.code,
      cu.name,
      [cu.contact, cu.email].filter((x) => x !== null).join(', ') || '—',
      cu.locations.map((l) => l.code).join(', '),
      String(cu.shipments.length),
      cu.quantity,
      `${cu.firstShipped.slice(0, 10)} – ${cu.lastShipped.slice(0, 10)}`,
    ]),
    'Nothing in scope has shipped.',
  );
  await pdf.heading('Products');
  await pdf.table(
    [
      { header: 'Item', width: 12 },
      { header: 'Lots/serials', width: 9, align: 'right' },
      { header: 'Produced', width: 10, align: 'right' },
      { header: 'Shipped', width: 10, align: 'right' },
      { header: 'In house', width: 10, align: 'right' },
      { header: 'Consumed', width: 10, align: 'right' },
      { header: 'Scrapped', width: 9, align: 'right' },
      { header: 'Consumed into', width: 20 },
    ],
    data.impact.products.map((p) => [p.item, p.units.toLocaleString('en'), p.produced, p.shipped, p.inHouse, p.consumed, p.scrapped, p.consumedInto.join(', ') || '—']),
  );
  await pdf.heading('Effectiveness');
  await pdf.paragraph(`Accounted ${data.tracking.accounted} of ${data.tracking.shipped} shipped: ${pct(data.tracking.effectiveness)}.`);
  await pdf.paragraph(
    "Accounted = returned + destroyed + corrected in the field, per customer; corrected counts the greater of the customer's reported figure and its serials with a field action (the same units, never added), up to what the customer was shipped.",
    'sans',
    8,
  );
  await pdf.heading('Mass balance per item');
  await pdf.paragraph('produced + returned = shipped + consumed + in house + scrapped + sampled + unexplained, summed over the lots in scope.', 'sans', 8);
  await pdf.table(
    [
      { header: 'Item', width: 12 },
      { header: 'Lots', width: 7, align: 'right' },
      ...MB_FIELDS.map((f) => ({ header: f === 'inHouse' ? 'In house' : `${f[0]?.toUpperCase() ?? ''}${f.slice(1)}`, width: f === 'unexplained' ? 12 : 9, align: 'right' as const })),
      { header: 'Open', width: 6, align: 'right' },
    ],
    byItem.map((e) => [e.item, e.lots.toLocaleString('en'), ...MB_FIELDS.map((f) => e.sums[f]), String(e.open)]),
  );
  const open = data.balance.lots.filter((l) => l.unexplained !== '0');
  await pdf.heading(`Lots with an unexplained difference (${open.length})`);
  await pdf.table(
    [
      { header: 'Lot', width: 20, mono: true },
      { header: 'Produced', width: 9, align: 'right' },
      { header: 'Returned', width: 9, align: 'right' },
      { header: 'Shipped', width: 9, align: 'right' },
      { header: 'Consumed', width: 9, align: 'right' },
      { header: 'In house', width: 9, align: 'right' },
      { header: 'Scrapped', width: 9, align: 'right' },
      { header: 'Sampled', width: 9, align: 'right' },
      { header: 'Unexplained', width: 11, align: 'right' },
    ],
    open.slice(0, LISTED_UNEXPLAINED).map((l) => [l.ref, l.produced, l.returned, l.shipped, l.consumed, l.inHouse, l.scrapped, l.sampled, `${l.unexplained} ${l.unit}`]),
    'Every lot in scope balances.',
  );
  if (open.length > LISTED_UNEXPLAINED) await pdf.paragraph(`… and ${open.length - LISTED_UNEXPLAINED} more (all are in ${REPORT_ATTACHMENT}).`);
  await pdf.paragraph(`The figures of this report are attached to this PDF as ${REPORT_ATTACHMENT}; its SHA-256 is ${hash}.`, 'sans', 7);
  const { pages } = await pdf.end();
  return { pages, sha256: hash };
}
