// Audit packages for regulators: pick the scope (a lot or serial with its trace, an item and dates, a work order, a
// recall campaign), see what the package will hold and its size, write it with a progress bar that can be cancelled,
// then check it as the auditor would (every file against the manifest, the audit trail extract against its chain).
// "Sign the manifest" signs the package's manifest.json through the sign dialog as the package is written.
import { useState } from 'react';
import type { ChangeEvent } from 'react';
import { Button, Checkbox, Group, Progress, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { Download, FileArchive, ShieldCheck, X } from 'lucide-react';
import { packageSignatureMeanings } from '../../../../common/api/packages';
import type { PackagePreview, PackageProgress, PackageResult, PackageScope, PackageScopeKind, PackageVerification } from '../../../../common/api/packages';
import { ApiError, call, hostLink, onTopic, transportKind } from '../../api/client';
import { useCommand } from '../../api/useCommand';
import { playResultTone } from '../../app/resultTone';
import { DataTable } from '../../components/DataTable';
import { FactGrid } from '../../components/FactGrid';
import { Panel } from '../../components/Panel';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { Screen } from '../../components/Screen';
import { SignDialog } from '../../components/SignDialog';
import type { SigningComponents } from '../../components/SignDialog';
import { formatBytes } from '../../format/bytes';
import { followDownload } from '../../format/files';
import { defaultPackageFile, scopeFrom, scopeLabels } from './packageScope';
import type { ScopeFields } from './packageScope';

type ExportState =
  | { step: 'idle' }
  | { step: 'writing'; job: string; progress: PackageProgress | null }
  | { step: 'done'; result: PackageResult; verification: PackageVerification | null }
  | { step: 'failed'; error: ApiError; cancelled: boolean };

/** The id the export's progress events and its cancel name. */
function newJobId(): string {
  return `package-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

const emptyFields: ScopeFields = { ref: '', part: '', from: '', to: '', number: '', campaign: '' };

export function PackagesScreen() {
  const info = useCommand('system.info', {});
  const [kind, setKind] = useState<PackageScopeKind>('lot');
  const [fields, setFields] = useState<ScopeFields>(emptyFields);
  const [fsma, setFsma] = useState(false);
  const [signManifest, setSignManifest] = useState(false);
  const [signing, setSigning] = useState(false);
  const [file, setFile] = useState('');
  const [preview, setPreview] = useState<{ scope: PackageScope; value: PackagePreview } | { error: ApiError } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [state, setState] = useState<ExportState>({ step: 'idle' });
  const scope = scopeFrom(kind, fields);
  const set = (name: keyof ScopeFields) => (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setFields((f) => ({ ...f, [name]: value }));
    setPreview(null);
  };
  const outFile = file || (scope && info.data ? defaultPackageFile(info.data.database, scope, new Date()) : '');

  async function runPreview() {
    if (!scope) return;
    setPreviewing(true);
    try {
      setPreview({ scope, value: await call('packages.preview', { scope }) });
    } catch (error) {
      setPreview({ error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)) });
    } finally {
      setPreviewing(false);
    }
  }

  /** Writes the package; signed, a refusal is thrown back to the sign dialog (which shows it and stays open). */
  async function runExport(sign?: SigningComponents) {
    if (!scope || !outFile) return;
    const job = newJobId();
    setState({ step: 'writing', job, progress: null });
    const stop = onTopic('progress', (p) => {
      if (p.command === 'packages.export' && p.job === job) setState((s) => (s.step === 'writing' ? { ...s, progress: p } : s));
    });
    try {
      const result = await call('packages.export', { scope, file: outFile, job, ...(fsma ? { fsma: true } : {}), ...(sign ? { sign: { ...sign, meaning: packageMeaning(sign.meaning) } } : {}) });
      setState({ step: 'done', result, verification: null });
      setSigning(false);
      playResultTone('accepted');
    } catch (error) {
      const api = error instanceof ApiError ? error : new ApiError('INTERNAL', String(error));
      const cancelled = (api.details as { cancelled?: boolean } | undefined)?.cancelled === true;
      if (sign && !cancelled) {
        setState({ step: 'idle' });
        throw api;
      }
      setSigning(false);
      setState({ step: 'failed', error: api, cancelled });
      if (!cancelled) playResultTone('refused');
    } finally {
      stop();
    }
  }

  /** Over the web host the zip is on the host's disk: a one-time link streams it to this browser. */
  async function download(result: PackageResult) {
    if (result.packageId === null) return;
    try {
      const link = await call('packages.download', { id: result.packageId });
      const url = hostLink(link.path);
      if (url) followDownload(url, link.fileName);
    } catch (error) {
      setState({ step: 'failed', error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)), cancelled: false });
    }
  }

  async function verify(result: PackageResult) {
    try {
      const verification = await call('packages.verify', { file: result.file });
      setState({ step: 'done', result, verification });
      playResultTone(verification.ok ? 'accepted' : 'refused');
    } catch (error) {
      setState({ step: 'failed', error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)), cancelled: false });
    }
  }

  const shown = preview && 'value' in preview && scope && JSON.stringify(preview.scope) === JSON.stringify(scope) ? preview.value : null;

  return (
    <Screen name="packages" title="Audit packages" subtitle="One file for an investigator or auditor: records, data, audit trail and a manifest anyone can check" ready={info.status !== 'loading'}>
      <Panel title="Scope">
        <Stack gap="md">
          <SegmentedControl
            value={kind}
            onChange={(v) => {
              setKind(v as PackageScopeKind);
              setPreview(null);
            }}
            data={Object.entries(scopeLabels).map(([value, label]) => ({ value, label }))}
            aria-label="Scope"
          />
          <Group align="flex-end" gap="md">
            {kind === 'lot' || kind === 'serial' ? (
              <TextInput label={kind === 'lot' ? 'Lot (PART:LOT or GS1 data)' : 'Serial (PART#SERIAL or GS1 data)'} value={fields.ref} onChange={set('ref')} w={320} data-testid="scope-ref" />
            ) : null}
            {kind === 'item' ? (
              <>
                <TextInput label="Item (part number)" value={fields.part} onChange={set('part')} w={200} data-testid="scope-part" />
                <TextInput label="Made from" type="date" value={fields.from} onChange={set('from')} w={170} data-testid="scope-from" />
                <TextInput label="to" type="date" value={fields.to} onChange={set('to')} w={170} data-testid="scope-to" />
              </>
            ) : null}
            {kind === 'workOrder' ? <TextInput label="Work order" value={fields.number} onChange={set('number')} w={200} data-testid="scope-number" /> : null}
            {kind === 'campaign' ? <TextInput label="Recall campaign number" value={fields.campaign} onChange={set('campaign')} w={200} data-testid="scope-campaign" /> : null}
            <Button onClick={() => void runPreview()} disabled={!scope} loading={previewing} data-testid="package-preview-button">
              Preview
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            Lots and serials are packaged with their backward trace (what they were made from) and forward trace (what they went into and who received it).
          </Text>
        </Stack>
      </Panel>

      {preview && 'error' in preview ? <ErrorBanner error={preview.error} title="Cannot package this scope" onClose={() => setPreview(null)} /> : null}

      {shown ? (
        <Panel title="What the package will hold" testId="package-preview">
          <Stack gap="md">
            <Text fw={600} data-testid="package-preview-title">
              {shown.title}
            </Text>
            <FactGrid
              cols={4}
              facts={[
                { label: 'Lots and serials', value: shown.units.toLocaleString() },
                { label: 'Events', value: shown.events.toLocaleString() },
                { label: 'Audit trail rows', value: shown.auditRows.toLocaleString() },
                { label: 'Record PDFs', value: `${shown.records.ebr} EBR, ${shown.records.dhr} DHR, ${shown.records.coa} CoA` },
                { label: 'Recall campaigns', value: `${shown.recall.campaigns}: ${shown.recall.letters} letter(s), ${shown.recall.reports} report(s)` },
                { label: 'Supplier certificates', value: `${shown.certificates.files} (${formatBytes(shown.certificates.bytes)})` },
                { label: 'Files', value: shown.files.toLocaleString() },
                { label: 'Estimated size', value: <span data-testid="package-estimate">{formatBytes(shown.estimatedBytes)} before compression</span> },
              ]}
            />
            <DataTable
              rows={shown.tables}
              rowKey={(r) => r.name}
              testId="package-tables"
              columns={[
                { key: 'name', header: 'Data table (CSV and JSON)', render: (r) => r.name },
                { key: 'rows', header: 'Rows', width: 120, align: 'right', render: (r) => r.rows.toLocaleString() },
              ]}
            />
            <Group align="flex-end" gap="md">
              <TextInput label="Write the package to" value={outFile} onChange={(e) => setFile(e.currentTarget.value)} w={520} data-testid="package-file" />
              <Checkbox label="Include the FSMA 204 spreadsheet (foods)" checked={fsma} onChange={(e) => setFsma(e.currentTarget.checked)} />
              <Checkbox label="Sign the manifest" checked={signManifest} onChange={(e) => setSignManifest(e.currentTarget.checked)} data-testid="package-sign" />
              <Button
                leftSection={<FileArchive size={18} />}
                onClick={() => (signManifest ? setSigning(true) : void runExport())}
                disabled={state.step === 'writing' || !outFile}
                data-testid="package-export-button"
              >
                {signManifest ? 'Export and sign…' : 'Export package'}
              </Button>
            </Group>
          </Stack>
        </Panel>
      ) : null}

      {shown ? (
        <SignDialog
          opened={signing}
          title={`Manifest of the audit package ${outFile.split(/[\\/]/).pop() ?? ''}`}
          facts={[
            { label: 'Scope', value: shown.title },
            { label: 'File', value: outFile },
            { label: 'Signed', value: 'manifest.json — every file of the package with its SHA-256 — as it is written now; the signature binds its SHA-256' },
          ]}
          meanings={packageSignatureMeanings}
          onSign={(components) => runExport(components)}
          onCancel={() => setSigning(false)}
        />
      ) : null}

      {state.step === 'writing' ? (
        <Panel title="Writing the package" testId="package-progress">
          <Stack gap={6}>
            <Progress size="xl" value={state.progress ? (state.progress.files / Math.max(1, state.progress.totalFiles)) * 100 : 0} aria-label="Writing the package" />
            <Group justify="space-between">
              <Text size="sm" data-testid="package-progress-count">
                {state.progress
                  ? `${state.progress.files.toLocaleString()} of ${state.progress.totalFiles.toLocaleString()} files, ${formatBytes(state.progress.bytes)} written${state.progress.current ? ` — ${state.progress.current}` : ''}`
                  : 'Reading the scope…'}
              </Text>
              <Button variant="default" leftSection={<X size={16} />} onClick={() => void call('packages.cancel', { job: state.job })} data-testid="package-cancel">
                Cancel
              </Button>
            </Group>
          </Stack>
        </Panel>
      ) : null}

      {state.step === 'failed' ? (
        state.cancelled ? (
          <ResultBanner tone="attention" title="Export cancelled" onClose={() => setState({ step: 'idle' })}>
            <Text inherit>Nothing was written under the file name. Start the export again when you are ready.</Text>
          </ResultBanner>
        ) : (
          <ErrorBanner error={state.error} title="The package was not written" onClose={() => setState({ step: 'idle' })} />
        )
      ) : null}

      {state.step === 'done' ? (
        <Stack gap="sm" data-testid="package-result">
          <ResultBanner tone="accepted" title={`Audit package written: ${state.result.files} files, ${formatBytes(state.result.bytes)}`}>
            <Text inherit>
              <code data-testid="package-result-file">{state.result.file}</code> ({state.result.seconds.toFixed(1)} s). manifest.json SHA-256 <code>{state.result.manifestSha256}</code>.
            </Text>
            {state.result.signature ? (
              <Text inherit data-testid="package-signed">
                Manifest signed by {state.result.signature.printedName} ({state.result.signature.username}) as {state.result.signature.meaning}, {state.result.signature.signedAt}: manifest.signature.json.
              </Text>
            ) : null}
            <Text inherit>Hand over the zip; the auditor opens index.html and can check it with sha256sum -c manifest.sha256.</Text>
            <Group gap="xs" mt="xs">
              <Button size="xs" variant="white" color="dark" leftSection={<ShieldCheck size={16} />} onClick={() => void verify(state.result)} data-testid="package-verify">
                Verify the package
              </Button>
              {transportKind === 'web' && state.result.packageId !== null ? (
                <Button size="xs" variant="white" color="dark" leftSection={<Download size={16} />} onClick={() => void download(state.result)} data-testid="package-download">
                  Download ({formatBytes(state.result.bytes)})
                </Button>
              ) : null}
            </Group>
          </ResultBanner>
          {state.verification ? <VerificationBanner v={state.verification} /> : null}
        </Stack>
      ) : null}
    </Screen>
  );
}

function VerificationBanner({ v }: { v: PackageVerification }) {
  if (v.ok) {
    return (
      <ResultBanner tone="accepted" title="Package verified">
        <Text inherit data-testid="package-verified">
          All {v.listed} files match their SHA-256; the audit trail extract ({v.audit.rows} rows) recomputes and its chain ends at the head in the manifest.
        </Text>
        {v.signature ? (
          <Text inherit data-testid="package-signature-verified">
            The manifest signature by {v.signature.printedName} ({v.signature.username}, {v.signature.meaning}) binds this manifest
            {v.signature.checkedInDatabase ? ', and its signature record in the database is valid' : ` (its signature record: ${v.signature.notChecked ?? 'not checked'})`}.
          </Text>
        ) : null}
      </ResultBanner>
    );
  }
  return (
    <ResultBanner tone="refused" title={`Package NOT verified: ${v.problems.length} problem(s)`}>
      <Stack gap={2}>
        {v.problems.slice(0, 20).map((p) => (
          <Text inherit key={p}>
            {p}
          </Text>
        ))}
      </Stack>
    </ResultBanner>
  );
}

/** The sign dialog offers only the package meanings; narrowed here for the command's type. */
function packageMeaning(meaning: string): (typeof packageSignatureMeanings)[number] {
  const found = packageSignatureMeanings.find((m) => m === meaning);
  if (found === undefined) throw new ApiError('VALIDATION', `sign.meaning: a package manifest is signed as ${packageSignatureMeanings.join(', ')}`);
  return found;
}
