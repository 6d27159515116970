// The recall documents: letters per customer, the consignee sheet and the impact and mass-balance report. Each reads
// the campaign at one moment (a read transaction), then lays out and writes its files off the database.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { LotlineError } from '../../common/errors';
import { fileSink } from '../documents/pdf-sink';
import { writeLetterPdf } from '../documents/recall/letter-pdf';
import { writeReportPdf } from '../documents/recall/report-pdf';
import { csvFileSink } from '../core/fsma/csv';
import { xlsxFileSink } from '../core/fsma/xlsx';
import { campaignByNumber, toHeader } from '../core/recall/campaigns';
import { writeConsignees } from '../core/recall/consignees';
import { customerImpact } from '../core/recall/impact';
import { reportData } from '../core/recall/report';
import { campaignScope } from '../core/recall/scope';
import { markReported } from '../core/recall/steps';
import { eventTime, withOffset } from '../core/time';
import type { Handlers } from './handlers';

type DocumentCommandName = 'recalls.letters' | 'recalls.consignees' | 'recalls.report' | 'recalls.file';

/** A file name part from a customer code: letters, digits, . _ - only. */
const safe = (code: string) => code.replace(/[^A-Za-z0-9._-]/g, '_');

export const recallDocumentHandlers: Pick<Handlers, DocumentCommandName> = {
  'recalls.letters': async (input, { core }) => {
    const { campaign, customers } = core.db
      .transaction(() => {
        const row = campaignByNumber(core.db, input.number);
        return { campaign: row, customers: customerImpact(core.db, campaignScope(core.db, row)) };
      })
      .deferred();
    if (campaign.drill === 1) throw new LotlineError('STATUS', `${campaign.number} is a mock recall: no letters are sent (its report shows the customers it would notify)`);
    if (campaign.status === 'draft') throw new LotlineError('STATUS', `${campaign.number} is a draft: open it before notifying customers`);
    const dir = resolve(input.outDir);
    mkdirSync(dir, { recursive: true });
    const time = eventTime(undefined, core.now());
    const date = withOffset(time.utc, time.offset);
    const chosen = input.customer === undefined ? customers : customers.filter((c) => c.code.toUpperCase() === input.customer?.toUpperCase());
    if (input.customer !== undefined && chosen.length === 0) throw new LotlineError('NOT_FOUND', `customer: ${input.customer} received nothing in the scope of ${campaign.number}`);
    const files = [];
    for (const customer of chosen) {
      const file = join(dir, `${campaign.number}-${safe(customer.code)}.pdf`);
      const { pages, sha256 } = await writeLetterPdf({ campaign: toHeader(campaign), customer, date }, fileSink(file), core.actor);
      files.push({ customer: customer.code, file, pages, sha256 });
    }
    return { files };
  },
  'recalls.consignees': async (input, { core }) => {
    const customers = core.db.transaction(() => customerImpact(core.db, campaignScope(core.db, campaignByNumber(core.db, input.number)))).deferred();
    const file = resolve(input.out);
    const format = input.format ?? (file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
    const rows = await writeConsignees(format === 'xlsx' ? xlsxFileSink(file, 'Consignees') : csvFileSink(file), input.number, customers);
    return { file, rows };
  },
  'recalls.report': async (input, { core }) => {
    const { campaign, data } = core.db
      .transaction(() => {
        const row = campaignByNumber(core.db, input.number);
        if (row.opened_at === null) throw new LotlineError('STATUS', `${row.number} is a draft: open it first; its report is timed from the opening`);
        return { campaign: row, data: reportData(core.db, row, () => core.now()) };
      })
      .deferred();
    const file = resolve(input.out);
    const { pages, sha256 } = await writeReportPdf(data, fileSink(file), core.actor);
    core.db.transaction(() => markReported(core, campaignByNumber(core.db, campaign.number), data.readyAt)).immediate();
    const figures = data;
    return {
      number: campaign.number,
      file,
      pages,
      sha256,
      bytes: statSync(file).size,
      elapsedMinutes: Math.round(figures.elapsedMinutes * 100) / 100,
      targetMinutes: figures.targetMinutes,
      figures: { ...figures.totals, effectiveness: figures.tracking.effectiveness, unexplainedLots: figures.balance.unexplained, lots: figures.balance.lots.length },
    };
  },
  // The same documents written to a private temporary folder, read back as base64 and removed.
  'recalls.file': async (input, ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-recall-'));
    try {
      const h = recallDocumentHandlers;
      if (input.document === 'letter') {
        const { files } = await h['recalls.letters']({ number: input.number, outDir: dir, customer: input.customer }, ctx);
        const file = files[0]?.file;
        if (file === undefined) throw new LotlineError('NOT_FOUND', `customer: no letter was written for ${input.customer ?? ''}`);
        return { fileName: basename(file), mediaType: 'application/pdf', contentBase64: readFileSync(file).toString('base64') };
      }
      if (input.document === 'report') {
        const r = await h['recalls.report']({ number: input.number, out: join(dir, `${input.number}-report.pdf`) }, ctx);
        return { fileName: basename(r.file), mediaType: 'application/pdf', contentBase64: readFileSync(r.file).toString('base64'), report: { elapsedMinutes: r.elapsedMinutes, targetMinutes: r.targetMinutes } };
      }
      const format = input.document === 'consignees-xlsx' ? 'xlsx' : 'csv';
      const r = await h['recalls.consignees']({ number: input.number, out: join(dir, `${input.number}-consignees.${format}`), format }, ctx);
      const mediaType = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      return { fileName: basename(r.file), mediaType, contentBase64: readFileSync(r.file).toString('base64') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
