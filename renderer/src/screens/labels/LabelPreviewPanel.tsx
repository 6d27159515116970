// The preview: the PNG that zpl-renderer-js draws from exactly the ZPL shown under it (collapsible, copyable), and the
// same label as a PDF for office printers.
import { useState } from 'react';
import { ActionIcon, Button, Code, Collapse, CopyButton, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { Check, ChevronDown, ChevronRight, Copy, FileDown } from 'lucide-react';
import type { RenderedLabel } from '../../../../common/api/labels';
import { ApiError, call } from '../../api/client';
import { Panel } from '../../components/Panel';
import { downloadBase64File } from '../../format/files';
import { ResultBanner } from '../../components/ResultBanner';
import type { LabelPreview, PreviewRequest } from './useLabelPreview';
import classes from './LabelsScreen.module.css';

const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');

function ZplText({ label }: { label: RenderedLabel }) {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={4}>
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={open ? <ChevronDown size={16} /> : <ChevronRight size={16} />}
          onClick={() => setOpen((o) => !o)}
          data-testid="label-zpl-toggle"
        >
          ZPL ({label.zpl.length.toLocaleString()} characters)
        </Button>
        <CopyButton value={label.zpl}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy the ZPL'} withArrow>
              <ActionIcon variant="subtle" color="gray" onClick={copy} aria-label="Copy the ZPL" data-testid="label-zpl-copy">
                {copied ? <Check size={16} /> : <Copy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Collapse expanded={open}>
        <Code block className={classes.zpl} data-testid="label-zpl">
          {label.zpl}
        </Code>
      </Collapse>
    </Stack>
  );
}

export function LabelPreviewPanel({
  preview,
  request,
  fileName,
  emptyText,
}: {
  preview: LabelPreview;
  request: PreviewRequest | null;
  fileName: string;
  emptyText: string;
}) {
  const [pdfBusy, setPdfBusy] = useState(false);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const { label, error, pending } = preview;
  const stale = error !== null || pending;
  const downloadPdf = async () => {
    if (!request) return;
    setPdfBusy(true);
    setPdfError(null);
    try {
      const pdf = await call('labels.render', { ...request, format: 'pdf' });
      downloadBase64File(pdf.content, pdf.mimeType, `${fileSafe(fileName)}.pdf`);
    } catch (e) {
      setPdfError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setPdfBusy(false);
    }
  };
  const templateProblem = error?.details && typeof error.details === 'object' && 'issues' in error.details;
  return (
    <Panel
      title="Preview"
      testId="label-preview-panel"
      actions={
        <Group gap="xs">
          {pending ? <Loader size="xs" aria-label="Rendering" /> : null}
          <Button
            size="sm"
            variant="default"
            leftSection={<FileDown size={16} />}
            disabled={!request}
            loading={pdfBusy}
            onClick={() => void downloadPdf()}
            data-testid="label-download-pdf"
          >
            Download PDF
          </Button>
        </Group>
      }
    >
      <Stack gap="sm">
        {error && !templateProblem ? (
          <ResultBanner tone="refused" title="The label cannot be rendered">
            <span data-testid="label-preview-error">{error.message}</span>
          </ResultBanner>
        ) : null}
        {pdfError ? (
          <ResultBanner tone="refused" title="No PDF">
            {pdfError}
          </ResultBanner>
        ) : null}
        {label ? (
          <>
            <div className={classes.previewFrame} data-stale={stale || undefined}>
              <img
                className={classes.preview}
                src={`data:${label.mimeType};base64,${label.content}`}
                alt={`${label.template} label preview, ${label.widthMm} × ${label.heightMm} mm at ${label.dpi} dpi`}
                data-testid="label-preview"
                data-template={label.template}
                data-dpi={label.dpi}
              />
            </div>
            <Text size="xs" c="dimmed">
              {label.widthMm} × {label.heightMm} mm at {label.dpi} dpi — the image is the printer’s ZPL rendered by zpl-renderer-js.
            </Text>
            <ZplText label={label} />
          </>
        ) : !error ? (
          <Text c="dimmed" data-testid="label-preview-empty">
            {request ? 'Rendering…' : emptyText}
          </Text>
        ) : null}
      </Stack>
    </Panel>
  );
}
