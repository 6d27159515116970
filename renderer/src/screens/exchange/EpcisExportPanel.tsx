// EPCIS export: every event in a date range (whole local days, both included), or those of one lot's trace, as an
// EPCIS 2.0 JSON-LD document offered as a download.
import { useState } from 'react';
import { Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { Download } from 'lucide-react';
import { parseUnitIdentity } from '../../../../common/refs';
import { ApiError, call } from '../../api/client';
import { playResultTone } from '../../app/resultTone';
import { Panel } from '../../components/Panel';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { ScanInput } from '../../components/ScanInput';
import { downloadText, exportFileName, localDayBound } from './epcisExchange';

type ExportState =
  | { step: 'idle' }
  | { step: 'exporting' }
  | { step: 'done'; events: number; fileName: string; document: string }
  | { step: 'refused'; error: ApiError };

const EPCIS_MEDIA_TYPE = 'application/ld+json';

export function EpcisExportPanel() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lot, setLot] = useState('');
  const [state, setState] = useState<ExportState>({ step: 'idle' });

  const lotProblem = lot.trim() ? parseUnitIdentity(lot) : null;
  const lotError = typeof lotProblem === 'string' ? lotProblem : null;
  const rangeError = from && to && from > to ? 'The range ends before it starts' : null;

  const run = async () => {
    if (lotError || rangeError) return;
    setState({ step: 'exporting' });
    try {
      const answer = await call('epcis.export', {
        ...(from ? { from: localDayBound(from, 'start') } : {}),
        ...(to ? { to: localDayBound(to, 'end') } : {}),
        ...(lot.trim() ? { lots: [lot.trim()] } : {}),
      });
      const document = answer.document ?? '';
      const fileName = exportFileName({ from: from || undefined, to: to || undefined }, lot.trim() || undefined);
      downloadText(fileName, document, EPCIS_MEDIA_TYPE);
      setState({ step: 'done', events: answer.events, fileName, document });
      playResultTone('accepted');
    } catch (error) {
      setState({ step: 'refused', error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)) });
      playResultTone('refused');
    }
  };

  return (
    <Panel title="Export an EPCIS document" testId="epcis-export">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <Stack gap="md">
          <Group grow align="flex-start">
            <TextInput type="date" size="md" label="From" description="First day, included" value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="export-from" />
            <TextInput
              type="date"
              size="md"
              label="To"
              description="Last day, included"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={rangeError}
              data-testid="export-to"
            />
          </Group>
          <ScanInput
            size="md"
            label="Lot or serial (optional)"
            description="Only the events of its backward and forward trace. PART:LOT, PART#SERIAL, or scan its GS1 barcode"
            placeholder="All lots and serials"
            value={lot}
            onChange={setLot}
            error={lotError}
            data-testid="export-lot"
          />
          <Group>
            <Button
              type="submit"
              size="md"
              leftSection={state.step === 'exporting' ? <Loader size={16} color="white" /> : <Download size={18} />}
              disabled={state.step === 'exporting' || lotError !== null || rangeError !== null}
              data-testid="export-run"
            >
              {state.step === 'exporting' ? 'Exporting…' : 'Export and download'}
            </Button>
            <Text size="sm" c="dimmed">
              {from || to ? `Events from ${from || 'the first'} to ${to || 'the last'}` : 'Every event'}
              {lot.trim() && !lotError ? ' of that lot’s trace' : ''}, as EPCIS 2.0 JSON-LD.
            </Text>
          </Group>
          {state.step === 'done' ? (
            <ResultBanner tone="accepted" title={`Exported ${state.events.toLocaleString()} event${state.events === 1 ? '' : 's'} to ${state.fileName}`}>
              <Group gap="sm" mt={4}>
                <Text inherit>The download has started; each eventID is the event’s CBV hash.</Text>
                <Button size="xs" variant="white" color="dark" onClick={() => downloadText(state.fileName, state.document, EPCIS_MEDIA_TYPE)}>
                  Download again
                </Button>
              </Group>
            </ResultBanner>
          ) : null}
          {state.step === 'done' && state.events === 0 ? (
            <ResultBanner compact tone="attention" title="No events in that range: the document is empty. Widen the dates or clear the lot." />
          ) : null}
          {state.step === 'refused' ? <ErrorBanner error={state.error} title="Not exported" onClose={() => setState({ step: 'idle' })} /> : null}
        </Stack>
      </form>
    </Panel>
  );
}
