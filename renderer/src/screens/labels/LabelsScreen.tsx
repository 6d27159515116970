// Label templates: pick one and what it labels (a lot, a serial, or an SSCC with its shipment — typed or scanned), see
// the live preview of exactly the ZPL a printer gets, edit the template's JSON with the preview following as you type,
// save it (a new audited version, with a reason) or go back to the shipped template, and print it.
import { useState } from 'react';
import { Badge, Button, Grid, Group, NumberInput, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { Pencil, Printer } from 'lucide-react';
import type { LabelTemplateDetail, LabelTemplateSummary, TemplateIssue } from '../../../../common/api/labels';
import type { LabelDpi } from '../../../../common/labels/template';
import type { Route } from '../../app/routes';
import { navigate } from '../../app/navigation';
import { useCommand } from '../../api/useCommand';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { ScanInput } from '../../components/ScanInput';
import { Screen } from '../../components/Screen';
import { useScanTarget } from '../../frame/scanTarget';
import { DpiControl } from '../../printing/DpiControl';
import { PrinterSelect } from '../../printing/PrinterSelect';
import { PrintProgressView } from '../../printing/PrintProgressView';
import { useLabelPrint } from '../../printing/useLabelPrint';
import { choosePrinter, usePrinterChoice } from '../../printing/printerChoice';
import { LabelPreviewPanel } from './LabelPreviewPanel';
import { readDraft, TemplateEditor, templateText } from './TemplateEditor';
import type { PreviewRequest } from './useLabelPreview';
import { useLabelPreview } from './useLabelPreview';
import classes from './LabelsScreen.module.css';

type LabelsRoute = Extract<Route, { screen: 'labels' }>;

const subjectWords = {
  lot: { field: 'Lot', placeholder: 'PART:LOT, or scan a lot label' },
  serial: { field: 'Serial', placeholder: 'PART#SERIAL, or scan a serial label' },
  sscc: { field: 'SSCC', placeholder: '18 digits, or scan a shipping label' },
} as const;

function TemplateList({
  templates,
  active,
  onPick,
}: {
  templates: readonly LabelTemplateSummary[];
  active: string;
  onPick: (t: LabelTemplateSummary) => void;
}) {
  return (
    <Stack gap="xs" data-testid="label-templates">
      {templates.map((t) => (
        <UnstyledButton
          key={t.name}
          className={classes.templateItem}
          data-active={t.name === active || undefined}
          onClick={() => onPick(t)}
          data-testid={`label-template-${t.name}`}
          aria-current={t.name === active}
        >
          <Group justify="space-between" gap={6} wrap="nowrap">
            <Text fw={700}>{t.title}</Text>
            <Badge
              size="sm"
              variant={t.source === 'edited' ? 'filled' : 'light'}
              color={t.source === 'edited' ? 'indigo' : 'gray'}
              data-testid="label-template-source"
            >
              {t.source === 'edited' ? `Edited v${t.version}` : 'Shipped'}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t.name} · {t.widthMm} × {t.heightMm} mm · {t.subject}
          </Text>
        </UnstyledButton>
      ))}
    </Stack>
  );
}

/** Recent lots or serials to pick from, beside the scan field. */
function RecentUnits({ subject, onPick }: { subject: 'lot' | 'serial'; onPick: (ref: string) => void }) {
  const units = useCommand(subject === 'lot' ? 'lots.list' : 'serials.list', { limit: 50 });
  return (
    <Select
      w={280}
      label={`Or pick a recent ${subject}`}
      searchable
      data={(units.data ?? []).map((u) => ({ value: u.ref, label: `${u.ref} — ${u.description}` }))}
      value={null}
      onChange={(ref) => ref && onPick(ref)}
      data-testid="label-recent"
    />
  );
}

function PrintPanel({
  template,
  unitRef,
  shipment,
  dpi,
  disabledReason,
}: {
  template: LabelTemplateSummary;
  unitRef: string;
  shipment: string;
  dpi: LabelDpi;
  disabledReason: string | null;
}) {
  const printer = usePrinterChoice((s) => s.printers.labels ?? null);
  const [copies, setCopies] = useState(1);
  const run = useLabelPrint();
  const subject = `${template.name} label for ${unitRef}`;
  const why = disabledReason ?? (!printer ? 'Choose a printer first.' : null);
  return (
    <Panel title="Print" testId="label-print-panel">
      <Stack gap="sm">
        <PrinterSelect value={printer} onChange={(address) => choosePrinter('labels', address)} />
        <Group gap="sm" align="flex-end">
          <NumberInput
            w={120}
            label="Copies"
            min={1}
            max={999}
            value={copies}
            onChange={(v) => setCopies(typeof v === 'number' ? v : 1)}
            data-testid="print-copies"
          />
          <Button
            leftSection={<Printer size={18} />}
            disabled={why !== null || run.busy}
            loading={run.busy}
            onClick={() =>
              printer && run.print({ printer, template: template.name, ref: unitRef, shipment: shipment || undefined, dpi, copies })
            }
            data-testid="print-label"
          >
            Print {copies > 1 ? `${copies} copies` : 'label'}
          </Button>
          {why ? (
            <Text size="sm" c="dimmed">
              {why}
            </Text>
          ) : null}
        </Group>
        {run.progress ? (
          <PrintProgressView
            progress={run.progress}
            subject={subject}
            onRetry={run.retry}
            onReprint={run.reprint}
            onPrintWithReason={run.printWithReason}
            onTryAgain={run.tryAgain}
          />
        ) : null}
      </Stack>
    </Panel>
  );
}

