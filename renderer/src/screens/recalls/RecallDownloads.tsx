// A campaign's documents as downloads: the consignee sheet (CSV, xlsx) and the impact and mass-balance report PDF
// (for a drill, the drill report: the first one stops its timer). Letters are downloaded per customer row.
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { Campaign, RecallDocument } from '../../../../common/api/recall';
import { call } from '../../api/client';
import type { ApiError } from '../../api/client';
import { useAction } from '../../api/useAction';
import { downloadBase64File } from '../../format/files';
import { OutcomeBanners } from '../../components/ResultBanner';

/** Asks the api for one document and hands it to the browser; returns what happened in words. */
export async function downloadRecallFile(number: string, document: RecallDocument, customer?: string): Promise<string> {
  const f = await call('recalls.file', { number, document, ...(customer === undefined ? {} : { customer }) });
  downloadBase64File(f.contentBase64, f.mediaType, f.fileName);
  return f.report
    ? `${f.fileName} downloaded: ${f.report.elapsedMinutes.toFixed(2)} min from opening to the complete report (target ${f.report.targetMinutes} min).`
    : `${f.fileName} downloaded.`;
}

export function RecallDownloads({ campaign, onReported }: { campaign: Campaign; onReported: () => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, run } = useAction();
  const get = async (document: RecallDocument) => {
    const outcome = await run(() => downloadRecallFile(campaign.number, document));
    if (outcome.ok) {
      setDone(outcome.value);
      setError(null);
      if (document === 'report') onReported();
    } else setError(outcome.error);
  };
  const opened = campaign.openedAt !== null;
  const timerRunning = campaign.drill && opened && campaign.reportedAt === null;
  return (
    <Stack gap="xs" data-testid="recall-downloads">
      <Group wrap="wrap">
        <Button variant="default" onClick={() => void get('consignees-csv')} loading={busy} data-testid="recall-consignees-csv">
          Consignees CSV
        </Button>
        <Button variant="default" onClick={() => void get('consignees-xlsx')} loading={busy} data-testid="recall-consignees-xlsx">
          Consignees xlsx
        </Button>
        <Button variant="default" onClick={() => void get('report')} loading={busy} disabled={!opened} data-testid="recall-report">
          {campaign.drill ? 'Drill report' : 'Impact and mass-balance report'}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {!opened
          ? 'The report is timed from the opening: open the campaign first.'
          : timerRunning
            ? 'The drill timer is running: downloading the drill report stops it at the complete report.'
            : campaign.drill
              ? 'The drill timer stopped at the first report; a new report shows the same elapsed time.'
              : 'Letters: one per customer, in the Customers table.'}
      </Text>
      <OutcomeBanners error={error} done={done} title="Downloaded" onClose={(which) => (which === 'error' ? setError(null) : setDone(null))} />
    </Stack>
  );
}
