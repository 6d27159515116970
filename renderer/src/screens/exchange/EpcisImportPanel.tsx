// EPCIS import: drop or choose a JSON-LD file; it is read (with progress, cancellable), sent whole, and imported all
// or nothing, the import's own progress (events and bytes read) followed on the api's progress topic. The answer:
// what was imported, what was already there, what master data was created; or the event and field that stopped it.
import { useEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { Button, Group, List, Progress, Stack, Text } from '@mantine/core';
import { FileUp, X } from 'lucide-react';
import type { EpcisImportProgress, EpcisImportResult } from '../../../../common/api/epcis';
import { ApiError, call, onTopic, transportKind } from '../../api/client';
import { playResultTone } from '../../app/resultTone';
import { FactGrid } from '../../components/FactGrid';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { formatBytes } from '../../format/bytes';
import { plural } from '../../format/plural';
import type { ImportRefusal } from './epcisExchange';
import { countEvents, readImportRefusal } from './epcisExchange';
import classes from './ExchangeScreen.module.css';

/** The web host takes request bodies up to 5 MB; the JSON envelope adds a little to the document. */
const WEB_IMPORT_LIMIT = 4.5 * 1024 * 1024;
/** Documents up to this size are counted before they are sent (parsing a larger one here costs too much). */
const COUNTED_BEFORE = 8 * 1024 * 1024;

type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; name: string; size: number; loaded: number; reader: FileReader }
  | { step: 'importing'; name: string; size: number; events: number | null; startedAt: number; progress: EpcisImportProgress | null }
  | { step: 'done'; name: string; result: EpcisImportResult; seconds: number }
  | { step: 'refused'; name: string; refusal: ImportRefusal; code: string }
  | { step: 'tooLarge'; name: string; size: number };

function readText(file: File, onProgress: (loaded: number) => void, onReader: (reader: FileReader) => void): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded);
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onabort = () => resolve(null);
    reader.onerror = () => reject(new Error(`${file.name} could not be read: ${reader.error?.message ?? 'unknown error'}`));
    onReader(reader);
    reader.readAsText(file);
  });
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return <>{Math.max(0, Math.round((now - since) / 1000))} s</>;
}

function ImportAnswer({ state }: { state: Extract<ImportState, { step: 'done' }> }) {
  const { result } = state;
  const p = result.placeholders;
  const created = p.items.length + p.locations.length + p.suppliers.length + p.customers.length + p.units;
  const nothingNew = result.imported === 0 && result.skipped > 0;
  return (
    <Stack gap="sm" data-testid="import-result">
      <ResultBanner
        tone="accepted"
        title={
          nothingNew
            ? `Nothing new in ${state.name}: its ${plural(result.skipped, 'event was', 'events were')} already recorded`
            : `Imported ${state.name}: ${plural(result.imported, 'event')} recorded`
        }
      >
        <Text inherit>
          {plural(result.events, 'event')} in the document, read in {state.seconds.toFixed(1)} s.
        </Text>
      </ResultBanner>
      <FactGrid
        cols={4}
        facts={[
          { label: 'Events in document', value: <span data-testid="import-events">{result.events.toLocaleString()}</span> },
          { label: 'Imported', value: <span data-testid="import-imported">{result.imported.toLocaleString()}</span> },
          { label: 'Already present', value: <span data-testid="import-skipped">{result.skipped.toLocaleString()}</span> },
          { label: 'Error corrections', value: <span data-testid="import-corrections">{result.corrections.toLocaleString()}</span> },
        ]}
      />
      <Text fw={700} size="sm" mt="xs">
        Placeholders created (master data the document named that Lotline did not know)
      </Text>
      <FactGrid
        cols={5}
        facts={[
          { label: 'Items', value: <span data-testid="import-placeholder-items">{p.items.length}</span> },
          { label: 'Locations', value: <span data-testid="import-placeholder-locations">{p.locations.length}</span> },
          { label: 'Suppliers', value: <span data-testid="import-placeholder-suppliers">{p.suppliers.length}</span> },
          { label: 'Customers', value: <span data-testid="import-placeholder-customers">{p.customers.length}</span> },
          { label: 'Lots & serials', value: <span data-testid="import-placeholder-units">{p.units}</span> },
        ]}
      />
      {created > 0 && (p.items.length > 0 || p.locations.length > 0 || p.suppliers.length > 0 || p.customers.length > 0) ? (
        <ResultBanner tone="attention" title="Complete the placeholders: they have codes but no names or settings yet">
          <List size="sm" spacing={2}>
            {p.items.slice(0, 8).map((i) => (
              <List.Item key={i.part}>
                Item {i.part}
                {i.gtin ? ` (GTIN ${i.gtin})` : ''}
              </List.Item>
            ))}
            {p.items.length > 8 ? <List.Item>… and {p.items.length - 8} more items</List.Item> : null}
            {p.locations.length ? <List.Item>Locations: {p.locations.slice(0, 6).join(', ')}{p.locations.length > 6 ? ', …' : ''}</List.Item> : null}
            {p.suppliers.length ? <List.Item>Suppliers: {p.suppliers.slice(0, 6).join(', ')}{p.suppliers.length > 6 ? ', …' : ''}</List.Item> : null}
            {p.customers.length ? <List.Item>Customers: {p.customers.slice(0, 6).join(', ')}{p.customers.length > 6 ? ', …' : ''}</List.Item> : null}
          </List>
        </ResultBanner>
      ) : null}
    </Stack>
  );
}