function issuesOf(details: unknown): TemplateIssue[] {
  if (typeof details !== 'object' || details === null || !('issues' in details) || !Array.isArray(details.issues)) return [];
  return details.issues as TemplateIssue[];
}

function TemplateWorkspace({ detail, route }: { detail: LabelTemplateDetail; route: LabelsRoute }) {
  const [ref, setRefState] = useState(route.ref ?? '');
  // The address keeps what is labelled, so a reload or another template of the same subject shows it again.
  const setRef = (next: string) => {
    setRefState(next);
    navigate({ screen: 'labels', template: detail.name, ...(next.trim() ? { ref: next.trim() } : {}) }, { replace: true });
  };
  const [shipment, setShipment] = useState('');
  const dpi = usePrinterChoice((s) => s.dpi.labels ?? 203);
  const saved = templateText(detail);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const current = text ?? saved;
  const draft = readDraft(current, saved);
  const words = subjectWords[detail.subject];
  // A scan made anywhere on the screen names what the label is for.
  useScanTarget((scanned) => setRef(scanned.trim()));

  const source = draft.kind === 'changed' ? { definition: draft.definition } : { template: detail.name };
  const request: PreviewRequest | null =
    !ref.trim() || draft.kind === 'json-error'
      ? null
      : {
          ...source,
          ref: ref.trim(),
          ...(detail.subject === 'sscc' && shipment.trim() ? { shipment: shipment.trim() } : {}),
          dpi,
          format: 'png',
        };
  const preview = useLabelPreview(request);
  const issues = draft.kind === 'changed' && preview.error ? issuesOf(preview.error.details) : [];

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <ScanInput
          style={{ flex: 1, minWidth: 280 }}
          label={`${words.field} to label`}
          placeholder={words.placeholder}
          value={ref}
          onChange={setRef}
          data-testid="label-ref"
        />
        {detail.subject !== 'sscc' ? (
          <RecentUnits subject={detail.subject} onPick={setRef} />
        ) : (
          <TextInput
            w={200}
            label="Shipment (optional)"
            placeholder="SH-000026"
            value={shipment}
            onChange={(e) => setShipment(e.currentTarget.value)}
            data-testid="label-shipment"
          />
        )}
        <DpiControl place="labels" testId="label-dpi" />
      </Group>
      {notice ? (
        <ResultBanner tone="accepted" title="Saved" onClose={() => setNotice(null)}>
          <span data-testid="template-saved">{notice}</span>
        </ResultBanner>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: editing ? 6 : 8 }}>
          <Stack gap="md">
            <LabelPreviewPanel
              preview={preview}
              request={request}
              fileName={`${detail.name}-${ref || 'label'}`}
              emptyText={`Scan or type a ${words.field.toLowerCase()} to see the label.`}
            />
            <PrintPanel
              template={detail}
              unitRef={ref.trim()}
              shipment={shipment.trim()}
              dpi={dpi}
              disabledReason={
                !ref.trim()
                  ? `Name the ${words.field.toLowerCase()} first.`
                  : draft.kind !== 'unchanged'
                    ? 'Save or discard the edit to print: labels print from a saved template.'
                    : null
              }
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: editing ? 6 : 4 }}>
          <Panel
            title={
              <Group gap={8}>
                <span>Template {detail.name}</span>
                <Badge
                  variant={detail.source === 'edited' ? 'filled' : 'light'}
                  color={detail.source === 'edited' ? 'indigo' : 'gray'}
                  data-testid="template-source"
                >
                  {detail.source === 'edited'
                    ? `Edited · version ${detail.version}`
                    : detail.version > 0
                      ? `Shipped · version ${detail.version}`
                      : 'Shipped'}
                </Badge>
              </Group>
            }
            actions={
              !editing ? (
                <Button
                  size="sm"
                  variant="default"
                  leftSection={<Pencil size={16} />}
                  onClick={() => setEditing(true)}
                  data-testid="template-edit"
                >
                  Edit
                </Button>
              ) : null
            }
            testId="template-panel"
          >
            {editing ? (
              <TemplateEditor
                detail={detail}
                text={current}
                onText={(t) => {
                  setNotice(null);
                  setText(t);
                }}
                draft={draft}
                issues={issues}
                onStored={(_stored, what) => {
                  setText(null);
                  setNotice(what);
                }}
              />
            ) : (
              <Stack gap={6}>
                <Text size="sm">{detail.description}</Text>
                <Text size="sm" c="dimmed">
                  Binds {detail.fields.join(', ')}
                </Text>
              </Stack>
            )}
          </Panel>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function LabelsScreen({ route }: { route: LabelsRoute }) {
  const templates = useCommand('labels.templates', {});
  const name = route.template ?? templates.data?.[0]?.name ?? null;
  const detail = useCommand('labels.template', name ? { name } : null);
  const ready = templates.status === 'ready' && detail.status === 'ready';
  return (
    <Screen
      name="labels"
      title="Labels"
      subtitle="Templates with a live preview of the ZPL the printer gets; edit, save with a reason, print."
      ready={ready}
      error={templates.error ?? detail.error}
    >
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          {templates.data ? (
            <TemplateList
              templates={templates.data}
              active={name ?? ''}
              onPick={(t) => {
                const same = templates.data?.find((x) => x.name === name)?.subject === t.subject;
                navigate({ screen: 'labels', template: t.name, ...(same && route.ref ? { ref: route.ref } : {}) });
              }}
            />
          ) : null}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {detail.data ? <TemplateWorkspace key={`${detail.data.name}`} detail={detail.data} route={route} /> : null}
        </Grid.Col>
      </Grid>
    </Screen>
  );
}
