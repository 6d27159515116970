// Supplier certificates of a lot: listed with their SHA-256, downloaded byte-exact, attached by choosing a file.
import { useState } from 'react';
import { Button, Code, FileInput, Group, Select, Stack, TextInput } from '@mantine/core';
import { FileDown, Paperclip } from 'lucide-react';
import type { Certificate, CertificateKind } from '../../../../common/api/quality';
import { MAX_CERTIFICATE_BYTES, certificateKinds } from '../../../../common/api/quality';
import type { ApiError } from '../../api/client';
import { call } from '../../api/client';
import { useAction } from '../../api/useAction';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { Time } from '../../components/Time';
import { formatBytes } from '../../format/bytes';
import { downloadBase64File, fileToBase64 } from '../../format/files';

type Answer = { tone: 'accepted'; certificate: Certificate } | { tone: 'refused'; error: ApiError };

function AttachForm({ unitRef, onAnswer }: { unitRef: string; onAnswer: (answer: Answer) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<CertificateKind>('CoA');
  const [note, setNote] = useState('');
  const { busy, run } = useAction();
  const tooBig =
    file !== null && file.size > MAX_CERTIFICATE_BYTES
      ? `The file is ${formatBytes(file.size)}; certificates up to ${formatBytes(MAX_CERTIFICATE_BYTES)} are kept.`
      : null;

  const attach = async () => {
    if (!file || tooBig) return;
    const outcome = await run(async () =>
      call('certificates.attach', {
        ref: unitRef,
        kind,
        fileName: file.name,
        mediaType: file.type || 'application/octet-stream',
        contentBase64: await fileToBase64(file),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
    if (!outcome.ok) return onAnswer({ tone: 'refused', error: outcome.error });
    onAnswer({ tone: 'accepted', certificate: outcome.value });
    setFile(null);
    setNote('');
  };

  return (
    <form
      data-testid="certificate-attach-form"
      onSubmit={(event) => {
        event.preventDefault();
        void attach();
      }}
    >
      <Group align="flex-start" gap="sm" wrap="wrap">
        <FileInput
          label="Certificate file"
          placeholder="Choose a file…"
          value={file}
          onChange={setFile}
          error={tooBig}
          leftSection={<Paperclip size={16} />}
          w={260}
          clearable
          data-testid="certificate-file"
        />
        <Select
          label="Kind"
          data={[...certificateKinds]}
          value={kind}
          onChange={(v) => setKind(v ?? 'CoA')}
          allowDeselect={false}
          w={100}
          comboboxProps={{ withinPortal: true }}
          data-testid="certificate-kind"
        />
        <TextInput
          label="Note"
          placeholder="optional"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={500}
          style={{ flex: 1, minWidth: 160 }}
        />
        <Button type="submit" mt={25} loading={busy} disabled={!file || tooBig !== null} data-testid="certificate-attach">
          Attach
        </Button>
      </Group>
    </form>
  );
}

export function CertificatesPanel({ unitRef }: { unitRef: string }) {
  const list = useCommand('certificates.list', { ref: unitRef });
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);

  const { run } = useAction();

  const download = async (certificate: Certificate) => {
    setDownloadError(null);
    const outcome = await run(() => call('certificates.get', { id: certificate.id }));
    if (outcome.ok) downloadBase64File(outcome.value.contentBase64, outcome.value.mediaType, outcome.value.fileName);
    else setDownloadError(outcome.error);
  };

  return (
    <Panel title={`Certificates (${list.data?.length ?? 0})`} testId="unit-certificates">
      <Stack gap="sm">
        {answer?.tone === 'accepted' ? (
          <ResultBanner
            tone="accepted"
            title={`${answer.certificate.kind} ${answer.certificate.fileName} attached`}
            onClose={() => setAnswer(null)}
          >
            Kept with its SHA-256 {answer.certificate.sha256}
          </ResultBanner>
        ) : null}
        {answer?.tone === 'refused' ? (
          <ErrorBanner error={answer.error} title="Certificate not attached" onClose={() => setAnswer(null)} />
        ) : null}
        {downloadError ? <ErrorBanner error={downloadError} title="Could not download" onClose={() => setDownloadError(null)} /> : null}
        <DataTable
          rows={list.data ?? []}
          rowKey={(c) => c.id}
          testId="certificates-table"
          emptyText="No certificates attached."
          columns={[
            { key: 'kind', header: 'Kind', width: 60, render: (c) => c.kind },
            { key: 'file', header: 'File', render: (c) => c.fileName },
            { key: 'size', header: 'Size', width: 90, align: 'right', render: (c) => formatBytes(c.bytes) },
            { key: 'sha', header: 'SHA-256', width: 150, render: (c) => <Code title={c.sha256}>{c.sha256.slice(0, 16)}…</Code> },
            { key: 'at', header: 'Attached', width: 170, render: (c) => <Time iso={c.attachedAt} /> },
            { key: 'by', header: 'By', width: 90, render: (c) => c.attachedBy },
            {
              key: 'download',
              header: '',
              width: 120,
              render: (c) => (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<FileDown size={14} />}
                  onClick={() => void download(c)}
                  data-testid="certificate-download"
                >
                  Download
                </Button>
              ),
            },
          ]}
        />
        <AttachForm unitRef={unitRef} onAnswer={setAnswer} />
      </Stack>
    </Panel>
  );
}
