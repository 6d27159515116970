// The recall and field-action campaigns of an audit package: for each campaign in scope (the package's own campaign,
// and those that started from or held a lot or serial in scope), the notification letter to each customer and the
// impact and mass-balance report (the drill report of a mock recall), generated from the package's read snapshot.
// Nothing is written to the database: a drill's timer is not stopped by exporting it; a campaign already reported
// is shown as of its report time, one still running as of the export.
import type { Database as Db } from 'better-sqlite3';
import type { CustomerImpact } from '../../../common/api/recall';
import type { PdfSink } from '../../documents/pdf-sink';
import { writeLetterPdf } from '../../documents/recall/letter-pdf';
import { writeReportPdf } from '../../documents/recall/report-pdf';
import { perConnection } from '../db/statements';
import type { CampaignRow } from '../recall/campaigns';
import { campaignByNumber, toHeader } from '../recall/campaigns';
import { customerImpact } from '../recall/impact';
import { reportData } from '../recall/report';
import { campaignScope } from '../recall/scope';
import { eventTime, withOffset } from '../time';
import { safeName } from './names';

export interface PlannedRecallCampaign {
  number: string;
  kind: CampaignRow['kind'];
  drill: boolean;
  title: string;
  /** A letter per customer of a real campaign (none for a drill or a draft, as the letters command). */
  letters: { customer: CustomerImpact; path: string }[];
  /** The impact and mass-balance report; null for a draft (its report is timed from the opening). */
  report: string | null;
}

const statements = perConnection((db: Db) => ({
  numbers: db.prepare<[string], { number: string }>('SELECT number FROM recall_campaigns WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id'),
}));

export function recallFolder(number: string): string {
  return `records/recall/${safeName(number)}`;
}

/** The campaigns (ids as a JSON array, as the resolved scope holds them) with the files each will have. */
export function planRecallFiles(db: Db, campaignIds: string): PlannedRecallCampaign[] {
  return statements(db)
    .numbers.all(campaignIds)
    .map(({ number }) => {
      const row = campaignByNumber(db, number);
      const folder = recallFolder(row.number);
      const draft = row.opened_at === null;
      const customers = row.drill === 1 || draft ? [] : customerImpact(db, campaignScope(db, row));
      return {
        number: row.number,
        kind: row.kind,
        drill: row.drill === 1,
        title: row.title,
        letters: customers.map((customer) => ({ customer, path: `${folder}/letter-${safeName(customer.code)}.pdf` })),
        report: draft ? null : `${folder}/report.pdf`,
      };
    });
}

export function recallFileCount(campaigns: readonly PlannedRecallCampaign[]): { campaigns: number; letters: number; reports: number } {
  return {
    campaigns: campaigns.length,
    letters: campaigns.reduce((n, c) => n + c.letters.length, 0),
    reports: campaigns.filter((c) => c.report !== null).length,
  };
}

export function recallFilePaths(campaigns: readonly PlannedRecallCampaign[]): string[] {
  return campaigns.flatMap((c) => [...c.letters.map((l) => l.path), ...(c.report === null ? [] : [c.report])]);
}

export interface RecallPdfJob {
  path: string;
  title: string;
  write: (sink: PdfSink) => Promise<unknown>;
}

/** One job per file, in the plan's order; each reads the snapshot when it runs. */
export function recallPdfJobs(db: Db, campaigns: readonly PlannedRecallCampaign[], generatedBy: string, now: Date): RecallPdfJob[] {
  const time = eventTime(undefined, now);
  const date = withOffset(time.utc, time.offset);
  return campaigns.flatMap((c) => {
    const letters = c.letters.map(({ customer, path }) => ({
      path,
      title: `${c.kind === 'recall' ? 'Recall notification' : 'Field safety notice'} ${c.number} to ${customer.name} (${customer.code})`,
      write: (sink: PdfSink) => writeLetterPdf({ campaign: toHeader(campaignByNumber(db, c.number)), customer, date }, sink, generatedBy),
    }));
    const report =
      c.report === null
        ? []
        : [
            {
              path: c.report,
              title: `${c.drill ? 'Mock recall (drill) report' : 'Impact and mass-balance report'} of ${c.number}`,
              write: (sink: PdfSink) => {
                const row = campaignByNumber(db, c.number);
                const at = row.reported_at === null ? now : new Date(row.reported_at);
                return writeReportPdf(reportData(db, row, () => at), sink, generatedBy);
              },
            },
          ];
    return [...letters, ...report];
  });
}