function RefusalAnswer({ state }: { state: Extract<ImportState, { step: 'refused' }> }) {
  const { refusal } = state;
  const title =
    refusal.index !== null ? `Not imported: event ${refusal.index + 1} of ${state.name} was refused` : `Not imported: ${state.name} was refused`;
  return (
    <Stack gap="sm" data-testid="import-refused">
      <ResultBanner tone="refused" title={title}>
        <Text inherit data-testid="import-reason">
          {refusal.reason}
        </Text>
        <Text inherit size="sm" mt={4}>
          Nothing was imported: the document is imported whole or not at all. Correct it (or ask its sender to), then import it again.
        </Text>
      </ResultBanner>
      <FactGrid
        cols={2}
        facts={[
          { label: 'Event', value: <span data-testid="import-refused-event">{refusal.index !== null ? `eventList[${refusal.index}] (event ${refusal.index + 1})` : 'The document as a whole'}</span> },
          { label: 'Field', value: <Text span ff="monospace" inherit data-testid="import-refused-field">{refusal.field ?? '—'}</Text> },
        ]}
      />
      <FactGrid
        cols={1}
        facts={[{ label: 'eventID', value: <Text span ff="monospace" inherit style={{ wordBreak: 'break-all' }} data-testid="import-refused-eventid">{refusal.eventID ?? '—'}</Text> }]}
      />
    </Stack>
  );
}

