// A recall or field-action notification letter to one customer: what, why, what to do, exactly the lots and serials
// with quantities that this customer received, and how to respond. The letter's data is attached as letter.json.
import type { CampaignHeader, CustomerImpact } from '../../../common/api/recall';
import { fromMilli, toMilli } from '../../../common/quantity';
import { canonicalJson, sha256 } from '../../core/audit/canonical';
import type { PdfSink } from '../pdf-sink';
import { RecordPdf } from '../record-pdf';

export const LETTER_ATTACHMENT = 'letter.json';

export interface LetterData {
  campaign: Pick<CampaignHeader, 'number' | 'kind' | 'title' | 'reason' | 'classification' | 'owner'>;
  customer: CustomerImpact;
  /** The letter's date (local, with zone). */
  date: string;
}

const ACTION: Record<CampaignHeader['kind'], { headline: string; todo: string }> = {
  recall: {
    headline: 'URGENT: PRODUCT RECALL',
    todo:
      'Stop using and distributing the products listed below at once. Set aside (quarantine) all stock you hold, ' +
      'and tell any customer you passed it on to. Return or destroy it as agreed with us; do not use it meanwhile.',
  },
  'field-action': {
    headline: 'URGENT: FIELD SAFETY NOTICE',
    todo:
      'Keep the units listed below out of service until the field action has been performed on them. ' +
      'Our service team will contact you to schedule it; tell us at once where each unit is installed now.',
  },
};

export async function writeLetterPdf(data: LetterData, sink: PdfSink, generatedBy: string, creationDate?: Date): Promise<{ pages: number; sha256: string }> {
  const json = canonicalJson(data);
  const hash = sha256(json);
  const { campaign, customer } = data;
  const pdf = new RecordPdf(sink, {
    frame: {
      kind: campaign.kind === 'recall' ? 'Recall notification' : 'Field safety notice',
      subject: `${campaign.number} — ${customer.name} (${customer.code})`,
      generatedAt: data.date,
      generatedBy,
    },
    attachment: { name: LETTER_ATTACHMENT, description: `Notification of ${campaign.number} to ${customer.code}`, data: Buffer.from(json) },
    ...(creationDate ? { creationDate } : {}),
  });
  const action = ACTION[campaign.kind];
  await pdf.paragraph(action.headline, 'sansBold', 14);
  await pdf.keyValues([
    ['Campaign', campaign.number],
    ['Classification', campaign.classification],
    ['Date', data.date],
    ['To', [customer.name, customer.contact].filter((x) => x !== null && x !== '').join(', ')],
    ['Email', customer.email ?? '—'],
    ['Our contact', campaign.owner],
  ]);
  await pdf.heading('What is affected');
  await pdf.paragraph(`${campaign.title}. Our records show that you received the lots and serials listed under "What you received".`);
  await pdf.heading('Why');
  await pdf.paragraph(campaign.reason);
  await pdf.heading('What to do');
  await pdf.paragraph(action.todo);
  await pdf.heading('What you received');
  const places = new Map(customer.locations.map((l) => [l.code, l]));
  const rows = customer.shipments.flatMap((s) =>
    s.lines.map((l) => [s.number, s.shipDate.slice(0, 10), places.get(s.shipTo)?.name ?? s.shipTo, l.item, l.description, l.ref.replace(/^[^:#]+[:#]/, ''), `${l.quantity} ${l.unit}`]),
  );
  await pdf.table(
    [
      { header: 'Shipment', width: 11 },
      { header: 'Ship date', width: 10 },
      { header: 'Delivered to', width: 18 },
      { header: 'Item', width: 11 },
      { header: 'Description', width: 20 },
      { header: 'Lot / serial', width: 16, mono: true },
      { header: 'Quantity', width: 10, align: 'right' },
    ],
    rows,
  );
  const total = customer.shipments.flatMap((s) => s.lines).reduce((n, l) => n + (toMilli(l.quantity) ?? 0), 0);
  await pdf.paragraph(`In all: ${fromMilli(total)} in ${rows.length} ${rows.length === 1 ? 'line' : 'lines'} of ${customer.shipments.length} ${customer.shipments.length === 1 ? 'shipment' : 'shipments'}, shipped ${customer.firstShipped.slice(0, 10)} to ${customer.lastShipped.slice(0, 10)}.`);
  await pdf.heading('How to respond');
  await pdf.paragraph(
    `Within 10 working days, reply to ${campaign.owner} quoting ${campaign.number}: confirm that you received this notice, and give the quantities you still hold, ` +
      'have returned, have destroyed, or have had corrected in the field, per lot or serial. Reply even if you no longer hold any of them.',
  );
  await pdf.paragraph(`The data of this letter is attached to this PDF as ${LETTER_ATTACHMENT}; its SHA-256 is ${hash}.`, 'sans', 7);
  const { pages } = await pdf.end();
  return { pages, sha256: hash };
}