export function EpcisImportPanel() {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = state.step === 'reading' || state.step === 'importing';

  const importFile = async (file: File) => {
    if (transportKind === 'web' && file.size > WEB_IMPORT_LIMIT) {
      setState({ step: 'tooLarge', name: file.name, size: file.size });
      playResultTone('refused');
      return;
    }
    let text: string | null;
    try {
      text = await readText(
        file,
        (loaded) => setState((s) => (s.step === 'reading' ? { ...s, loaded } : s)),
        (reader) => setState({ step: 'reading', name: file.name, size: file.size, loaded: 0, reader }),
      );
    } catch (error) {
      setState({ step: 'refused', name: file.name, code: 'VALIDATION', refusal: readImportRefusal(error instanceof Error ? error.message : String(error)) });
      playResultTone('refused');
      return;
    }
    if (text === null) {
      setState({ step: 'idle' });
      return;
    }
    const startedAt = Date.now();
    const job = `import-${startedAt}-${Math.random().toString(36).slice(2, 10)}`;
    setState({ step: 'importing', name: file.name, size: file.size, events: text.length <= COUNTED_BEFORE ? countEvents(text) : null, startedAt, progress: null });
    const stopFollowing = onTopic('progress', (progress) => {
      if (progress.command === 'epcis.import' && progress.job === job) setState((s) => (s.step === 'importing' ? { ...s, progress } : s));
    });
    try {
      const result = await call('epcis.import', { text, job });
      setState({ step: 'done', name: file.name, result, seconds: (Date.now() - startedAt) / 1000 });
      playResultTone('accepted');
    } catch (error) {
      const api = error instanceof ApiError ? error : new ApiError('INTERNAL', String(error));
      setState({ step: 'refused', name: file.name, code: api.code, refusal: readImportRefusal(api.message, api.details) });
      playResultTone('refused');
    } finally {
      stopFollowing();
    }
  };

  const choose = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !busy) void importFile(file);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files);
  };

  return (
    <Panel title="Import an EPCIS document" testId="epcis-import">
      <Stack gap="md">
        <div
          className={classes.dropzone}
          data-dragging={dragging || undefined}
          data-testid="epcis-dropzone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <FileUp size={36} aria-hidden strokeWidth={1.75} />
          <Text fw={600} size="lg">
            Drop an EPCIS 2.0 JSON-LD file here
          </Text>
          <Text size="sm" c="dimmed">
            ObjectEvents, AggregationEvents and TransformationEvents; all of them are imported, or none.
          </Text>
          <Button size="md" mt="xs" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="epcis-choose">
            Choose a file…
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            hidden
            data-testid="epcis-file"
            onChange={(event) => {
              choose(event.currentTarget.files);
              event.currentTarget.value = '';
            }}
          />
        </div>

        {state.step === 'reading' ? (
          <Stack gap={6} data-testid="import-progress">
            <Group justify="space-between">
              <Text fw={600}>
                Reading {state.name}: {formatBytes(state.loaded)} of {formatBytes(state.size)}
              </Text>
              <Button variant="default" leftSection={<X size={16} />} onClick={() => state.reader.abort()}>
                Cancel
              </Button>
            </Group>
            <Progress size="xl" value={(state.loaded / Math.max(1, state.size)) * 100} aria-label="Reading the file" />
          </Stack>
        ) : null}

        {state.step === 'importing' ? (
          <Stack gap={6} data-testid="import-progress">
            <Text fw={600}>
              Importing {state.events !== null ? plural(state.events, 'event') : 'the events'} from {state.name} ({formatBytes(state.size)})…{' '}
              <Elapsed since={state.startedAt} />
            </Text>
            {state.progress ? (
              <>
                <Progress size="xl" value={(state.progress.bytes / Math.max(1, state.progress.totalBytes)) * 100} aria-label="Importing" />
                <Text size="sm" data-testid="import-progress-count">
                  {plural(state.progress.events, 'event')} read{state.events !== null ? ` of ${state.events.toLocaleString()}` : ''}, {formatBytes(state.progress.bytes)} of{' '}
                  {formatBytes(state.progress.totalBytes)}
                </Text>
              </>
            ) : (
              <Progress size="xl" value={100} striped animated aria-label="Importing" />
            )}
            <Text size="sm" c="dimmed">
              Checked against the EPCIS 2.0 schema and the CBV, then written in one transaction: if one event is refused, nothing changes.
            </Text>
          </Stack>
        ) : null}

        {state.step === 'done' ? <ImportAnswer state={state} /> : null}
        {state.step === 'refused' ? <RefusalAnswer state={state} /> : null}
        {state.step === 'tooLarge' ? (
          <ResultBanner tone="refused" title={`${state.name} is too large to import from this window (${formatBytes(state.size)})`}>
            <Text inherit>
              A browser window sends up to {formatBytes(WEB_IMPORT_LIMIT)}. Import it on the server with{' '}
              <code>lotline epcis import {state.name}</code>, which streams documents of any size, or from the desktop app.
            </Text>
          </ResultBanner>
        ) : null}
      </Stack>
    </Panel>
  );
}
